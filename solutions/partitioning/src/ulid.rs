//! Exercise: ULIDs, 128-bit ids that sort by time as text.
//!
//! A ULID is 48 bits of Unix milliseconds followed by 80 random bits, written as 26
//! characters of Crockford's base32, most significant first:
//!
//! ```text
//!  01ARZ3NDEK      TSV4RRFFQ69G5FAV
//!  time, 10 chars  randomness, 16 chars
//! ```
//!
//! 26 characters of 5 bits are 130 bits, two more than a ULID has, so the first
//! character is at most `7`. Text that sorts in byte order sorts by time, because the
//! time comes first and every character's order in the alphabet is its order in ASCII.
//! A monotonic generator makes the ids minted within one millisecond sort in the order
//! they were minted, by adding one to the last random part instead of drawing a new one.
//! Read "ULID" in `notes/partitioning.md`.

/// Crockford's base32 alphabet: the digits and the letters but I, L, O and U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const LENGTH: usize = 26;
const RANDOM_BITS: u32 = 80;
const MAX_TIME: u64 = (1 << 48) - 1;
const MAX_RANDOM: u128 = (1 << RANDOM_BITS) - 1;

/// Why text is not a ULID, or why no ULID can be minted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UlidError {
    /// A ULID has 26 characters; the text had `found`.
    WrongLength { found: usize },
    /// The character at `index` (counting characters from 0) is not in the alphabet.
    BadCharacter { index: usize, found: char },
    /// The first character is above `7`: the text holds more than 128 bits.
    Overflow,
    /// A monotonic generator cannot add one to a random part that is all ones.
    RandomExhausted,
}

/// The 26-character, upper-case ULID of `unix_ms` and `random`.
///
/// # Panics
///
/// If `unix_ms` is 2^48 or more, or `random` is 2^80 or more.
pub fn ulid_encode(unix_ms: u64, random: u128) -> String {
    assert!(
        unix_ms <= MAX_TIME,
        "a ULID's time has 48 bits; {unix_ms} needs more"
    );
    assert!(
        random <= MAX_RANDOM,
        "a ULID's randomness has 80 bits; {random:#x} needs more"
    );
    let value = u128::from(unix_ms) << RANDOM_BITS | random;
    (0..LENGTH)
        .rev()
        .map(|i| char::from(ALPHABET[((value >> (5 * i)) & 31) as usize]))
        .collect()
}

/// The time and the random part of a ULID. Lower case is accepted.
///
/// # Errors
///
/// `WrongLength` unless the text has 26 characters, then `BadCharacter` for the first
/// character outside the alphabet (I, L, O and U included), then `Overflow` if the
/// first character is above `7`.
pub fn ulid_decode(text: &str) -> Result<(u64, u128), UlidError> {
    let found = text.chars().count();
    if found != LENGTH {
        return Err(UlidError::WrongLength { found });
    }
    let digits = text
        .chars()
        .enumerate()
        .map(|(index, found)| digit_of(found).ok_or(UlidError::BadCharacter { index, found }))
        .collect::<Result<Vec<u8>, UlidError>>()?;
    if digits[0] > 7 {
        return Err(UlidError::Overflow);
    }
    let value = digits
        .iter()
        .fold(0u128, |value, &digit| value << 5 | u128::from(digit));
    Ok(((value >> RANDOM_BITS) as u64, value & MAX_RANDOM))
}

/// The value of one base32 character, either case; `None` outside the alphabet.
fn digit_of(c: char) -> Option<u8> {
    let upper = c.to_ascii_uppercase();
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == upper)
        .map(|d| d as u8)
}

/// Mints ULIDs that strictly increase, even within one millisecond.
#[derive(Debug, Clone, Default)]
pub struct MonotonicUlid {
    /// The time and random part of the last ULID minted.
    last: Option<(u64, u128)>,
}

impl MonotonicUlid {
    /// A generator that has minted nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The next ULID at `unix_ms`, with `random` as its random part when the
    /// millisecond is later than the last ULID's. At the same millisecond, or an
    /// earlier one (the clock went back), it keeps the last ULID's time and adds one
    /// to its random part, so the ULIDs strictly increase. A refused call changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// `RandomExhausted` if the last random part was already 2^80 - 1.
    ///
    /// # Panics
    ///
    /// As `ulid_encode`, if `unix_ms` or `random` is too large.
    pub fn next(&mut self, unix_ms: u64, random: u128) -> Result<String, UlidError> {
        let (unix_ms, random) = match self.last {
            Some((last_ms, last_random)) if unix_ms <= last_ms => {
                if last_random == MAX_RANDOM {
                    return Err(UlidError::RandomExhausted);
                }
                (last_ms, last_random + 1)
            }
            _ => (unix_ms, random),
        };
        let text = ulid_encode(unix_ms, random);
        self.last = Some((unix_ms, random));
        Ok(text)
    }
}
