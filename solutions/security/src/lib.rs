//! Security: the primitives a service uses every day, built from a hash function up
//! and checked against the RFCs' own published examples. The concepts are in
//! `notes/security.md`.
//!
//! Every function the RFCs fix is re-exported here, so `security::hmac_sha256`
//! works as well as `security::hmac::hmac_sha256`.

pub mod base64url;
pub mod hmac;
pub mod jwks;
pub mod jwt;
pub mod oauth_pkce;
pub mod passwords;
pub mod presigned_urls;
pub mod tls_key_schedule;

pub use base64url::{DecodeError, base64url_decode, base64url_encode};
pub use hmac::{ByteSource, constant_time_eq, hmac_sha256, verify_hmac_sha256};
pub use jwks::{
    JwksSource, KeyCache, Rs256Error, jwk_thumbprint_rsa, parse_jwks, rsa_public_key, verify_rs256,
    verify_rs256_with_key,
};
pub use jwt::{JwtError, sign_hs256, verify_hs256};
pub use oauth_pkce::{
    AuthError, AuthServer, AuthorizationRequest, Client, ClientError, Redirect, TokenRequest,
    is_valid_verifier, pkce_challenge_s256,
};
pub use passwords::{PasswordRecord, PasswordStore, pbkdf2_hmac_sha256};
pub use presigned_urls::{UrlError, canonical_path, presign_upload, verify_upload};
pub use tls_key_schedule::{
    HandshakeSecrets, derive_secret, handshake_secrets, hkdf_expand, hkdf_expand_label,
    hkdf_extract, traffic_key_and_iv,
};
