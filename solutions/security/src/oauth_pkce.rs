//! The OAuth 2.0 authorization-code flow with PKCE (RFC 6749, RFC 7636) as two state
//! machines: the client that starts a login and handles the browser's return, and the
//! authorization server that hands out single-use codes and redeems them.
//!
//! Randomness (the `state`, the code verifier, the code) is passed in, so that the
//! checks can play both sides and the attacker. Read "OAuth with PKCE" in
//! `notes/security.md`.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::base64url::base64url_encode;

/// RFC 7636's S256 code challenge: base64url, without padding, of the SHA-256 of the
/// verifier's ASCII bytes.
pub fn pkce_challenge_s256(verifier: &str) -> String {
    base64url_encode(&Sha256::digest(verifier.as_bytes()))
}

/// Whether `verifier` is a code verifier as RFC 7636 section 4.1 allows: 43 to 128
/// characters from `A-Z a-z 0-9 - . _ ~`.
pub fn is_valid_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// What the client sends the browser to the authorization server with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: String,
    pub code_challenge: String,
    pub code_challenge_method: String,
}

/// Where the authorization server sends the browser back: `redirect_uri?code=..&state=..`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub redirect_uri: String,
    pub code: String,
    pub state: String,
}

/// What the client sends the authorization server, directly, to redeem a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    pub client_id: String,
    pub code: String,
    pub redirect_uri: String,
    pub code_verifier: String,
}

/// Why the client refused the browser's return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientError {
    /// No login was started, or it has already been completed.
    NoLoginInProgress,
    /// The `state` is not the one this login sent: a forged or swapped callback.
    StateMismatch,
}

/// The client's side: at most one login in progress.
pub struct Client {
    client_id: String,
    redirect_uri: String,
    pending: Option<Pending>,
}

struct Pending {
    state: String,
    verifier: String,
}

impl Client {
    pub fn new(client_id: &str, redirect_uri: &str) -> Self {
        Client {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            pending: None,
        }
    }

    /// Starts a login with a fresh random `state` and code `verifier`, remembering
    /// both, and returns the request to send the browser with. Starting again
    /// abandons the earlier login.
    pub fn start(&mut self, state: &str, verifier: &str) -> AuthorizationRequest {
        assert!(is_valid_verifier(verifier), "RFC 7636 section 4.1 verifier");
        self.pending = Some(Pending {
            state: state.to_owned(),
            verifier: verifier.to_owned(),
        });
        AuthorizationRequest {
            client_id: self.client_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            state: state.to_owned(),
            code_challenge: pkce_challenge_s256(verifier),
            code_challenge_method: "S256".to_owned(),
        }
    }

    /// The browser came back with `code` and `state`. If `state` is this login's,
    /// completes the login and returns the request that redeems the code.
    pub fn callback(&mut self, code: &str, state: &str) -> Result<TokenRequest, ClientError> {
        let pending = self
            .pending
            .as_ref()
            .ok_or(ClientError::NoLoginInProgress)?;
        if pending.state != state {
            return Err(ClientError::StateMismatch);
        }
        let pending = self.pending.take().expect("checked above");
        Ok(TokenRequest {
            client_id: self.client_id.clone(),
            code: code.to_owned(),
            redirect_uri: self.redirect_uri.clone(),
            code_verifier: pending.verifier,
        })
    }
}

/// Why the authorization server refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthError {
    /// No client is registered under that id.
    UnknownClient,
    /// The redirect URI is not exactly one the client registered.
    RedirectUriMismatch,
    /// No PKCE challenge, or a method other than `S256`.
    UnsupportedChallengeMethod,
    /// RFC 6749's `invalid_grant`: the code is unknown, used, expired, or issued to
    /// another client or redirect URI, or the verifier does not match.
    InvalidGrant,
}

struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    user: String,
    expires_at: u64,
}

/// The authorization server's side: registered clients and outstanding codes.
pub struct AuthServer {
    code_lifetime_secs: u64,
    clients: HashMap<String, Vec<String>>,
    grants: HashMap<String, Grant>,
}

impl AuthServer {
    /// A server whose codes are valid for `code_lifetime_secs` after they are issued.
    pub fn new(code_lifetime_secs: u64) -> Self {
        AuthServer {
            code_lifetime_secs,
            clients: HashMap::new(),
            grants: HashMap::new(),
        }
    }

    /// Registers `redirect_uri` for `client_id` (a client may register several).
    pub fn register_client(&mut self, client_id: &str, redirect_uri: &str) {
        self.clients
            .entry(client_id.to_owned())
            .or_default()
            .push(redirect_uri.to_owned());
    }

    /// `user` has signed in and approved `request`: issues `code`, bound to the
    /// client, the redirect URI and the challenge, and says where to send the browser.
    pub fn authorize(
        &mut self,
        request: &AuthorizationRequest,
        user: &str,
        code: &str,
        now_unix: u64,
    ) -> Result<Redirect, AuthError> {
        let registered = self
            .clients
            .get(&request.client_id)
            .ok_or(AuthError::UnknownClient)?;
        if !registered.contains(&request.redirect_uri) {
            return Err(AuthError::RedirectUriMismatch);
        }
        if request.code_challenge_method != "S256" || request.code_challenge.is_empty() {
            return Err(AuthError::UnsupportedChallengeMethod);
        }
        self.grants.insert(
            code.to_owned(),
            Grant {
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                challenge: request.code_challenge.clone(),
                user: user.to_owned(),
                expires_at: now_unix.saturating_add(self.code_lifetime_secs),
            },
        );
        Ok(Redirect {
            redirect_uri: request.redirect_uri.clone(),
            code: code.to_owned(),
            state: request.state.clone(),
        })
    }

    /// Redeems a code: returns the user it was issued for. The code is spent by the
    /// first attempt, successful or not.
    pub fn exchange(&mut self, request: &TokenRequest, now_unix: u64) -> Result<String, AuthError> {
        let grant = self
            .grants
            .remove(&request.code)
            .ok_or(AuthError::InvalidGrant)?;
        let genuine = grant.client_id == request.client_id
            && grant.redirect_uri == request.redirect_uri
            && now_unix < grant.expires_at
            && is_valid_verifier(&request.code_verifier)
            && pkce_challenge_s256(&request.code_verifier) == grant.challenge;
        if genuine {
            Ok(grant.user)
        } else {
            Err(AuthError::InvalidGrant)
        }
    }
}
