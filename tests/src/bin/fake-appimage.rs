//! The "new version" the update end-to-end test publishes: a real executable, because the
//! updater installs only ELF payloads in place of an AppImage. When the kiosk restarts into
//! it after installing, it writes its command line to `<its own path>.started` (whole, by a rename) and exits, so
//! the test can see both the install (the file's bytes) and the restart (the marker).

use std::io::Write;

fn main() {
    let Ok(exe) = std::env::current_exe() else {
        std::process::exit(1);
    };
    let mut marker = exe.into_os_string();
    marker.push(".started");
    let mut partial = marker.clone();
    partial.push(".partial");
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Written beside it, then renamed: the test sees the marker only once it is whole.
    let written = std::fs::File::create(&partial)
        .and_then(|mut file| file.write_all(args.join("\n").as_bytes()))
        .and_then(|()| std::fs::rename(&partial, &marker));
    std::process::exit(if written.is_ok() { 0 } else { 1 });
}
