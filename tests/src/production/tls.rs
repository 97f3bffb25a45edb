//! A certificate authority made by the test for the test: it issues the certificates of the
//! stand-ins and the relay, and the kiosk is made to trust it the way an enterprise makes its
//! machines trust its own CA: the system's CA bundle with this CA added, named by
//! `SSL_CERT_FILE` (which the platform verifier the app's HTTP clients use honours on Linux).
//! The app has no test-only way to trust anything.

use std::fs;
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

/// Where Debian keeps the system's trusted CAs as one bundle (package `ca-certificates`).
const SYSTEM_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// A throwaway CA; its key lives in memory only.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A server's certificate (signed by the [`TestCa`]) and its private key, in PEM.
#[derive(Clone)]
pub struct ServerCertificate {
    pub certificate_pem: String,
    pub private_key_pem: String,
}

impl ServerCertificate {
    /// Writes `{stem}.pem` and `{stem}.key` into `dir` (for a program that reads files).
    pub fn write(&self, dir: &Path, stem: &str) -> (PathBuf, PathBuf) {
        let cert = dir.join(format!("{stem}.pem"));
        let key = dir.join(format!("{stem}.key"));
        fs::write(&cert, &self.certificate_pem).expect("write a certificate");
        fs::write(&key, &self.private_key_pem).expect("write a private key");
        (cert, key)
    }

    /// The same, for a stand-in served over HTTPS.
    pub fn identity(&self) -> sandbox::TlsIdentity {
        sandbox::TlsIdentity {
            certificate_chain_pem: self.certificate_pem.clone(),
            private_key_pem: self.private_key_pem.clone(),
        }
    }
}

impl TestCa {
    pub fn new() -> Self {
        let key = KeyPair::generate().expect("generate the test CA's key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        params
            .distinguished_name
            .push(DnType::CommonName, "Enrollment Kiosk end-to-end test CA");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Contoso (test)");
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let issuer = CertifiedIssuer::self_signed(params, key).expect("self-sign the test CA");
        Self { issuer }
    }

    /// The CA's certificate in PEM.
    pub fn certificate_pem(&self) -> String {
        self.issuer.pem()
    }

    /// The CA as a root for a `reqwest` client that trusts only it (Entra's and the phone's
    /// clients in the test, which stand for machines outside the kiosk).
    pub fn root(&self) -> reqwest::Certificate {
        reqwest::Certificate::from_pem(self.certificate_pem().as_bytes())
            .expect("the test CA's certificate parses")
    }

    /// A server certificate for these DNS names (the first is also its common name).
    pub fn issue(&self, names: &[&str]) -> ServerCertificate {
        let key = KeyPair::generate().expect("generate a server key");
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names.clone()).expect("server parameters");
        params.distinguished_name.push(
            DnType::CommonName,
            names.first().cloned().unwrap_or_default(),
        );
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        let certificate = params
            .signed_by(&key, &self.issuer)
            .expect("sign a server certificate");
        ServerCertificate {
            certificate_pem: certificate.pem(),
            private_key_pem: key.serialize_pem(),
        }
    }

    /// Writes the machine's trust as an enterprise would have it after adding its own CA: the
    /// system bundle (when there is one) followed by this CA. Returns the file's path, for
    /// `SSL_CERT_FILE`.
    pub fn write_trust_bundle(&self, dir: &Path) -> PathBuf {
        let mut bundle = fs::read_to_string(SYSTEM_BUNDLE).unwrap_or_default();
        if !bundle.is_empty() && !bundle.ends_with('\n') {
            bundle.push('\n');
        }
        bundle.push_str(&self.certificate_pem());
        let path = dir.join("ca-certificates.crt");
        fs::write(&path, bundle).expect("write the trust bundle");
        path
    }
}

impl Default for TestCa {
    fn default() -> Self {
        Self::new()
    }
}
