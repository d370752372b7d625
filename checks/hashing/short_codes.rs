//! Checks for `exercises/hashing/src/short_codes.rs`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use hashing::base62;
use hashing::short_codes::{
    CODE_LEN, CounterShortener, HashShortener, RangeCoordinator, Register, capacity, hashed_code,
    min_code_len,
};
use md5::{Digest, Md5};
use rstest::rstest;

mod support;

#[test]
fn seven_characters_hold_three_and_a_half_trillion_codes() {
    assert_eq!(CODE_LEN, 7);
    assert_eq!(capacity(7), Some(3_521_614_606_208), "62^7");
    assert_eq!(
        capacity(0),
        Some(1),
        "one code of no characters: the empty one"
    );
    assert_eq!(
        capacity(10),
        Some(839_299_365_868_340_224),
        "62^10 fits in a u64"
    );
    assert_eq!(
        capacity(11),
        None,
        "62^11 is about 5.2e19, more than u64::MAX"
    );
}

#[rstest]
#[case::a_single_url(1, 0)]
#[case::sixty_two_urls_fit_in_one_character(62, 1)]
#[case::sixty_three_do_not(63, 2)]
#[case::five_years_at_500_million_a_month(30_000_000_000, 6)]
#[case::one_more_than_62_to_the_6th(56_800_235_585, 7)]
#[case::every_u64(u64::MAX, 11)]
fn finds_the_shortest_code_that_fits(#[case] urls: u64, #[case] expected: u32) {
    assert_eq!(min_code_len(urls), expected, "min_code_len({urls})");
}

/// The code computed here from the rules in the exercise: MD5, first 8 bytes as a
/// big-endian number, modulo 62^len, in base62 padded to `len`.
fn expected_code(input: &str, len: u32) -> String {
    let digest = Md5::digest(input.as_bytes());
    let number = u64::from_be_bytes(digest[..8].try_into().unwrap());
    base62::encode_padded(number % 62u64.pow(len), len as usize)
}

#[test]
fn a_code_is_the_start_of_the_md5_digest_in_base62() {
    let url = "https://example.com/a/very/long/path?with=query";
    assert_eq!(
        hashed_code(url, 0, 7),
        expected_code(url, 7),
        "attempt 0 hashes the URL itself, unsalted: MD5, its first 8 bytes as a \
         big-endian number, modulo 62^7, in base62 padded to 7 characters"
    );
    assert_eq!(
        hashed_code(url, 0, 3),
        expected_code(url, 3),
        "a 3-character code is the same number modulo 62^3, padded to 3 characters"
    );
    assert_eq!(
        hashed_code(url, 2, 7),
        expected_code(&format!("{url}#2"), 7),
        "attempt 2 hashes the URL salted with \"#2\""
    );
}

#[rstest]
#[case::no_characters(0)]
#[case::more_than_a_u64_can_number(11)]
fn a_code_takes_1_to_10_characters(#[case] len: usize) {
    assert_eq!(hashed_code("https://example.com/", 0, 10).len(), 10);
    let result = std::panic::catch_unwind(|| hashed_code("https://example.com/", 0, len));
    assert!(
        result.is_err(),
        "hashed_code(url, 0, {len}) should panic: a code has 1 to 10 characters, as 62^10 \
         is the largest power of 62 a u64 holds, and an empty code names nothing"
    );
}

#[test]
fn one_character_codes_use_all_62_characters() {
    let used: HashSet<String> = (0..2_000)
        .map(|i| hashed_code(&format!("https://example.com/{i}"), 0, 1))
        .collect();
    assert_eq!(
        used.len(),
        62,
        "2,000 URLs used only {} of the 62 one-character codes: is the code the whole \
         number reduced modulo 62^len, or only the first digits of a longer encoding?",
        used.len()
    );
}

#[test]
fn the_same_url_always_gets_the_same_code() {
    let mut shortener = HashShortener::new(CODE_LEN, 5);
    assert!(shortener.is_empty(), "a new shortener stores no URL");
    let first = shortener.shorten("https://example.com/").unwrap();
    let again = shortener.shorten("https://example.com/").unwrap();
    assert_eq!(
        first, again,
        "shortening a URL twice must not use up a second code"
    );
    assert_eq!(
        (shortener.len(), shortener.is_empty()),
        (1, false),
        "one URL stored, once, as (len, is_empty)"
    );
    assert_eq!(shortener.resolve(&first), Some("https://example.com/"));
    assert_eq!(shortener.resolve("0000000"), None);
}

