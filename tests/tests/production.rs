//! Production mode end to end: the real app with a configuration file and its secrets in the
//! GNOME Keyring, talking over HTTPS (through the site's proxy, trusting the site's CA) to the
//! Entra and 1Kosmos stand-ins under the real services' names, and learning what the wallet did
//! through two real relay instances on a real Redis behind a load balancer
//! (`e2e::production` sets all of that up).
//!
//! One enrollment to Done; then, with an offer on screen, the relay instance that holds the
//! kiosk's subscription is killed and the wallet's scan still shows, through the other one;
//! then Redis is stopped: the admin screen says the kiosk is reconnecting, an enrollment goes
//! on to its offer meanwhile, and the wallet's scan made while Redis is down shows once Redis
//! is back; the wallet's acceptance after the restart reaches the kiosk too, and the admin
//! screen says it is connected again.

use std::path::Path;
use std::time::Duration;

use e2e::process::wait_until;
use e2e::production::{Deployment, ADMIN_PIN, EMAIL_DOMAIN, KIOSK_ID, RELAY_HOST};
use e2e::{Kiosk, SCREEN_TIMEOUT};

/// How long the kiosk may take to notice a lost relay instance or Redis, and to come back.
const RECOVERY: Duration = Duration::from_secs(60);

/// Failure context: the kiosk's last log lines and what the services saw.
fn context(kiosk: &Kiosk, site: &Deployment) -> String {
    let log = kiosk.log();
    let lines: Vec<&str> = log.lines().collect();
    let start = lines.len().saturating_sub(30);
    format!(
        "--- last lines of the kiosk's log ---\n{}\n{}",
        lines[start..].join("\n"),
        site.diagnostics()
    )
}

/// Welcome → intake (a passport, captured on the employee's phone) → the hosted session's QR;
/// the phone opens it and the capture succeeds → the credential offer. Returns the offer's URL
/// as read off the screen.
fn to_the_offer(kiosk: &Kiosk, site: &Deployment, shots: &Path, name: &str) -> String {
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake(
        &format!("new.hire@{EMAIL_DOMAIN}"),
        Some("passport"),
        Some("phone"),
        true,
    );
    kiosk.wait_screen("phone_handoff");
    kiosk.wait_displayed("canvas#handoff-qr", Duration::from_secs(10));
    let session_url = kiosk.read_qr(
        "canvas#handoff-qr",
        &shots.join(format!("{name}-handoff.png")),
    );
    assert!(
        session_url.starts_with("https://contoso.1kosmos.net/"),
        "the phone is sent to the 1Kosmos tenant: {session_url}"
    );
    site.stand_ins.phone_completes(&session_url);
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(10));
    let offer = kiosk.read_qr("canvas#offer-qr", &shots.join(format!("{name}-offer.png")));
    assert!(
        offer.starts_with("openid-vc://?request_uri=https://verifiedid.did.msidentity.com/"),
        "the QR on screen is a Verified ID offer: {offer}"
    );
    offer
}

/// The wallet scans the offer on screen; the kiosk says so.
fn scan_shows(kiosk: &Kiosk, site: &Deployment, offer: &str, what: &str) {
    site.stand_ins.wallet_scans(offer);
    scan_shows_by_itself(kiosk, site, what);
}

/// The kiosk says the wallet scanned (once the callback reaches it).
fn scan_shows_by_itself(kiosk: &Kiosk, site: &Deployment, what: &str) {
    let shown = wait_until(RECOVERY, || {
        kiosk
            .try_text("#wallet-status")
            .is_some_and(|t| t.to_lowercase().contains("scanned"))
    });
    assert!(
        shown,
        "{what}: the wallet's scan never showed on the kiosk (#wallet-status: {:?})\n{}",
        kiosk.try_text("#wallet-status"),
        context(kiosk, site)
    );
}

