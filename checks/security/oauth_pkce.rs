//! Checks for `exercises/security/src/oauth_pkce.rs`.

use rstest::rstest;
use security::{
    AuthError, AuthServer, AuthorizationRequest, Client, ClientError, TokenRequest,
    is_valid_verifier, pkce_challenge_s256,
};

mod support;

const CLIENT: &str = "photo-app";
const CALLBACK: &str = "https://photos.example/callback";
const CODE_LIFETIME: u64 = 600;
/// RFC 7636 appendix B's verifier; the other is another 43 characters.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const ATTACKER_VERIFIER: &str = "mallory-guesses-a-verifier-of-43-characters";

#[test]
fn computes_rfc_7636s_s256_challenge() {
    assert_eq!(
        pkce_challenge_s256(VERIFIER),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "RFC 7636 appendix B: the challenge is base64url, without padding, of the SHA-256 \
         of the verifier's ASCII text (not of its base64url-decoded bytes, not hex)"
    );
}

#[rstest]
#[case::rfc7636_appendix_b(VERIFIER, true)]
#[case::the_shortest(&"a".repeat(43), true)]
#[case::the_longest(&"~".repeat(128), true)]
#[case::one_too_short(&"a".repeat(42), false)]
#[case::one_too_long(&"a".repeat(129), false)]
#[case::a_plus(&format!("{}+", "a".repeat(42)), false)]
#[case::a_space(&format!("{} ", "a".repeat(42)), false)]
fn knows_which_verifiers_rfc_7636_allows(#[case] verifier: &str, #[case] valid: bool) {
    assert_eq!(
        is_valid_verifier(verifier),
        valid,
        "{verifier:?} ({} characters): RFC 7636 section 4.1 allows 43 to 128 of A-Z a-z 0-9 \
         - . _ ~",
        verifier.len()
    );
}

fn server() -> AuthServer {
    let mut server = AuthServer::new(CODE_LIFETIME);
    server.register_client(CLIENT, CALLBACK);
    server
}

/// The whole flow as it should go; returns what the attacker checks start from.
fn log_in(server: &mut AuthServer) -> (Client, TokenRequest) {
    let mut client = Client::new(CLIENT, CALLBACK);
    let request = client.start("state-4f1c", VERIFIER);
    let redirect = server
        .authorize(&request, "alice", "code-1", 1_000)
        .expect("a registered client, its exact redirect URI and an S256 challenge");
    let token_request = client
        .callback(&redirect.code, &redirect.state)
        .expect("the browser came back with this login's own state");
    (client, token_request)
}

#[test]
fn the_client_asks_for_an_s256_challenge_and_keeps_the_verifier() {
    let mut client = Client::new(CLIENT, CALLBACK);
    let request = client.start("state-4f1c", VERIFIER);
    assert_eq!(
        request,
        AuthorizationRequest {
            client_id: CLIENT.to_owned(),
            redirect_uri: CALLBACK.to_owned(),
            state: "state-4f1c".to_owned(),
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".to_owned(),
            code_challenge_method: "S256".to_owned(),
        },
        "the authorization request carries the challenge, never the verifier, which stays \
         with the client until the code is redeemed"
    );
}

#[test]
fn the_whole_flow_signs_alice_in() {
    let mut server = server();
    let (_, token_request) = log_in(&mut server);
    assert_eq!(
        token_request,
        TokenRequest {
            client_id: CLIENT.to_owned(),
            code: "code-1".to_owned(),
            redirect_uri: CALLBACK.to_owned(),
            code_verifier: VERIFIER.to_owned(),
        },
        "the client redeems the code with its verifier and the same redirect URI"
    );
    assert_eq!(
        server.exchange(&token_request, 1_010),
        Ok("alice".to_owned()),
        "the code, the verifier and the redirect URI all match: alice is signed in"
    );
}

#[test]
fn a_replayed_code_is_refused() {
    let mut server = server();
    let (_, token_request) = log_in(&mut server);
    server
        .exchange(&token_request, 1_010)
        .expect("the first exchange");
    assert_eq!(
        server.exchange(&token_request, 1_011),
        Err(AuthError::InvalidGrant),
        "the same code and verifier a second time: a code is good for one exchange \
         (RFC 6749 section 4.1.2), or whoever copies a request replays it"
    );
}

#[test]
fn a_stolen_code_without_the_verifier_is_worthless() {
    let mut server = server();
    let (_, token_request) = log_in(&mut server);
    let stolen = TokenRequest {
        code_verifier: ATTACKER_VERIFIER.to_owned(),
        ..token_request.clone()
    };
    assert_eq!(
        server.exchange(&stolen, 1_010),
        Err(AuthError::InvalidGrant),
        "the attacker intercepted the code but not the verifier: S256 of their verifier is \
         not the challenge"
    );
    assert_eq!(
        server.exchange(&token_request, 1_011),
        Err(AuthError::InvalidGrant),
        "a failed exchange spends the code too, so an attacker gets one guess at the \
         verifier, not as many as they like"
    );
}

#[test]
fn the_verifier_is_hashed_not_compared_with_the_challenge() {
    let mut server = server();
    let (_, token_request) = log_in(&mut server);
    let plain = TokenRequest {
        code_verifier: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".to_owned(),
        ..token_request
    };
    assert_eq!(
        server.exchange(&plain, 1_010),
        Err(AuthError::InvalidGrant),
        "the attacker saw the challenge in the browser's URL and sent it back as the \
         verifier: S256 means the server hashes the verifier and compares the hash"
    );
}