#[test]
fn a_collision_moves_on_to_the_next_attempt() {
    // With one-character codes there are only 62, so collisions come quickly.
    let mut shortener = HashShortener::new(1, 1_000);
    let mut seen = HashSet::new();
    for i in 0..40 {
        let url = format!("https://example.com/{i}");
        let code = shortener.shorten(&url).unwrap();
        let attempt = (0..1_000)
            .find(|&a| hashed_code(&url, a, 1) == code)
            .expect("the code comes from one of the attempts");
        let earlier_taken = (0..attempt).all(|a| seen.contains(&hashed_code(&url, a, 1)));
        assert!(
            earlier_taken,
            "{url} got the code of attempt {attempt}, but an earlier attempt's code was free"
        );
        assert!(seen.insert(code.clone()), "{code:?} was given to two URLs");
        assert_eq!(shortener.resolve(&code), Some(url.as_str()));
    }
}

#[test]
fn gives_up_with_an_error_when_every_attempt_is_taken() {
    let mut shortener = HashShortener::new(1, 3);
    let mut errors = Vec::new();
    for i in 0..200 {
        let url = format!("https://example.com/{i}");
        if let Err(error) = shortener.shorten(&url) {
            errors.push(error);
        }
    }
    assert!(shortener.len() <= 62, "only 62 one-character codes exist");
    let first = errors.first().expect("200 URLs cannot all fit in 62 codes");
    assert_eq!(first.attempts, 3);
    assert_eq!(
        shortener.len() + errors.len(),
        200,
        "each URL got a code or an error"
    );
    let message = first.to_string();
    assert!(
        message.contains(&first.url),
        "the error {message:?} should name the URL"
    );
}

#[test]
fn ten_thousand_urls_get_distinct_seven_character_codes() {
    let mut shortener = HashShortener::new(CODE_LEN, 5);
    let mut codes = HashSet::new();
    for i in 0..10_000 {
        let url = format!("https://example.com/item/{i}");
        let code = shortener.shorten(&url).unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(codes.insert(code), "two URLs share a code");
    }
}

