//! PBKDF2-HMAC-SHA256 (RFC 8018) and a password store built on it: salted, slow,
//! verified in constant time, and rehashed at login when the iteration count has
//! been raised.
//!
//! Read "Passwords" in `notes/security.md`.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::hmac::constant_time_eq;

/// HMAC-SHA256 with the key's two padded blocks hashed once: each of PBKDF2's many
/// HMACs then costs two compressions instead of four.
#[derive(Clone)]
struct KeyedHmac {
    inner: Sha256,
    outer: Sha256,
}

impl KeyedHmac {
    fn new(key: &[u8]) -> Self {
        let mut block = [0u8; 64];
        if key.len() > block.len() {
            block[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        KeyedHmac {
            inner: Sha256::new_with_prefix(block.map(|b| b ^ 0x36)),
            outer: Sha256::new_with_prefix(block.map(|b| b ^ 0x5c)),
        }
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        self.outer
            .clone()
            .chain_update(inner.finalize())
            .finalize()
            .into()
    }
}

/// PBKDF2 with HMAC-SHA256 as its pseudorandom function (RFC 8018 section 5.2):
/// `length` bytes derived from `password` and `salt` with `iterations` rounds.
///
/// Block `i` (counted from 1) is `U_1 ^ U_2 ^ ... ^ U_c`, where
/// `U_1 = HMAC(password, salt || INT_32_BE(i))` and `U_j = HMAC(password, U_{j-1})`;
/// the blocks are concatenated and the last one cut to fit.
pub fn pbkdf2_hmac_sha256(password: &[u8], salt: &[u8], iterations: u32, length: usize) -> Vec<u8> {
    assert!(iterations >= 1, "PBKDF2 needs at least one iteration");
    let prf = KeyedHmac::new(password);
    let mut derived = Vec::with_capacity(length.next_multiple_of(32));
    for index in 1..=length.div_ceil(32) {
        let index = u32::try_from(index).expect("RFC 8018 allows at most 2^32 - 1 blocks");
        let mut u = prf.mac(&[salt, &index.to_be_bytes()]);
        let mut block = u;
        for _ in 1..iterations {
            u = prf.mac(&[&u]);
            block.iter_mut().zip(u).for_each(|(b, x)| *b ^= x);
        }
        derived.extend_from_slice(&block);
    }
    derived.truncate(length);
    derived
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
        let derived = pbkdf2_hmac_sha256(password.as_bytes(), &salt, iterations, 32);
        PasswordRecord {
            iterations,
            salt,
            hash: derived.try_into().expect("asked for 32 bytes"),
        }
    }

    fn matches(&self, password: &str) -> bool {
        let derived = pbkdf2_hmac_sha256(password.as_bytes(), &self.salt, self.iterations, 32);
        constant_time_eq(derived.as_slice(), &self.hash)
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
        PasswordStore {
            iterations,
            salts,
            records: HashMap::new(),
        }
    }

    /// The iteration count new hashes are made with.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Changes the iteration count for hashes made from now on. Raising it
    /// strengthens each user's hash at their next successful login; lowering it
    /// weakens nothing already stored.
    pub fn set_iterations(&mut self, iterations: u32) {
        self.iterations = iterations;
    }

    /// Stores `password` for `user` under a fresh salt, replacing any earlier one.
    pub fn register(&mut self, user: &str, password: &str) {
        let record = PasswordRecord::new(password, (self.salts)(), self.iterations);
        self.records.insert(user.to_owned(), record);
    }

    /// Whether `password` is `user`'s. A right password whose hash was made with
    /// fewer iterations than the store now uses is hashed again, with a fresh salt.
    pub fn verify(&mut self, user: &str, password: &str) -> bool {
        let Some(record) = self.records.get(user) else {
            // Do the same work for an unknown user, so that the time taken does not
            // tell which user names exist.
            let _ = PasswordRecord::new(password, [0; 16], self.iterations);
            return false;
        };
        if !record.matches(password) {
            return false;
        }
        if record.iterations < self.iterations {
            self.register(user, password);
        }
        true
    }

    /// What is stored for `user`, if anything.
    pub fn record(&self, user: &str) -> Option<&PasswordRecord> {
        self.records.get(user)
    }
}