/// The wallet accepts the card; the kiosk shows Done; back to Welcome. Checks that Entra's
/// callbacks all reached the relay.
fn complete_to_done(kiosk: &Kiosk, site: &Deployment, offer: &str) {
    let request = site.stand_ins.request_with_url(offer);
    let id = request["requestId"]
        .as_str()
        .expect("the request has an id");
    site.stand_ins.wallet_completes(id);
    let done = wait_until(RECOVERY, || kiosk.screen().as_deref() == Some("done"));
    assert!(
        done,
        "the kiosk never showed Done after the wallet accepted (screen {:?})\n{}",
        kiosk.screen(),
        context(kiosk, site)
    );
    let callbacks = site.stand_ins.request_with_url(offer)["callbacks"].clone();
    let answered: Vec<(String, Option<u64>)> = callbacks
        .as_array()
        .expect("callbacks are listed")
        .iter()
        .map(|c| {
            (
                c["requestStatus"].as_str().unwrap_or_default().to_string(),
                c["httpStatus"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        answered,
        [
            ("request_retrieved".to_string(), Some(200)),
            ("issuance_successful".to_string(), Some(200)),
        ],
        "Entra's callbacks went to the relay and were answered at once: {callbacks}"
    );
    assert!(
        request["callbackUrl"]
            .as_str()
            .is_some_and(|url| url == format!("https://{RELAY_HOST}/callback/{KIOSK_ID}")),
        "Entra was told to call the relay: {request}"
    );
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

/// Opens the admin screen from Welcome with the PIN.
fn open_admin(kiosk: &Kiosk) {
    kiosk.wait_screen("welcome");
    kiosk.click("#open-admin");
    kiosk.wait_displayed("#admin-pin", SCREEN_TIMEOUT);
    kiosk.type_into("#admin-pin", ADMIN_PIN);
    kiosk.click("#admin-unlock");
    kiosk.wait_displayed("#relay-status", SCREEN_TIMEOUT);
}

fn lock_admin(kiosk: &Kiosk) {
    kiosk.click("#admin-lock");
    kiosk.wait_hidden("#admin", Duration::from_secs(5));
}

/// Opens the admin screen, reads where the relay subscription stands, and locks it again, as
/// an administrator checking on the kiosk would.
fn relay_status_on_the_admin_screen(kiosk: &Kiosk) -> String {
    open_admin(kiosk);
    let status = kiosk.text("#relay-status");
    lock_admin(kiosk);
    status
}

/// Re-opens the admin screen until the relay line satisfies `want`; returns the line.
fn wait_for_relay_status(
    kiosk: &Kiosk,
    site: &Deployment,
    what: &str,
    want: impl Fn(&str) -> bool,
) -> String {
    let mut last = String::new();
    let seen = wait_until(RECOVERY, || {
        last = relay_status_on_the_admin_screen(kiosk);
        want(&last)
    });
    assert!(
        seen,
        "the admin screen never said {what}; it says {last:?}\n{}",
        context(kiosk, site)
    );
    last
}

#[test]
fn production_mode_over_tls_survives_a_relay_instance_and_a_redis_restart() {
    const NAME: &str = "production_mode_over_tls_survives_a_relay_instance_and_a_redis_restart";
    let mut site = Deployment::start(NAME);
    // No flag at all: the configuration file is where the app looks for it.
    let kiosk = Kiosk::launch_with_env(NAME, &[], |run_dir| site.provision(run_dir));
    let shots = tempfile::tempdir().expect("a folder for screenshots");

    // Production mode, with the configured relay; the kiosk is subscribed.
    let status = wait_for_relay_status(&kiosk, &site, "that the kiosk is connected", |s| {
        s.contains("Connected since")
    });
    assert!(
        status.contains(&format!("https://{RELAY_HOST}/callback/{KIOSK_ID}")),
        "{status}"
    );
    open_admin(&kiosk);
    let mode = kiosk.text("#admin-mode");
    assert!(mode.contains("configured services"), "{mode}");
    lock_admin(&kiosk);

    // 1. One enrollment to Done.
    let offer = to_the_offer(&kiosk, &site, shots.path(), "first");
    scan_shows(&kiosk, &site, &offer, "the first enrollment");
    complete_to_done(&kiosk, &site, &offer);

    // 2. With an offer on screen, the relay instance holding the subscription dies.
    let offer = to_the_offer(&kiosk, &site, shots.path(), "second");
    let mut holder = None;
    let found = wait_until(Duration::from_secs(10), || {
        holder = site.subscribed_instance();
        holder.is_some()
    });
    assert!(
        found,
        "the kiosk's subscription should be the one open connection through the load balancer\n{}",
        context(&kiosk, &site)
    );
    let holder = holder.expect("found");
    let other = 1 - holder;
    site.relays[holder].kill();
    scan_shows(
        &kiosk,
        &site,
        &offer,
        "with the kiosk's relay instance killed",
    );
    let moved = wait_until(Duration::from_secs(10), || {
        site.subscribed_instance() == Some(other)
    });
    assert!(
        moved,
        "the kiosk should be subscribed through {} now\n{}",
        site.relays[other].name(),
        context(&kiosk, &site)
    );
    complete_to_done(&kiosk, &site, &offer);
    // The platform brings the instance back.
    site.relays[holder].restart();

    // 3. Redis restarts. Meanwhile the admin screen says the kiosk is reconnecting, and so
    //    does testing the relay.
    site.redis.stop();
    wait_for_relay_status(&kiosk, &site, "that the kiosk is reconnecting", |s| {
        s.contains("Reconnecting since")
    });
    open_admin(&kiosk);
    kiosk.click("#test-relay");
    let tested = kiosk.wait_text("#connection-relay", SCREEN_TIMEOUT, |t| {
        !t.is_empty() && !t.starts_with("Testing")
    });
    assert!(
        !tested.contains("accepted this kiosk") && tested.contains("503"),
        "Test the callback relay reports the outage: {tested}"
    );
    lock_admin(&kiosk);
    // An enrollment goes on meanwhile (Entra and 1Kosmos are up): the wallet's scan reaches a
    // relay instance, which holds it until Redis is back; then the kiosk resumes and shows it.
    let offer = to_the_offer(&kiosk, &site, shots.path(), "third");
    site.stand_ins.wallet_scans(&offer);
    site.redis.start_again();
    scan_shows_by_itself(&kiosk, &site, "the scan made while Redis was down");
    // A callback after the restart reaches the kiosk too.
    complete_to_done(&kiosk, &site, &offer);
    wait_for_relay_status(&kiosk, &site, "that the kiosk is connected again", |s| {
        s.contains("Connected since")
    });

    // Nothing tried to reach a service outside the test's network.
    assert_eq!(
        site.proxy.refused(),
        Vec::<String>::new(),
        "the kiosk asked the proxy for names outside the test"
    );
}
