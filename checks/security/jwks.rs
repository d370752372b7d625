//! Checks for `exercises/security/src/jwks.rs`.

use std::cell::Cell;
use std::rc::Rc;

use security::{
    JwksSource, KeyCache, Rs256Error, jwk_thumbprint_rsa, rsa_public_key, verify_rs256,
    verify_rs256_with_key,
};

mod support;

/// RFC 7515 appendix A.2's RSA key (`n`; `e` is AQAB) and its RS256 example token,
/// header `{"alg":"RS256"}`, the payload of A.1.
const N1: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
const RFC7515_A2_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
const RFC7515_A2_PAYLOAD: &str =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

// Tokens for the checks below, signed with A.2's private key (key-1) and with a
// second 2048-bit key made for the course (key-2, modulus N2). Header
// `{"alg":"RS256","kid":...}`; the payload is named after each constant.
const K1_OLD: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0xIn0.eyJzdWIiOiJhbGljZSIsImV4cCI6NTAwMH0.lHXJ3lwOv3xzf6NP2zdyi2jq8lEQjsflLPUOUMF3IEJBJHgqqOmZQ-eL-_7ltbESVfZmJnUFUMddCx7ND1VaY833xyen_ToLWV7ZN6APl6w3F2WSDW1_CV2PC3N9VLYTC21M5ekV2DbDwFsWvdujZiK6tydqwgkfcZ-Ra1HBY-7Vj_ZaH1MtLZGMRwPXUUnde_VEg_GXtVfsc25PuuxUSW3RZbo8sg6ItZyFr5H9o3t9tT49f6ZIiggMDJFpfSIpdB6fOMegFwI5ltV_lMaojWDHFuCbga4jeYNvcTCw5-MIBNrxbgftfoG99LV7vHBxjejz5lsjF92RulePmmdjKA";
const K2_NEW: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0yIn0.eyJzdWIiOiJib2IiLCJleHAiOjUwMDB9.vLqtfQVAHJIOr4ZT_M_4kd2M5OmCyxyFncVCUObR8Tl8bOg2vY2Ge_lEb1uOVvvF86qv09bWbc55kRMOD3PrhHPIyepmfTEtwz9qSxIpYs45HL0e9gtAXsyu1K08a9sJ17SXuu_rAcspPE2dGhe-Y9epixNLI9zYhvvBevbT_OuSL6OzTgpMlUGYs-3ozTVZd-Rq2pA7rDe3-R7YC3hwcZ7Irt1rZ-EKu2JKM2ALE74vaVM2vfM4cdvEGSq7XBDfk8DJEZ-h178mwGUJzStJpj_9A28gUQlM8OxxCUJ83yhKkkUhnkg5jNNREKZxk1Q6WH1xStATuc-6BIEkZ_cJ3g";
const K1_AS_K2: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0yIn0.eyJzdWIiOiJtYWxsb3J5IiwiZXhwIjo1MDAwfQ.dgoZRkOSY7eIQNhQuve2WlPIZRgPVKiVv5KRpgE6IssRN5-2PU543ZrNobW8-MM6pJj_-S8H8x7h3GVE7X0mlTqntyWzeSRszqKuP5U3zZF7rGTK_CuqDeyFt-QOGHc_76hi1SFLaLZY4rGSnA93FqJTqw-KBpOrymPVFQSB1V7l-Tz4CykXxbFomiEOjE7P7_-RFa3Hx9xvKUjF1vK8GT3He2ySWdK7JVpgmuGxdar8R-jGJNEqUbxi3hOYPEZaZjpI47-w4hKLuz8NlC4qDGrd_rKDM0WmGeMdyzO2B48I1o3oOrn_pTHPTpAY9gw6fHOYeUQwsBWMVwCJvUyEzw";
const K1_EXPIRED: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0xIn0.eyJzdWIiOiJhbGljZSIsImV4cCI6MTAwMH0.muFLzlv5X2jWZLNT0F3FUSfqgmeeoDo4mK2JZxqXO8YTE3PL5lI8qlp4qcF0uLsseVDC_fb6NpOaswWsdI9BLusWQKNa_B8Fy7RdDPjc-uCjGOT-CEAAcX89SjZ69UAdfkT2TSts2WHX0KGOm_usovRq2Mj9W8ac3q80LaSme6h_2b0vpTEQhjm1eHSE7vZ2A90V9hh90GNVVFBv686Us_wjgAyGtr05nt4gUjOfOuvQy86zUYV51n_xMzlvtvGDxfu2vxrTWCJQQRqna1QawvxqJoRXDer1Icj8A9wirp1kxbwRleMkGMpGW0_vSUDTcpIANWAewn3DErrb_1picg";
const K1_BY_THUMBPRINT: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6IklzVW42X2UwNE1hU2hYRklJU01wNGtHNjJMV3pNSVB5X012U0E1cEpnWDgifQ.eyJzdWIiOiJhbGljZSIsImV4cCI6NTAwMH0.k0jWhuntiVEuAR9OjIm-2SwSoSK0DdF9a7tdobd-mzSBOs8TLwRdLYROcmTFmoGnv5J8HoLlMamxGTbY0o_E-pWN6z4eFKiYjjMjrSHG1F7ZExIIsXoInDeXi83E8kNff0ISBgxsOvkx1pjLcm1rcz7tiY_wpZ481IvuRCskPIU6PJW3TwVNP_mfz27pX5-aN3UCsYoR-D_mWSFX4v7C-AvfEKmVZEkk7DFHn-svqBSFRnRF6uD8w91Fahlw-x4dbIcV4nrhLaQWxA0Hb1Ofs8LblTFbFymNgmmceBTM043vT6OPIoRfNT9gWy-Ebl74xTh_FgBZlsuUn2R5M2CCqg";
const K1_NBF: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0xIn0.eyJzdWIiOiJhbGljZSIsIm5iZiI6MzAwMCwiZXhwIjo1MDAwfQ.XGG9yO21x9IsHDxAtPiKlhANlq7BfHJQjr4kKRSMp7LPjL_PsEif2utsWp8XtVokFu_H5J2A2ihLOMx9JfKJIZL5tmw1XLHM9sqxtL-oFxgym0yYJnjvAwH1VDKtOO9LMnwJjvhfc1Z5YBCMDrB1dlgU2VupfQFYSjPEi-ILJztWojTGTA8tEm__U_3xT3k2eB0s3qUQsGCPhIfkiew_LQ14D3VMTOsawEJVRAaTsP0V0SlLImJo0qUbxgKERU-gNh7xYDZVGO106b_4tPQgTRiw4e68TzBa7px__7Hg_hzJ58_9O8y6kyN5UmbqBYlkbYwn_d1A9K25CSjjR3w1gQ";
const CONFUSED_HS256: &str = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImtleS0xIn0.eyJzdWIiOiJtYWxsb3J5IiwiZXhwIjo1MDAwfQ.0TB3tzBfA_lzc8_0Wu1-G3rz3BtfpRR4ZGTMmoxo9fk";
const ALG_NONE: &str =
    "eyJhbGciOiJub25lIiwia2lkIjoia2V5LTEifQ.eyJzdWIiOiJtYWxsb3J5IiwiZXhwIjo1MDAwfQ.";
