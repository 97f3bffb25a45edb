//! Cold start and memory (targets: an interactive Welcome within 1.5 s, app RSS under
//! 150 MB). A benchmark: it prints figures and asserts nothing about time.

use std::time::{SystemTime, UNIX_EPOCH};

use e2e::process::marked_processes;
use e2e::Kiosk;

fn status_kb(pid: i32, field: &str) -> u64 {
    proc_kb(pid, "status", field)
}

fn proc_kb(pid: i32, file: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_default()
}

/// How long ago the process started, in ms (from /proc, 10 ms resolution).
fn process_age_ms(pid: i32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("its stat");
    // Field 22 (starttime), counting from the fields after the command name's ")".
    let after_name = stat.rsplit_once(')').expect("stat has a name").1;
    let start_ticks: f64 = after_name
        .split_whitespace()
        .nth(19)
        .and_then(|t| t.parse().ok())
        .expect("starttime");
    // SAFETY: sysconf has no preconditions.
    let ticks_per_sec = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split_whitespace().next()?.parse().ok())
        .expect("uptime");
    (uptime - start_ticks / ticks_per_sec) * 1000.0
}

/// Run by `cargo xtask bench` (or `cargo xtask test e2e -- --ignored startup_benchmark --nocapture`).
#[test]
#[ignore = "benchmark; run explicitly"]
fn startup_benchmark() {
    let kiosk = Kiosk::launch("startup_benchmark", &["--demo"]);
    kiosk.wait_screen("welcome");
    let processes = marked_processes(kiosk.run_dir());
    let app = processes
        .iter()
        .find(|p| p.cmdline.contains("enrollment-kiosk") && !p.cmdline.contains("driver"))
        .expect("the app process");
    let shown_at = kiosk
        .session()
        .execute("return window.__welcomeShownAt || 0;", vec![])
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_default();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0;
    let age = process_age_ms(app.pid);
    assert!(shown_at > 0.0, "Welcome records when it was shown");
    println!(
        "startup: process start -> interactive Welcome {:.0} ms (debug build, demo mode: stand-ins started first)",
        age - (now - shown_at)
    );
    println!(
        "memory: app process RSS {} MB (peak {} MB); its own (private) {} MB, proportional share {} MB",
        status_kb(app.pid, "VmRSS:") / 1024,
        status_kb(app.pid, "VmHWM:") / 1024,
        (proc_kb(app.pid, "smaps_rollup", "Private_Clean:")
            + proc_kb(app.pid, "smaps_rollup", "Private_Dirty:"))
            / 1024,
        proc_kb(app.pid, "smaps_rollup", "Pss:") / 1024
    );
    for web in processes
        .iter()
        .filter(|p| p.cmdline.contains("webkit2gtk-4.1/WebKit"))
    {
        let name: String = web.cmdline.chars().take(48).collect();
        println!(
            "memory: {name} RSS {} MB",
            status_kb(web.pid, "VmRSS:") / 1024
        );
    }
}
