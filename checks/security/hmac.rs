//! Checks for `exercises/security/src/hmac.rs`.

use std::cell::RefCell;

use proptest::prelude::*;
use rstest::rstest;
use security::{ByteSource, constant_time_eq, hmac_sha256, verify_hmac_sha256};
use sha2::{Digest, Sha256};
use support::{hex, to_hex};

mod support;

/// RFC 4231 section 4, the HMAC-SHA-256 line of test cases 1 to 4, 6 and 7.
#[rstest]
#[case::rfc4231_test_case_1(
    &hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
    b"Hi There",
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
)]
#[case::rfc4231_test_case_2_a_key_shorter_than_the_tag(
    b"Jefe",
    b"what do ya want for nothing?",
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
)]
#[case::rfc4231_test_case_3(
    &[0xaa; 20],
    &[0xdd; 50],
    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
)]
#[case::rfc4231_test_case_4(
    &hex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
    &[0xcd; 50],
    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
)]
#[case::rfc4231_test_case_6_a_key_longer_than_a_block(
    &[0xaa; 131],
    b"Test Using Larger Than Block-Size Key - Hash Key First",
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
)]
#[case::rfc4231_test_case_7_a_long_key_and_a_long_message(
    &[0xaa; 131],
    b"This is a test using a larger than block-size key and a larger than block-size data. \
      The key needs to be hashed before being used by the HMAC algorithm.",
    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
)]
fn matches_rfc_4231(#[case] key: &[u8], #[case] message: &[u8], #[case] tag: &str) {
    assert_eq!(
        to_hex(&hmac_sha256(key, message)),
        tag,
        "HMAC-SHA256 with a {}-byte key over {:?}: H((K ^ 0x5c..) || H((K ^ 0x36..) || \
         message)), K the key zero-padded to 64 bytes (hashed first if longer)",
        key.len(),
        String::from_utf8_lossy(message)
    );
}

/// RFC 4231 test case 5 checks a tag truncated to its first 128 bits.
#[test]
fn matches_rfc_4231_test_case_5_truncated() {
    let tag = hmac_sha256(&[0x0c; 20], b"Test With Truncation");
    assert_eq!(
        to_hex(&tag[..16]),
        "a3b6167473100ee06e0c796c2955552b",
        "the first 128 bits of RFC 4231 test case 5's tag"
    );
}

/// Around the block size, where a key is used as it is or hashed first. RFC 4231
/// has no key between 26 and 130 bytes; these tags were computed with Python's
/// `hmac` module.
#[rstest]
#[case::longer_than_the_digest_but_within_a_block(
    33,
    b"key longer than the digest",
    "8a74b162d036531349d368b14b8232e80b3a64c6da52caf54b093d529a798348"
)]
#[case::exactly_one_block_is_used_as_it_is(
    64,
    b"key of exactly one block",
    "9b56baaf04d2ab336830b1e8a0a14bade386e94a82ac8fd7837b72054396ba26"
)]
#[case::one_byte_over_a_block_is_hashed(
    65,
    b"key one byte over a block",
    "6fbf7bfcb7ad3bdbf72f02ca40df3a8d5cd4fd33101469976516cb1f2d0cdc43"
)]
fn hashes_a_key_only_when_it_is_longer_than_a_block(
    #[case] key_length: u8,
    #[case] message: &[u8],
    #[case] tag: &str,
) {
    let key: Vec<u8> = (0..key_length).collect();
    assert_eq!(
        to_hex(&hmac_sha256(&key, message)),
        tag,
        "a {key_length}-byte key: SHA-256's block is 64 bytes, so a key of up to 64 bytes is \
         zero-padded and only a longer one is hashed first"
    );
}

#[test]
fn a_long_key_acts_as_its_digest() {
    let key = [0x42; 100];
    assert_eq!(
        hmac_sha256(&key, b"message"),
        hmac_sha256(&Sha256::digest(key), b"message"),
        "RFC 2104: a key longer than the block is replaced by its SHA-256 digest"
    );
}

