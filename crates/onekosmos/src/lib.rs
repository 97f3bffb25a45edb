//! 1Kosmos (BlockID) identity proofing for the Enrollment Kiosk: the ECDH(secp256k1) +
//! AES-256-GCM envelope ([`envelope`]), tenant discovery with caching, hosted document-share
//! sessions (create and poll, v3 and legacy paths, every published result shape), and `/verify`
//! (`face_liveness`, `face_compare`, `dl_verify`), all with typed results.
//!
//! It is not the enrollment flow (`crates/enrollment` owns that and the plain-language wording
//! of reason codes), does not read documents, and knows nothing of Tauri. Response bodies carry
//! document images and personal data: they are never logged and never written anywhere.
//!
//! Start reading at [`OneKosmosClient`]; the facts it follows are collected from 1Kosmos's
//! published API documentation and Postman collection in `docs/reference/onekosmos.md` (the
//! "reference §n" in comments here), with the envelope's known-answer vectors in its §2.6.

mod client;
mod config;
pub mod envelope;
mod error;
mod model;

pub use client::{
    http_client_builder, request_headers, CommunityInfo, ConnectionReport, OneKosmosClient,
    RequestHeaders, ServiceDirectory, MAX_RESPONSE_BYTES,
};
pub use config::{
    ConfigError, DvcIds, Journey, OneKosmosConfig, DEFAULT_APP_ID, DEFAULT_CACHE_TTL,
};
pub use envelope::{EnvelopeError, PrivateKey, PublicKey, SharedKey};
pub use error::{Endpoint, Error};
pub use model::{
    parse_session_result, parse_verify_outcome, Certification, CheckStatus, Checks, DlFields,
    DocumentKind, DocumentType, Gender, Image, ProofedIdentity, ReasonCode, Session,
    SessionFailure, SessionResult, SessionUser, TravelDocumentFields, TravelDocumentKind,
    Verification, VerifyOutcome, VerifyRequest,
};