#[test]
fn a_code_expires() {
    let mut server = server();
    let (_, token_request) = log_in(&mut server);
    assert_eq!(
        server.exchange(&token_request, 1_000 + CODE_LIFETIME),
        Err(AuthError::InvalidGrant),
        "issued at 1000 with a lifetime of {CODE_LIFETIME} s: at {} the code has expired",
        1_000 + CODE_LIFETIME
    );
}

#[test]
fn a_code_is_bound_to_its_client_and_redirect_uri() {
    let mut server = server();
    server.register_client("other-app", "https://other.example/cb");
    let (_, token_request) = log_in(&mut server);
    let other_client = TokenRequest {
        client_id: "other-app".to_owned(),
        ..token_request.clone()
    };
    assert_eq!(
        server.exchange(&other_client, 1_010),
        Err(AuthError::InvalidGrant),
        "a code issued to photo-app redeemed by other-app"
    );

    let mut server = self::server();
    let (_, token_request) = log_in(&mut server);
    let elsewhere = TokenRequest {
        redirect_uri: "https://photos.example/other".to_owned(),
        ..token_request
    };
    assert_eq!(
        server.exchange(&elsewhere, 1_010),
        Err(AuthError::InvalidGrant),
        "RFC 6749 section 4.1.3: the token request's redirect URI must be the one the code \
         was issued for"
    );
}

#[rstest]
#[case::a_trailing_slash("https://photos.example/callback/")]
#[case::a_query_added("https://photos.example/callback?next=https://evil.example")]
#[case::a_path_below("https://photos.example/callback/../../evil")]
#[case::a_lookalike_host("https://photos.example.evil.example/callback")]
#[case::plain_http("http://photos.example/callback")]
#[case::upper_case_host("https://PHOTOS.example/callback")]
fn redirects_only_to_the_exact_registered_uri(#[case] redirect_uri: &str) {
    let mut server = server();
    let mut client = Client::new(CLIENT, redirect_uri);
    let request = client.start("state-4f1c", VERIFIER);
    assert_eq!(
        server
            .authorize(&request, "alice", "code-1", 1_000)
            .map(|r| r.code),
        Err(AuthError::RedirectUriMismatch),
        "{redirect_uri:?} is not {CALLBACK:?}: redirect URIs are compared as exact strings, \
         or a code is sent to wherever the attacker points it"
    );
}

#[test]
fn refuses_an_unknown_client() {
    let mut server = server();
    let mut client = Client::new("unknown-app", CALLBACK);
    let request = client.start("s", VERIFIER);
    assert_eq!(
        server
            .authorize(&request, "alice", "code-1", 1_000)
            .map(|r| r.code),
        Err(AuthError::UnknownClient),
        "no client unknown-app is registered"
    );
}

#[rstest]
#[case::plain("plain", VERIFIER)]
#[case::no_method("", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")]
#[case::no_challenge("S256", "")]
fn requires_an_s256_challenge(#[case] method: &str, #[case] challenge: &str) {
    let mut server = server();
    let request = AuthorizationRequest {
        client_id: CLIENT.to_owned(),
        redirect_uri: CALLBACK.to_owned(),
        state: "s".to_owned(),
        code_challenge: challenge.to_owned(),
        code_challenge_method: method.to_owned(),
    };
    assert_eq!(
        server
            .authorize(&request, "alice", "code-1", 1_000)
            .map(|r| r.code),
        Err(AuthError::UnsupportedChallengeMethod),
        "method {method:?}, challenge {challenge:?}: this server requires PKCE with S256; \
         `plain` sends the verifier itself through the browser"
    );
}

#[test]
fn the_client_refuses_a_swapped_state() {
    let mut server = server();
    let mut client = Client::new(CLIENT, CALLBACK);
    client.start("state-4f1c", VERIFIER);
    // The attacker starts a login of their own and plants their callback on alice.
    let mut attacker = Client::new(CLIENT, CALLBACK);
    let request = attacker.start("state-attacker", ATTACKER_VERIFIER);
    let redirect = server
        .authorize(&request, "mallory", "code-9", 1_000)
        .unwrap();
    assert_eq!(
        client.callback(&redirect.code, &redirect.state),
        Err(ClientError::StateMismatch),
        "a callback whose state this login never sent is login CSRF: alice would be signed \
         in to mallory's account"
    );
    assert_eq!(
        client.callback("code-1", "state-4f1c"),
        client_token("code-1"),
        "alice's own callback still completes her login after the forged one"
    );
}

fn client_token(code: &str) -> Result<TokenRequest, ClientError> {
    Ok(TokenRequest {
        client_id: CLIENT.to_owned(),
        code: code.to_owned(),
        redirect_uri: CALLBACK.to_owned(),
        code_verifier: VERIFIER.to_owned(),
    })
}

#[test]
fn the_client_takes_one_callback_per_login() {
    let mut server = server();
    let (mut client, _) = log_in(&mut server);
    assert_eq!(
        client.callback("code-1", "state-4f1c"),
        Err(ClientError::NoLoginInProgress),
        "the login already completed: a second callback with the same state is a replay"
    );
    let mut fresh = Client::new(CLIENT, CALLBACK);
    assert_eq!(
        fresh.callback("code-1", "state-4f1c"),
        Err(ClientError::NoLoginInProgress),
        "a callback with no login started is unsolicited"
    );
}
