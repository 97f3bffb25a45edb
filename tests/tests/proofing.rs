//! Identity proofing as a person sees it, with the 1Kosmos stand-in driven through its control
//! API the way the employee's phone would drive the real service.

use std::time::Duration;

use e2e::{control_get, control_post, Kiosk};
use serde_json::{json, Value};

struct OneKosmosControl {
    base: String,
}

impl OneKosmosControl {
    fn on_port(port: u16) -> Self {
        Self {
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    fn sessions(&self) -> Vec<Value> {
        match control_get(&format!("{}/control/sessions", self.base)) {
            Value::Array(sessions) => sessions,
            other => panic!("unexpected session list: {other}"),
        }
    }

    /// The newest session, once there is one more than `known`.
    fn wait_new_session(&self, known: usize) -> Value {
        let mut found = None;
        let appeared = e2e::process::wait_until(Duration::from_secs(20), || {
            let sessions = self.sessions();
            if sessions.len() > known {
                found = sessions.last().cloned();
                true
            } else {
                false
            }
        });
        assert!(appeared, "the kiosk never created a hosted session");
        found.expect("a session")
    }

    fn act(&self, session: &Value, action: &str, body: Option<Value>) {
        let id = session["sessionId"]
            .as_str()
            .or_else(|| session["session_id"].as_str())
            .expect("the session has an id");
        control_post(
            &format!("{}/control/sessions/{id}/{action}", self.base),
            body,
        );
    }
}

fn launch(name: &str, extra: &[&str]) -> (Kiosk, OneKosmosControl) {
    let (port, _) = e2e::process::free_ports();
    let port_arg = port.to_string();
    let mut args = vec![
        "--demo",
        "--demo-decline-first",
        "none",
        "--demo-phone",
        "manual",
        "--onekosmos-sandbox-port",
        &port_arg,
    ];
    args.extend_from_slice(extra);
    let kiosk = Kiosk::launch(name, &args);
    (kiosk, OneKosmosControl::on_port(port))
}

fn start_phone_enrollment(kiosk: &Kiosk) {
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake(
        "noor.haddad@example.com",
        Some("passport"),
        Some("phone"),
        true,
    );
    kiosk.wait_screen("phone_handoff");
}

#[test]
fn the_phone_handoff_qr_opens_the_hosted_session_and_its_result_leads_to_the_credential() {
    let (kiosk, onekosmos) = launch(
        "the_phone_handoff_qr_opens_the_hosted_session_and_its_result_leads_to_the_credential",
        &[],
    );
    let scratch = tempfile::tempdir().expect("a scratch folder");
    start_phone_enrollment(&kiosk);
    let session = onekosmos.wait_new_session(0);
    kiosk.wait_displayed("canvas#handoff-qr", Duration::from_secs(10));
    let on_screen = kiosk.read_qr("canvas#handoff-qr", &scratch.path().join("handoff.png"));
    assert_eq!(
        Some(on_screen.as_str()),
        session["url"].as_str(),
        "the QR on screen opens the hosted session 1Kosmos created"
    );
    let status = kiosk.text("#handoff-status");
    assert!(
        status.to_lowercase().contains("scan"),
        "the screen tells the employee to scan the code: {status:?}"
    );

    // The employee opens the link and captures on the phone.
    onekosmos.act(&session, "start", None);

    // The phone finishes; 1Kosmos approves: on to the credential.
    onekosmos.act(&session, "complete", None);
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(10));
}

#[test]
fn a_name_mismatch_is_explained_and_the_retry_limit_ends_politely() {
    let (kiosk, onekosmos) = launch(
        "a_name_mismatch_is_explained_and_the_retry_limit_ends_politely",
        &["--max-attempts", "2"],
    );
    start_phone_enrollment(&kiosk);

    // First attempt: 1Kosmos declines with IDV0010 (the names do not match the document).
    let first = onekosmos.wait_new_session(0);
    onekosmos.act(&first, "fail", Some(json!({ "reasonCode": "IDV0010" })));
    kiosk.wait_screen("proofing_failed");
    let message = kiosk.text("#failure-message");
    assert!(
        message.to_lowercase().contains("name"),
        "IDV0010 is explained as a name mismatch: {message:?}"
    );
    assert!(kiosk.text("#reason-code").contains("IDV0010"));
    assert!(
        kiosk.is_displayed("#try-again"),
        "one more attempt is offered"
    );

    // Second and last attempt: declined again.
    kiosk.click("#try-again");
    kiosk.wait_screen("phone_handoff");
    let second = onekosmos.wait_new_session(1);
    onekosmos.act(&second, "fail", Some(json!({ "reasonCode": "IDV0010" })));
    kiosk.wait_screen("proofing_failed");
    kiosk.wait_text("#failure-message", Duration::from_secs(10), |t| {
        t.to_lowercase().contains("all the attempts")
    });
    assert!(
        !kiosk.is_displayed("#try-again"),
        "no attempt is offered past the limit"
    );
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}
