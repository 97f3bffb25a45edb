// TEMPORARY harness smoke test against MiniBrowser (deleted after use).
use e2e::Kiosk;
fn main() {
    let page = "data:text/html,<main id='screen' data-screen='welcome'><button id='start' onclick=\"document.getElementById('screen').dataset.screen='intake'\">Start</button><input id='email'><label><input type='checkbox' id='consent' style='display:none'>Agree</label></main>";
    let k = Kiosk::launch("smoke", &[page]);
    k.wait_screen("welcome");
    k.click("#start");
    k.wait_screen("intake");
    k.type_into("#email", "a@b.co");
    println!(
        "value={:?} seen={:?} h={}",
        k.value("#email"),
        k.screens_seen(),
        k.window_height()
    );
    k.choose("#consent");
    println!("checked={}", k.is_checked("#consent"));
    k.screenshot(std::path::Path::new("/tmp/smoke.png"));
    println!("run dir {}", k.run_dir().display());
    if std::env::var("SMOKE_PANIC").is_ok() {
        k.wait_screen("nope");
    }
}
