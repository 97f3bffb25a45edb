//! `cargo xtask bench relay`: the callback relay at fleet scale (crates/relay/benches/
//! relay_load.rs): 1,000 subscribed kiosks, 500 callbacks/s for 20 s across two relay
//! instances on loopback, one restarted halfway, with a real redis-server. It prints a table
//! (latency, callbacks lost, time to answer Entra, CPU and memory) and fails if a callback is
//! lost.

use crate::{Ctx, Result};

pub fn run(ctx: &Ctx) -> Result {
    ctx.banner("prerequisites (redis-server)");
    ctx.system_packages(&["redis-server"])?;
    ctx.banner(
        "benchmark: the callback relay (cargo bench -p enrollment-relay --bench relay_load)",
    );
    ctx.cargo(
        &["bench", "-p", "enrollment-relay", "--bench", "relay_load"],
        &[],
    )
}