const N2: &str = "yrb2rcDDEJW7X0ROCzQvk61cVKcjbdiOs6agYS2moLV_KWL_s-JQ7lsDvqTIzaDoYx2Kmg1TsjkWqbGjMXGqqAKI2hjxHlxD9Yn5aofkD6G-WqQGqg0lA3yKtse7SOoREtil3R4Mia6wLlPeSb88_fJT8QJx4MdRMnr05lmBQnc92VqA32IqRfaERchsa7L_SurBu3icwry4tzvr2IfAOOVa1WL-bQX_2Fhb32DQezEEmqBXFgIMYZGRhDz1vzYl9xxd4i16ou5_qM7x546CSv1NmwnzJMDVGF2UbgBPZmNRyqoIpZRHCMGwA8F_eJR7BecjG-9AMFjZORQlMCiQlQ";

/// A fake identity provider: its key set can change, and it counts the fetches.
#[derive(Clone, Default)]
struct Provider {
    document: Rc<std::cell::RefCell<Option<String>>>,
    fetches: Rc<Cell<u32>>,
}

impl Provider {
    fn publishing(keys: &[(&str, &str)]) -> Self {
        let provider = Provider::default();
        provider.publish(keys);
        provider
    }

    /// Publishes these `(kid, n)` pairs, each with `e` AQAB, as Cognito does.
    fn publish(&self, keys: &[(&str, &str)]) {
        let keys: Vec<String> = keys
            .iter()
            .map(|(kid, n)| {
                format!(r#"{{"alg":"RS256","e":"AQAB","kid":"{kid}","kty":"RSA","n":"{n}","use":"sig"}}"#)
            })
            .collect();
        *self.document.borrow_mut() = Some(format!(r#"{{"keys":[{}]}}"#, keys.join(",")));
    }

    fn go_down(&self) {
        *self.document.borrow_mut() = None;
    }

    fn fetches(&self) -> u32 {
        self.fetches.get()
    }
}

impl JwksSource for Provider {
    fn fetch(&mut self) -> Option<String> {
        self.fetches.set(self.fetches.get() + 1);
        self.document.borrow().clone()
    }
}

const TTL: u64 = 3_600;
const REFETCH: u64 = 60;

fn cache(provider: &Provider) -> KeyCache<Provider> {
    KeyCache::new(provider.clone(), TTL, REFETCH)
}

/// RFC 7638 section 3.1's example key and thumbprint.
#[test]
fn computes_rfc_7638s_thumbprint() {
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    assert_eq!(
        jwk_thumbprint_rsa(n, "AQAB"),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
        "RFC 7638: base64url(SHA-256) of exactly {{\"e\":..,\"kty\":\"RSA\",\"n\":..}}, \
         members in lexicographic order, no spaces"
    );
}

#[test]
fn verifies_rfc_7515_appendix_a2() {
    let key = rsa_public_key(N1, "AQAB").expect("RFC 7515 A.2's key is a 2048-bit RSA key");
    assert_eq!(
        verify_rs256_with_key(RFC7515_A2_TOKEN, &key, 1_300_819_379),
        Ok(RFC7515_A2_PAYLOAD.to_owned()),
        "RFC 7515 A.2's RS256 token must verify with its key (RSASSA-PKCS1-v1_5 over \
         SHA-256 of the first two parts' text) and give back its payload"
    );
    assert_eq!(
        verify_rs256_with_key(RFC7515_A2_TOKEN, &key, 1_300_819_380),
        Err(Rs256Error::Expired),
        "at its exp, 1300819380, RFC 7515 A.2's token has expired"
    );
}

#[test]
fn verifies_a_token_by_its_kid_and_fetches_once() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    assert_eq!(
        verify_rs256(K1_OLD, &mut keys, 1_000),
        Ok(r#"{"sub":"alice","exp":5000}"#.to_owned()),
        "a token signed by key-1, which the provider publishes, must verify"
    );
    for now in [1_001, 2_000, 1_000 + TTL - 1] {
        verify_rs256(K1_OLD, &mut keys, now).expect("the same token, later");
    }
    assert_eq!(
        provider.fetches(),
        1,
        "the key set was fetched {} times for four verifications within its time to live: \
         fetch once and cache, or every request waits on the identity provider",
        provider.fetches()
    );
}

#[test]
fn fetches_again_when_the_time_to_live_runs_out() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    verify_rs256(K1_OLD, &mut keys, 1_000 + TTL - 1).expect("still cached");
    assert_eq!(provider.fetches(), 1, "one fetch within the time to live");
    verify_rs256(K1_OLD, &mut keys, 1_000 + TTL).expect("key-1 is still published");
    assert_eq!(
        provider.fetches(),
        2,
        "fetched at 1000 with a time to live of {TTL} s: at {} the set is stale and must \
         be fetched again, so a key the provider withdrew stops being trusted",
        1_000 + TTL
    );
}

#[test]
fn a_new_kid_after_rotation_is_fetched_at_once() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    provider.publish(&[("key-1", N1), ("key-2", N2)]);
    assert_eq!(
        verify_rs256(K2_NEW, &mut keys, 1_100),
        Ok(r#"{"sub":"bob","exp":5000}"#.to_owned()),
        "the provider rotated in key-2 and signs with it: a kid the cache does not know \
         must be fetched then, not after the time to live has run out"
    );
    assert_eq!(
        provider.fetches(),
        2,
        "one fetch at start, one for the new kid"
    );
}

#[test]
fn a_withdrawn_key_is_dropped_at_the_next_fetch() {
    let provider = Provider::publishing(&[("key-1", N1), ("key-2", N2)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    provider.publish(&[("key-2", N2)]);
    assert_eq!(
        verify_rs256(K1_OLD, &mut keys, 1_000 + TTL),
        Err(Rs256Error::UnknownKey),
        "key-1 was withdrawn from the set (rotated out, or compromised): after the next \
         fetch, tokens it signed must be refused, so a fetch replaces the keys, it does \
         not add to them"
    );
    assert_eq!(
        keys.kids(),
        ["key-2"],
        "the cache holds what the provider publishes"
    );
}

#[test]
fn a_flood_of_forged_kids_fetches_at_most_once_per_interval() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    let (_, rest) = K1_OLD.split_once('.').unwrap();
    for i in 0..500u64 {
        let header = format!(r#"{{"alg":"RS256","kid":"forged-{i}"}}"#);
        let forged = format!("{}.{rest}", security::base64url_encode(header.as_bytes()));
        assert_eq!(
            verify_rs256(&forged, &mut keys, 1_000 + i / 10),
            Err(Rs256Error::UnknownKey),
            "kid forged-{i} is not published"
        );
    }
    assert!(
        provider.fetches() <= 2,
        "500 tokens with made-up kids in 50 s made {} fetches: an unknown kid may trigger a \
         fetch at most once per {REFETCH} s interval, or anyone can make this service hammer \
         the identity provider",
        provider.fetches()
    );
    verify_rs256(K1_OLD, &mut keys, 1_050).expect("genuine tokens still verify during a flood");
}

#[test]
fn an_unknown_kid_is_fetched_again_after_the_interval() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    assert_eq!(
        verify_rs256(K2_NEW, &mut keys, 1_000 + REFETCH - 1),
        Err(Rs256Error::UnknownKey),
        "key-2 is not published yet"
    );
    provider.publish(&[("key-1", N1), ("key-2", N2)]);
    assert_eq!(
        verify_rs256(K2_NEW, &mut keys, 1_000 + REFETCH - 1),
        Err(Rs256Error::UnknownKey),
        "a fetch was tried at 1000: within the {REFETCH} s interval no other is allowed"
    );
    assert_eq!(
        verify_rs256(K2_NEW, &mut keys, 1_000 + REFETCH),
        Ok(r#"{"sub":"bob","exp":5000}"#.to_owned()),
        "{REFETCH} s after the last fetch, an unknown kid may be fetched again, and key-2 is \
         now published"
    );
}

#[test]
fn keeps_its_keys_while_the_provider_is_down() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    verify_rs256(K1_OLD, &mut keys, 1_000).expect("key-1 is published");
    provider.go_down();
    assert_eq!(
        verify_rs256(K1_OLD, &mut keys, 1_000 + TTL),
        Ok(r#"{"sub":"alice","exp":5000}"#.to_owned()),
        "the set is stale but the provider is down: keep the keys held rather than refuse \
         every token"
    );
}

#[test]
fn a_key_without_a_kid_is_known_by_its_thumbprint() {
    let provider = Provider::default();
    *provider.document.borrow_mut() = Some(format!(
        r#"{{"keys":[{{"kty":"RSA","e":"AQAB","n":"{N1}"}}]}}"#
    ));
    let mut keys = cache(&provider);
    assert_eq!(
        verify_rs256(K1_BY_THUMBPRINT, &mut keys, 1_000),
        Ok(r#"{"sub":"alice","exp":5000}"#.to_owned()),
        "a published key without a kid is filed under its RFC 7638 thumbprint, {}",
        jwk_thumbprint_rsa(N1, "AQAB")
    );
}

#[test]
fn refuses_a_token_whose_kid_names_another_key() {
    let provider = Provider::publishing(&[("key-1", N1), ("key-2", N2)]);
    let mut keys = cache(&provider);
    assert_eq!(
        verify_rs256(K1_AS_K2, &mut keys, 1_000),
        Err(Rs256Error::BadSignature),
        "signed with key-1 but claiming kid key-2: the key the kid names must verify it"
    );
}

#[test]
fn refuses_a_tampered_payload() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    let mut parts: Vec<String> = K1_OLD.split('.').map(str::to_owned).collect();
    parts[1] = security::base64url_encode(br#"{"sub":"mallory","exp":5000}"#);
    assert_eq!(
        verify_rs256(&parts.join("."), &mut keys, 1_000),
        Err(Rs256Error::BadSignature),
        "the payload's sub was changed from alice to mallory under alice's signature"
    );
}

#[test]
fn refuses_algorithm_confusion() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    assert_eq!(
        verify_rs256(CONFUSED_HS256, &mut keys, 1_000),
        Err(Rs256Error::UnsupportedAlgorithm),
        "a token marked HS256 and MAC'd with key-1's public modulus as the HMAC secret: \
         anyone has the public key, so an RS256 verifier that honours the token's alg \
         accepts forgeries"
    );
    // The same attack with the modulus as raw bytes, another way to hand "the key" to HMAC.
    let modulus = security::base64url_decode(N1).unwrap();
    let input = format!(
        "{}.{}",
        security::base64url_encode(br#"{"alg":"HS256","kid":"key-1"}"#),
        security::base64url_encode(br#"{"sub":"mallory","exp":5000}"#)
    );
    let tag = security::hmac_sha256(&modulus, input.as_bytes());
    let confused = format!("{input}.{}", security::base64url_encode(&tag));
    assert_eq!(
        verify_rs256(&confused, &mut keys, 1_000),
        Err(Rs256Error::UnsupportedAlgorithm),
        "a token marked HS256, MAC'd with key-1's modulus bytes: the verifier fixes the \
         algorithm, RS256, whatever the token says"
    );
    assert_eq!(
        verify_rs256(ALG_NONE, &mut keys, 1_000),
        Err(Rs256Error::UnsupportedAlgorithm),
        "alg none: no signature at all"
    );
}

#[test]
fn claims_are_read_only_after_the_signature() {
    let provider = Provider::publishing(&[("key-1", N1)]);
    let mut keys = cache(&provider);
    assert_eq!(
        verify_rs256(K1_EXPIRED, &mut keys, 1_000),
        Err(Rs256Error::Expired),
        "exp 1000 at 1000"
    );
    let forged = format!(
        "{}.{}",
        K1_EXPIRED.rsplit_once('.').unwrap().0,
        K1_OLD.rsplit_once('.').unwrap().1
    );
    assert_eq!(
        verify_rs256(&forged, &mut keys, 2_000),
        Err(Rs256Error::BadSignature),
        "an expired token with another token's signature: the signature fails first"
    );
    assert_eq!(
        verify_rs256(K1_NBF, &mut keys, 2_999),
        Err(Rs256Error::NotYetValid),
        "nbf 3000 at 2999"
    );
    assert!(
        verify_rs256(K1_NBF, &mut keys, 3_000).is_ok(),
        "nbf 3000 at 3000 is valid"
    );
}

#[test]
fn keeps_only_rsa_keys_for_rs256_signatures() {
    let document = format!(
        r#"{{"keys":[
            {{"kid":"signing","kty":"RSA","use":"sig","alg":"RS256","e":"AQAB","n":"{N1}"}},
            {{"kid":"no-use-no-alg","kty":"RSA","e":"AQAB","n":"{N2}"}},
            {{"kid":"for-encryption","kty":"RSA","use":"enc","alg":"RS256","e":"AQAB","n":"{N1}"}},
            {{"kid":"another-algorithm","kty":"RSA","use":"sig","alg":"PS256","e":"AQAB","n":"{N1}"}},
            {{"kid":"elliptic","kty":"EC","use":"sig","crv":"P-256","x":"AA","y":"AA"}},
            {{"kid":"no-modulus","kty":"RSA","use":"sig","e":"AQAB"}}
        ]}}"#
    );
    let keys = security::parse_jwks(&document).expect("a key set");
    let mut kids: Vec<&str> = keys.keys().map(String::as_str).collect();
    kids.sort_unstable();
    assert_eq!(
        kids,
        ["no-use-no-alg", "signing"],
        "only RSA keys whose use (if given) is sig and whose alg (if given) is RS256 may \
         verify RS256 tokens; a key published for encryption or another algorithm must not"
    );
    assert!(
        security::parse_jwks("[]").is_none(),
        "a JSON array is not a key set"
    );
}
