//! The admin screen's IPC types are generated from the Rust ones; this keeps the committed
//! copy honest.

use std::path::PathBuf;

#[test]
fn admin_ui_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/admin_bindings.ts");
    let generated = administration::view::typescript_bindings();
    if std::env::var_os("UPDATE_IPC_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust IPC types: run `cargo xtask bindings`",
        path.display()
    );
}
