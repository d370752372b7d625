//! Exercise: PBKDF2-HMAC-SHA256 (RFC 8018) and a password store built on it: salted, slow,
//! verified in constant time, and rehashed at login when the iteration count has
//! been raised.
//!
//! Read "Passwords" in `notes/security.md`.

use std::collections::HashMap;

use crate::hmac::constant_time_eq;

/// PBKDF2 with HMAC-SHA256 as its pseudorandom function (RFC 8018 section 5.2):
/// `length` bytes derived from `password` and `salt` with `iterations` rounds.
///
/// Block `i` (counted from 1) is `U_1 ^ U_2 ^ ... ^ U_c`, where
/// `U_1 = HMAC(password, salt || INT_32_BE(i))` and `U_j = HMAC(password, U_{j-1})`;
/// the blocks are concatenated and the last one cut to fit.
pub fn pbkdf2_hmac_sha256(password: &[u8], salt: &[u8], iterations: u32, length: usize) -> Vec<u8> {
    todo!(
        "block i from 1: U_1 = HMAC(password, salt || i as 4 bytes), then each U from the last, all XORed"
    )
}

/// What the store keeps for one user: never the password, only how to check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordRecord {
    /// The iteration count the hash was made with.
    pub iterations: u32,
    /// A random salt of this user's own, drawn when the hash was made.
    pub salt: [u8; 16],
    /// `pbkdf2_hmac_sha256(password, salt, iterations, 32)`.
    pub hash: [u8; 32],
}

impl PasswordRecord {
    fn new(password: &str, salt: [u8; 16], iterations: u32) -> Self {
        todo!("hash the password under this salt")
    }

    fn matches(&self, password: &str) -> bool {
        todo!("hash again with this record's salt and count, compare in constant time")
    }
}

/// Users' password hashes, made with the store's current iteration count.
///
/// `salts` gives a fresh random salt each time it is called (the checks pass a
/// predictable one, a service passes its random generator).
pub struct PasswordStore<S> {
    iterations: u32,
    salts: S,
    records: HashMap<String, PasswordRecord>,
}

impl<S: FnMut() -> [u8; 16]> PasswordStore<S> {
    /// An empty store hashing with `iterations` rounds of PBKDF2.
    pub fn new(iterations: u32, salts: S) -> Self {
        todo!("an empty store")
    }

    /// The iteration count new hashes are made with.
    pub fn iterations(&self) -> u32 {
        todo!("the current count")
    }

    /// Changes the iteration count for hashes made from now on. Raising it
    /// strengthens each user's hash at their next successful login; lowering it
    /// weakens nothing already stored.
    pub fn set_iterations(&mut self, iterations: u32) {
        todo!("remember the new count")
    }

    /// Stores `password` for `user` under a fresh salt, replacing any earlier one.
    pub fn register(&mut self, user: &str, password: &str) {
        todo!("a fresh salt, the current count, the hash")
    }

    /// Whether `password` is `user`'s. A right password whose hash was made with
    /// fewer iterations than the store now uses is hashed again, with a fresh salt.
    pub fn verify(&mut self, user: &str, password: &str) -> bool {
        todo!("check against the stored record; rehash a right password made with fewer iterations")
    }

    /// What is stored for `user`, if anything.
    pub fn record(&self, user: &str) -> Option<&PasswordRecord> {
        todo!("the stored record")
    }
}
