//! The "new version" the update end-to-end test publishes: a real executable, because the
//! updater installs only ELF payloads in place of an AppImage. When the kiosk restarts into
//! it after installing, it writes its command line to `<its own path>.started` and exits, so
//! the test can see both the install (the file's bytes) and the restart (the marker).

use std::io::Write;

fn main() {
    let Ok(exe) = std::env::current_exe() else {
        std::process::exit(1);
    };
    let mut marker = exe.into_os_string();
    marker.push(".started");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let written = std::fs::File::create(&marker)
        .and_then(|mut file| file.write_all(args.join("\n").as_bytes()));
    std::process::exit(if written.is_ok() { 0 } else { 1 });
}
