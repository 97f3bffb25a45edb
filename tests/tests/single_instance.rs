//! One kiosk per desk: a second launch (a double-click, an autostart racing a person) hands
//! over to the running kiosk and exits, and the running kiosk carries on undisturbed.

use std::process::{Command, Stdio};
use std::time::Duration;

use e2e::process::{marked_processes, wait_until};
use e2e::Kiosk;

#[test]
fn a_second_launch_exits_and_leaves_the_running_kiosk_alone() {
    let kiosk = Kiosk::launch("single_instance", &["--demo"]);
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");

    // The second launch runs where the first does: same display, same D-Bus session.
    let app = marked_processes(kiosk.run_dir())
        .into_iter()
        .find(|p| p.cmdline.contains("enrollment-kiosk") && !p.cmdline.contains("driver"))
        .expect("the running app");
    let environ = std::fs::read(format!("/proc/{}/environ", app.pid)).expect("its environment");
    let env: Vec<(String, String)> = environ
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (key, value) = entry.split_once('=')?;
            Some((key.to_string(), value.to_string()))
        })
        .collect();
    let mut second = Command::new(e2e::app_path())
        .arg("--demo")
        .env_clear()
        .envs(env)
        .current_dir(kiosk.run_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a second kiosk");
    let mut status = None;
    let exited = wait_until(Duration::from_secs(30), || {
        status = second.try_wait().expect("poll the second kiosk");
        status.is_some()
    });
    if !exited {
        let _ = second.kill();
        let _ = second.wait();
    }
    assert!(exited, "the second kiosk should hand over and exit");
    assert!(status.unwrap().success(), "{status:?}");

    // The first one is where it was, and still answers.
    assert_eq!(kiosk.screen().as_deref(), Some("intake"));
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");
}
