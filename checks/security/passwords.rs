//! Checks for `exercises/security/src/passwords.rs`.

use rstest::rstest;
use security::{PasswordRecord, PasswordStore, pbkdf2_hmac_sha256};
use support::{hex, to_hex};

mod support;

/// RFC 7914 section 11 gives PBKDF2-HMAC-SHA256 vectors: its first (one iteration,
/// 64 bytes, so two blocks) is here. Its second runs 80,000 iterations, seconds in
/// a debug build; the benchmark checks it instead. The others were computed with
/// Python's `hashlib.pbkdf2_hmac`.
#[rstest]
#[case::rfc7914_section_11_two_blocks(
    b"passwd",
    b"salt",
    1,
    64,
    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
     49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
)]
#[case::two_iterations_and_a_part_block(
    b"password",
    b"salt",
    2,
    40,
    "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43830651afcb5c862f"
)]
#[case::four_thousand_and_ninety_six_iterations(
    b"password",
    b"salt",
    4096,
    32,
    "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
)]
fn matches_the_published_vectors(
    #[case] password: &[u8],
    #[case] salt: &[u8],
    #[case] iterations: u32,
    #[case] length: usize,
    #[case] expected: &str,
) {
    assert_eq!(
        to_hex(&pbkdf2_hmac_sha256(password, salt, iterations, length)),
        to_hex(&hex(expected)),
        "PBKDF2-HMAC-SHA256({:?}, {:?}, {iterations} iterations, {length} bytes): block i, \
         counted from 1, is U_1 ^ ... ^ U_c with U_1 = HMAC(password, salt || i as 4 \
         big-endian bytes) and U_j = HMAC(password, U_j-1)",
        String::from_utf8_lossy(password),
        String::from_utf8_lossy(salt)
    );
}

#[test]
fn a_shorter_output_is_a_prefix_of_a_longer_one() {
    let long = pbkdf2_hmac_sha256(b"passwd", b"salt", 3, 70);
    assert_eq!(long.len(), 70, "asked for 70 bytes");
    for length in [0, 1, 31, 32, 33, 64, 65] {
        assert_eq!(
            pbkdf2_hmac_sha256(b"passwd", b"salt", 3, length),
            long[..length],
            "{length} bytes should be the first {length} of the 70-byte output: blocks are \
             concatenated and only the last one is cut"
        );
    }
}

/// Salts 1, 2, 3, ... as 16 bytes, so each check knows which salt came next.
fn counting_salts() -> impl FnMut() -> [u8; 16] {
    let mut next = 0u128;
    move || {
        next += 1;
        next.to_be_bytes()
    }
}

fn salt(n: u128) -> [u8; 16] {
    n.to_be_bytes()
}

#[test]
fn stores_a_salted_hash_and_never_the_password() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "correct horse");
    let record = store.record("alice").expect("alice was registered");
    assert_eq!(
        record,
        &PasswordRecord {
            iterations: 10,
            salt: salt(1),
            hash: pbkdf2_hmac_sha256(b"correct horse", &salt(1), 10, 32)
                .try_into()
                .unwrap(),
        },
        "the record holds the iteration count, a fresh salt from the store's source, and \
         PBKDF2 of the password with those, 32 bytes"
    );
}

#[test]
fn verifies_the_right_password_and_refuses_others() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "correct horse");
    assert!(
        store.verify("alice", "correct horse"),
        "alice's own password was refused"
    );
    for wrong in ["correct hors", "correct horse ", "Correct horse", ""] {
        assert!(
            !store.verify("alice", wrong),
            "{wrong:?} is not alice's password"
        );
    }
    assert!(
        !store.verify("bob", "correct horse"),
        "bob was never registered"
    );
}

#[test]
fn the_same_password_gets_a_different_hash_for_each_user() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "123456");
    store.register("bob", "123456");
    let (alice, bob) = (store.record("alice").unwrap(), store.record("bob").unwrap());
    assert_ne!(
        alice.salt, bob.salt,
        "alice and bob got the same salt: each hash needs a salt of its own, drawn when \
         it is made, or one precomputed table cracks every user at once"
    );
    assert_ne!(
        alice.hash, bob.hash,
        "alice and bob share a password and got the same hash: whoever cracks one has both"
    );
}

#[test]
fn raising_the_iteration_count_rehashes_at_the_next_login() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "correct horse");
    store.set_iterations(25);
    assert_eq!(store.iterations(), 25, "the store's count is now 25");
    assert_eq!(
        store.record("alice").unwrap().iterations,
        10,
        "the store cannot rehash without the password: alice's hash waits for her login"
    );
    assert!(
        store.verify("alice", "correct horse"),
        "after the count was raised, alice's hash from before must still verify: check it \
         with the count it was made with, not the store's new one"
    );
    let record = store.record("alice").unwrap();
    assert_eq!(
        record.iterations, 25,
        "alice logged in with the right password after the count went from 10 to 25: her \
         hash should now be made with 25"
    );
    assert_eq!(
        record.hash.to_vec(),
        pbkdf2_hmac_sha256(b"correct horse", &record.salt, 25, 32),
        "the rehashed record's hash is PBKDF2 of the password with its salt and 25 iterations"
    );
    assert_eq!(record.salt, salt(2), "a rehash draws a fresh salt");
    assert!(
        store.verify("alice", "correct horse"),
        "the new hash verifies too"
    );
}

#[test]
fn a_wrong_password_never_rehashes() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "correct horse");
    store.set_iterations(25);
    let before = store.record("alice").unwrap().clone();
    assert!(
        !store.verify("alice", "wrong guess"),
        "a wrong password must be refused"
    );
    assert_eq!(
        store.record("alice"),
        Some(&before),
        "a refused login changed alice's record: only the right password may be hashed again, \
         or a guess replaces her password"
    );
    assert!(
        store.verify("alice", "correct horse"),
        "alice's real password must still work after someone guessed wrong"
    );
}

#[test]
fn lowering_the_iteration_count_weakens_no_stored_hash() {
    let mut store = PasswordStore::new(25, counting_salts());
    store.register("alice", "correct horse");
    store.set_iterations(10);
    assert!(
        store.verify("alice", "correct horse"),
        "alice's password must verify"
    );
    assert_eq!(
        store.record("alice").unwrap().iterations,
        25,
        "the count went down from 25 to 10 and alice's login rehashed her with fewer \
         iterations: a rehash may only make a hash stronger"
    );
    store.register("bob", "hunter2");
    assert_eq!(
        store.record("bob").unwrap().iterations,
        10,
        "new hashes use the store's current count"
    );
}

#[test]
fn registering_again_replaces_the_password() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "old password");
    store.register("alice", "new password");
    assert!(
        store.verify("alice", "new password"),
        "the new password must verify"
    );
    assert!(
        !store.verify("alice", "old password"),
        "the old password must no longer verify"
    );
}

#[test]
fn a_login_at_the_current_count_leaves_the_record_alone() {
    let mut store = PasswordStore::new(10, counting_salts());
    store.register("alice", "correct horse");
    let before = store.record("alice").unwrap().clone();
    assert!(
        store.verify("alice", "correct horse"),
        "alice's password must verify"
    );
    assert_eq!(
        store.record("alice"),
        Some(&before),
        "alice's hash already uses the store's count: rehashing it at every login doubles \
         the cost of each login for nothing"
    );
}