#[test]
fn servers_never_issue_the_same_id() {
    // 4 servers, on 4 threads, each issuing 5,000 ids from ranges of 100.
    let coordinator = Arc::new(RangeCoordinator::new(100, capacity(7).unwrap()));
    let ids: Vec<Vec<u64>> = std::thread::scope(|scope| {
        let servers: Vec<_> = (0..4)
            .map(|_| {
                let coordinator = Arc::clone(&coordinator);
                scope.spawn(move || {
                    let mut server = CounterShortener::new(coordinator);
                    (0..5_000)
                        .map(|_| server.next_id().unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        servers.into_iter().map(|s| s.join().unwrap()).collect()
    });
    let all: HashSet<u64> = ids.iter().flatten().copied().collect();
    assert_eq!(all.len(), 20_000, "two servers issued the same id");
    assert_eq!(
        all.iter().max(),
        Some(&19_999),
        "with every range used up, the ids are exactly 0..20,000: no range was skipped"
    );
    for server in &ids {
        assert!(
            server.windows(2).all(|pair| pair[0] < pair[1]),
            "a server issues its ids in increasing order"
        );
    }
}

#[test]
fn the_last_range_is_cut_at_the_end_and_then_nothing_is_leased() {
    let coordinator = RangeCoordinator::new(4, 10);
    let leases: Vec<_> = (0..5).map(|_| coordinator.lease()).collect();
    assert_eq!(
        leases,
        [Some(0..4), Some(4..8), Some(8..10), None, None],
        "ids 0..10 in ranges of 4: the third range stops at 10, and after it every \
         lease is None, not an empty range"
    );
}

#[test]
fn ids_up_to_u64_max_are_leased_without_overflow() {
    let register = AtomicU64::new(u64::MAX - 20);
    let coordinator = RangeCoordinator::with_register(register, 10, u64::MAX);
    let leases = [
        coordinator.lease(),
        coordinator.lease(),
        coordinator.lease(),
    ];
    assert_eq!(
        leases,
        [
            Some(u64::MAX - 20..u64::MAX - 10),
            Some(u64::MAX - 10..u64::MAX),
            None
        ],
        "a register 20 short of u64::MAX, ranges of 10 and ids up to u64::MAX: two \
         ranges are left, the second ending exactly at u64::MAX, then none"
    );
}

#[test]
fn the_register_in_memory_is_an_atomic_u64() {
    let register = AtomicU64::new(5);
    Register::store(&register, 7);
    assert_eq!(Register::load(&register), 7, "store 7, then load");
    assert_eq!(
        Register::fetch_add(&register, 3),
        7,
        "fetch_add returns the value before"
    );
    assert_eq!(Register::load(&register), 10, "7 + 3");
}

/// A register shared with a second coordinator process, which leases a range of
/// its own once: right after this coordinator reads the register, or right before
/// its atomic step. That is the moment two coordinators that lease at once can meet.
#[derive(Clone)]
struct Contested {
    value: Arc<AtomicU64>,
    range_len: u64,
    other_lease: Arc<Mutex<Option<Range<u64>>>>,
}

impl Contested {
    fn new(range_len: u64) -> Self {
        Self {
            value: Arc::new(AtomicU64::new(0)),
            range_len,
            other_lease: Arc::new(Mutex::new(None)),
        }
    }

    fn the_other_coordinator_leases(&self) {
        let mut other = self.other_lease.lock().unwrap();
        if other.is_none() {
            let start = self.value.fetch_add(self.range_len, Ordering::SeqCst);
            *other = Some(start..start + self.range_len);
        }
    }

    fn other_lease(&self) -> Option<Range<u64>> {
        self.other_lease.lock().unwrap().clone()
    }
}

impl Register for Contested {
    fn load(&self) -> u64 {
        let value = self.value.load(Ordering::SeqCst);
        self.the_other_coordinator_leases();
        value
    }

    fn store(&self, value: u64) {
        self.value.store(value, Ordering::SeqCst);
    }

    fn fetch_add(&self, delta: u64) -> u64 {
        self.the_other_coordinator_leases();
        self.value.fetch_add(delta, Ordering::SeqCst)
    }
}

#[test]
fn a_lease_is_one_atomic_step_on_the_register() {
    let register = Contested::new(10);
    let coordinator = RangeCoordinator::with_register(register.clone(), 10, 1_000);
    let mine = coordinator.lease().expect("ids 0..1,000 are all free");
    let theirs = register
        .other_lease()
        .expect("a lease reads or adds to the register");
    assert!(
        mine.end <= theirs.start || theirs.end <= mine.start,
        "this coordinator leased {mine:?}, but another coordinator leased {theirs:?} \
         after this lease read the register and before it wrote the next start back: \
         both servers now issue the same ids. A lease must be one atomic step on the \
         register (fetch_add), not a load followed by a store"
    );
    assert_eq!(
        (mine, coordinator.lease()),
        (10..20, Some(20..30)),
        "with 0..10 leased by the other coordinator, this one gets 10..20 and then 20..30"
    );
}

#[test]
fn a_server_leases_a_new_range_only_when_its_own_runs_out() {
    let coordinator = Arc::new(RangeCoordinator::new(3, 1_000));
    let mut a = CounterShortener::new(Arc::clone(&coordinator));
    let mut b = CounterShortener::new(Arc::clone(&coordinator));
    let ids = [
        a.next_id(),
        b.next_id(),
        a.next_id(),
        a.next_id(),
        a.next_id(),
        b.next_id(),
    ];
    assert_eq!(
        ids,
        [Some(0), Some(3), Some(1), Some(2), Some(6), Some(4)],
        "a leases 0..3, b leases 3..6, a runs out and leases 6..9"
    );
}

#[test]
fn counter_codes_are_the_ids_padded_to_seven_characters() {
    let coordinator = Arc::new(RangeCoordinator::new(1_000, capacity(7).unwrap()));
    let mut server = CounterShortener::new(coordinator);
    assert_eq!(server.next_code().as_deref(), Some("0000000"));
    assert_eq!(server.next_code().as_deref(), Some("0000001"));
}

#[test]
fn the_counter_stops_when_every_code_is_issued() {
    let coordinator = Arc::new(RangeCoordinator::new(4, 10));
    let mut server = CounterShortener::new(coordinator);
    let ids: Vec<u64> = std::iter::from_fn(|| server.next_id()).take(20).collect();
    assert_eq!(
        ids,
        (0..10).collect::<Vec<_>>(),
        "ids 0..10, the last range cut short, then none"
    );
}
