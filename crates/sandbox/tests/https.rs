//! The stand-ins served over HTTPS under the real services' names ([`Serving`]), as the
//! production-mode end-to-end test runs them: a client that trusts the certificate's CA reaches
//! them by name, one that does not is refused, and every URL they hand out is under the name.

use std::net::SocketAddr;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use sandbox::{
    EntraSandbox, EntraSandboxConfig, OneKosmosSandbox, OneKosmosSandboxConfig, Serving,
    TlsIdentity,
};
use url::Url;

const VERIFIED_ID: &str = "verifiedid.did.msidentity.com";
const LOGIN: &str = "login.microsoftonline.com";
const TENANT_DNS: &str = "sandbox.1kosmos.local";

/// A CA's certificate (PEM) and a server identity it signed for `names`.
fn ca_and_identity(names: &[&str]) -> (String, TlsIdentity) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut server =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let certificate = server.signed_by(&key, &ca).unwrap();
    (
        ca.pem(),
        TlsIdentity {
            certificate_chain_pem: certificate.pem(),
            private_key_pem: key.serialize_pem(),
        },
    )
}

/// A client that sends `names` to `addr` and trusts `ca` (or, without it, the platform's roots).
fn client(names: &[&str], addr: SocketAddr, ca: Option<&str>) -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder().no_proxy();
    for name in names {
        builder = builder.resolve(name, addr);
    }
    if let Some(ca) = ca {
        builder = builder.tls_certs_only([reqwest::Certificate::from_pem(ca.as_bytes()).unwrap()]);
    }
    builder.build().unwrap()
}

/// `url` with the port the stand-in really listens on (the name stays).
fn at_port(url: &Url, port: u16) -> Url {
    let mut url = url.clone();
    url.set_port(Some(port)).unwrap();
    url
}

#[tokio::test]
async fn the_entra_stand_in_serves_https_under_the_services_names() {
    let (ca, identity) = ca_and_identity(&[VERIFIED_ID, LOGIN]);
    let config = EntraSandboxConfig::demo();
    let secret = config.client_secret.clone();
    let tenant = config.tenant_id.clone();
    let stand_in = EntraSandbox::start_serving(
        config,
        Serving {
            tls: Some(identity),
            public_url: Some(Url::parse(&format!("https://{VERIFIED_ID}/")).unwrap()),
            ..Serving::default()
        },
    )
    .await
    .unwrap();
    let port = stand_in.local_addr().port();
    let manifest = stand_in.manifest_url();
    assert_eq!(manifest.host_str(), Some(VERIFIED_ID), "{manifest}");
    assert_eq!(manifest.port(), None, "{manifest}");

    let trusting = client(&[VERIFIED_ID, LOGIN], stand_in.local_addr(), Some(&ca));
    let answer = trusting.get(at_port(&manifest, port)).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    // The token endpoint under the other name of the same certificate.
    let token = trusting
        .post(format!("https://{LOGIN}:{port}/{tenant}/oauth2/v2.0/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", stand_in.config().client_id.as_str()),
            ("client_secret", secret.as_str()),
            ("scope", "3db474b9-6a0c-4840-96ac-1fceb342124f/.default"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), 200);

    // Without the CA the handshake fails; plain HTTP gets no answer either.
    let untrusting = client(&[VERIFIED_ID], stand_in.local_addr(), None);
    assert!(untrusting
        .get(at_port(&manifest, port))
        .send()
        .await
        .is_err());
    let plain = client(&[], stand_in.local_addr(), None);
    assert!(plain
        .get(format!("http://{}/", stand_in.local_addr()))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn the_1kosmos_stand_in_hands_out_urls_under_the_tenants_name() {
    let (ca, identity) = ca_and_identity(&[TENANT_DNS]);
    let stand_in = OneKosmosSandbox::start_serving(
        OneKosmosSandboxConfig::demo(),
        Serving {
            tls: Some(identity),
            public_url: Some(Url::parse(&format!("https://{TENANT_DNS}/")).unwrap()),
            ..Serving::default()
        },
    )
    .await
    .unwrap();
    let port = stand_in.local_addr().port();
    let trusting = client(&[TENANT_DNS], stand_in.local_addr(), Some(&ca));
    let directory: serde_json::Value = trusting
        .get(format!("https://{TENANT_DNS}:{port}/caas/sd"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The tenant's services (the sample's cluster-internal entries stay as published).
    for service in ["adminconsole", "sessions", "docuverify", "idproofing"] {
        let url = directory[service].as_str().unwrap_or_default();
        assert!(
            url.starts_with(&format!("https://{TENANT_DNS}")),
            "the service directory points {service} at the tenant's name: {directory}"
        );
    }
}