/// A tag that records which of its bytes were read, as a timing attacker measures
/// how long a comparison took.
struct WatchedTag {
    bytes: Vec<u8>,
    read: RefCell<Vec<bool>>,
}

impl WatchedTag {
    fn new(bytes: &[u8]) -> Self {
        WatchedTag {
            bytes: bytes.to_vec(),
            read: RefCell::new(vec![false; bytes.len()]),
        }
    }

    fn unread(&self) -> Vec<usize> {
        let read = self.read.borrow();
        (0..read.len()).filter(|&i| !read[i]).collect()
    }
}

impl ByteSource for WatchedTag {
    fn len(&self) -> usize {
        self.bytes.len()
    }
    fn byte_at(&self, index: usize) -> u8 {
        self.read.borrow_mut()[index] = true;
        self.bytes[index]
    }
}

const KEY: &[u8] = b"a key the attacker does not have";
const MESSAGE: &[u8] = b"user=alice&role=viewer";

#[test]
fn verifies_its_own_tag() {
    let tag = hmac_sha256(KEY, MESSAGE);
    assert!(
        verify_hmac_sha256(KEY, MESSAGE, &tag),
        "the tag hmac_sha256 computed for this key and message must verify"
    );
}

#[rstest]
#[case::the_first_byte_wrong(0)]
#[case::a_middle_byte_wrong(13)]
#[case::the_last_byte_wrong(31)]
fn reads_every_byte_of_a_wrong_tag(#[case] wrong_byte: usize) {
    let mut guess = hmac_sha256(KEY, MESSAGE);
    guess[wrong_byte] ^= 0x01;
    let tag = WatchedTag::new(&guess);
    assert!(
        !verify_hmac_sha256(KEY, MESSAGE, &tag),
        "a tag with byte {wrong_byte} changed must not verify"
    );
    assert_eq!(
        tag.unread(),
        Vec::<usize>::new(),
        "with byte {wrong_byte} wrong, these bytes of the tag were never read: a comparison \
         that stops at the first difference takes longer the more leading bytes are right, \
         so an attacker finds the tag byte by byte by timing it"
    );
}

#[test]
fn constant_time_eq_reads_both_sides_whatever_they_hold() {
    let left = WatchedTag::new(&[0; 16]);
    let right = WatchedTag::new(&[0xff; 16]);
    assert!(
        !constant_time_eq(&left, &right),
        "16 zero bytes and 16 0xff bytes differ"
    );
    assert!(
        left.unread().is_empty() && right.unread().is_empty(),
        "bytes left unread: {:?} on the left, {:?} on the right; every byte must be read \
         even though the first already differs",
        left.unread(),
        right.unread()
    );
}

#[rstest]
#[case::empty(0)]
#[case::the_first_byte_only(1)]
#[case::half_a_tag(16)]
#[case::all_but_the_last_byte(31)]
fn refuses_a_truncated_tag(#[case] length: usize) {
    let tag = hmac_sha256(KEY, MESSAGE);
    assert!(
        !verify_hmac_sha256(KEY, MESSAGE, &tag[..length]),
        "the first {length} bytes of the right tag verified: a comparison over only the \
         bytes both sides have lets an attacker send an empty tag"
    );
}

#[test]
fn refuses_a_tag_with_bytes_added() {
    let mut tag = hmac_sha256(KEY, MESSAGE).to_vec();
    tag.push(0);
    assert!(
        !verify_hmac_sha256(KEY, MESSAGE, tag.as_slice()),
        "the right tag with one byte appended verified: tags of different lengths are unequal"
    );
}

/// The length-extension attack on `sha256(key || message)`: SHA-256's output is its
/// whole internal state, so from a tag alone an attacker can carry on hashing. They
/// need the length of `key || message` (the key's length is easy to guess), not
/// the key.
fn extend(
    tag: &[u8; 32],
    secret_length: usize,
    message: &[u8],
    extra: &[u8],
) -> (Vec<u8>, [u8; 32]) {
    let padding = |length: usize| {
        let mut pad = vec![0x80];
        while (length + pad.len()) % 64 != 56 {
            pad.push(0);
        }
        pad.extend_from_slice(&((length as u64) * 8).to_be_bytes());
        pad
    };
    let hashed = secret_length + message.len();
    let mut forged = message.to_vec();
    forged.extend(padding(hashed));
    forged.extend_from_slice(extra);

    let mut state = [0u32; 8];
    for (word, chunk) in state.iter_mut().zip(tag.chunks(4)) {
        *word = u32::from_be_bytes(chunk.try_into().unwrap());
    }
    let total = secret_length + forged.len();
    let mut tail = extra.to_vec();
    tail.extend(padding(total));
    let blocks: Vec<[u8; 64]> = tail.chunks(64).map(|b| b.try_into().unwrap()).collect();
    sha2::block_api::compress256(&mut state, &blocks);
    let mut forged_tag = [0u8; 32];
    for (chunk, word) in forged_tag.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    (forged, forged_tag)
}

#[test]
fn a_length_extended_message_does_not_verify() {
    // First, that the attack is real: it breaks sha256(key || message) outright.
    let naive: [u8; 32] = Sha256::new()
        .chain_update(KEY)
        .chain_update(MESSAGE)
        .finalize()
        .into();
    let (forged, forged_naive) = extend(&naive, KEY.len(), MESSAGE, b"&role=admin");
    let expected: [u8; 32] = Sha256::new()
        .chain_update(KEY)
        .chain_update(&forged)
        .finalize()
        .into();
    assert_eq!(
        forged_naive, expected,
        "the check's own length extension is broken"
    );

    // Then, that it does nothing against HMAC.
    let tag = hmac_sha256(KEY, MESSAGE);
    let (forged, forged_tag) = extend(&tag, KEY.len(), MESSAGE, b"&role=admin");
    assert!(
        !verify_hmac_sha256(KEY, &forged, &forged_tag),
        "an attacker who saw the tag of {:?} extended the message to end in \
         \"&role=admin\" and computed its tag without the key: that is what \
         sha256(key || message) allows, and HMAC's outer hash must prevent",
        String::from_utf8_lossy(MESSAGE)
    );
}

proptest! {
    #![proptest_config(support::proptest_config(64))]

    #[test]
    fn any_flipped_bit_is_refused(
        message in prop::collection::vec(any::<u8>(), 0..100),
        byte in 0usize..32,
        bit in 0u8..8,
    ) {
        let mut tag = hmac_sha256(KEY, &message);
        prop_assert!(verify_hmac_sha256(KEY, &message, &tag), "the right tag must verify");
        tag[byte] ^= 1 << bit;
        prop_assert!(
            !verify_hmac_sha256(KEY, &message, &tag),
            "the tag with bit {} of byte {} flipped verified", bit, byte
        );
    }

    #[test]
    fn a_different_message_gets_a_different_tag(
        message in prop::collection::vec(any::<u8>(), 0..100),
        extra in any::<u8>(),
    ) {
        let mut other = message.clone();
        other.push(extra);
        prop_assert_ne!(
            hmac_sha256(KEY, &message),
            hmac_sha256(KEY, &other),
            "one byte appended, same tag"
        );
    }
}

#[test]
fn slices_are_byte_sources_too() {
    let tag = hmac_sha256(KEY, MESSAGE);
    assert!(
        verify_hmac_sha256(KEY, MESSAGE, &tag[..]),
        "the right tag passed as a slice must verify: a slice's len and byte_at are its own"
    );
    let mut wrong = tag;
    wrong[5] ^= 0xff;
    assert!(
        !verify_hmac_sha256(KEY, MESSAGE, &wrong[..]),
        "a wrong tag passed as a slice must not verify"
    );
    assert!(
        !constant_time_eq(&[1u8, 2, 3][..], &[1u8, 2, 4][..]),
        "[1, 2, 3] and [1, 2, 4] differ"
    );
    let empty: &[u8] = &[];
    assert!(ByteSource::is_empty(empty), "an empty slice is empty");
    assert!(
        !ByteSource::is_empty(&tag[..]),
        "a 32-byte tag is not empty"
    );
}
