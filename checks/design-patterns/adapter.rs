//! Checks for `exercises/design-patterns/src/adapter.rs`.

mod support;

use std::time::Duration;

use design_patterns::adapter::vendor::beam::BeamClient;
use design_patterns::adapter::vendor::relay::{RelayClient, RelayError, Segment};
use design_patterns::adapter::{MessageId, OneTimeCodes, PhoneNumber, SendError, SmsSender};
// The two adapters are yours to write (see the goal).
use design_patterns::adapter::BeamAdapter;
use design_patterns::adapter::RelayAdapter;
use proptest::prelude::*;
use support::proptest_config;

fn uk() -> PhoneNumber {
    PhoneNumber::new(44, "7700 900123").expect("a valid UK mobile number")
}

/// Both vendors behind the course's trait, each with its sandbox kept to look at.
/// That both fit one `Box<dyn SmsSender>` is the point: the callers' side of the
/// trait names no vendor type.
fn both_vendors() -> (BeamClient, RelayClient, [Box<dyn SmsSender>; 2]) {
    let beam = BeamClient::sandbox();
    let relay = RelayClient::sandbox();
    let senders: [Box<dyn SmsSender>; 2] = [
        Box::new(BeamAdapter::new(beam.clone())),
        Box::new(RelayAdapter::new(relay.clone())),
    ];
    (beam, relay, senders)
}

#[test]
fn beam_gets_the_number_in_e164_and_its_message_sid_becomes_the_message_id() {
    let beam = BeamClient::sandbox();
    let sender = BeamAdapter::new(beam.clone());
    let id = sender.send(&uk(), "Your table is ready.");
    assert_eq!(
        beam.delivered(),
        [(
            "+447700900123".to_owned(),
            "Your table is ready.".to_owned()
        )],
        "Beam takes E.164: a plus, the country code, then the national number, with no spaces \
         (+44 7700 900123 is \"+447700900123\")"
    );
    assert_eq!(
        id,
        Ok(MessageId::new("SM000001")),
        "the message id is Beam's message sid for the message"
    );

    let us = PhoneNumber::new(1, "202-555-0143").expect("a valid US number");
    sender.send(&us, "hi").expect("Beam takes a US number");
    assert_eq!(
        beam.delivered()[1].0,
        "+12025550143",
        "the same for a one-digit country code"
    );
}

#[test]
fn relay_gets_the_country_code_and_the_number_apart_and_its_id_becomes_the_message_id() {
    let relay = RelayClient::sandbox();
    let sender = RelayAdapter::new(relay.clone());
    let id = sender.send(&uk(), "Your table is ready.");
    assert_eq!(
        relay.delivered(),
        [(
            44,
            "7700900123".to_owned(),
            "Your table is ready.".to_owned()
        )],
        "Relay takes the country code and the national number (digits only) as two arguments"
    );
    assert_eq!(
        id,
        Ok(MessageId::new("7001")),
        "the message id is Relay's id of the (first) part, in decimal"
    );
}

#[test]
fn the_service_sends_through_either_vendor_and_switching_is_one_line() {
    let beam = BeamClient::sandbox();
    let relay = RelayClient::sandbox();
    let mut codes = OneTimeCodes::new(Box::new(BeamAdapter::new(beam.clone())));
    codes
        .send_code(&uk(), 42)
        .expect("Beam sends the sign-in code");
    codes.switch_vendor(Box::new(RelayAdapter::new(relay.clone())));
    codes
        .send_code(&uk(), 917_203)
        .expect("Relay sends the sign-in code");
    assert_eq!(
        beam.delivered(),
        [(
            "+447700900123".to_owned(),
            "Your sign-in code is 000042. It expires in 10 minutes.".to_owned()
        )],
        "the first code went through Beam, and only the first"
    );
    assert_eq!(
        relay.delivered(),
        [(
            44,
            "7700900123".to_owned(),
            "Your sign-in code is 917203. It expires in 10 minutes.".to_owned()
        )],
        "after the switch, the code went through Relay"
    );
}

#[test]
fn beams_statuses_become_the_courses_errors() {
    let cases = [
        (400, None, SendError::InvalidNumber),
        (402, None, SendError::OutOfCredit),
        (
            429,
            Some(30),
            SendError::RateLimited {
                retry_after: Duration::from_secs(30),
            },
        ),
        (
            429,
            None,
            SendError::RateLimited {
                retry_after: Duration::from_secs(1),
            },
        ),
        (500, None, SendError::Unavailable),
        (503, None, SendError::Unavailable),
        (418, None, SendError::Unavailable),
    ];
    for (status, retry_after_secs, expected) in cases {
        let beam = BeamClient::sandbox();
        beam.fail_next(status, retry_after_secs);
        assert_eq!(
            BeamAdapter::new(beam).send(&uk(), "hello"),
            Err(expected.clone()),
            "Beam answered status {status} (retry after {retry_after_secs:?} s): the caller \
             should hear {expected:?}"
        );
    }

    let beam = BeamClient::sandbox();
    let result = BeamAdapter::new(beam).send(&uk(), &"a".repeat(1601));
    assert!(
        matches!(result, Err(SendError::Rejected(_))),
        "Beam answers 413 for a body over 1600 characters; that is the message refused, not \
         the vendor down: got {result:?}"
    );
}

#[test]
fn relays_errors_become_the_courses_errors() {
    let cases = [
        (RelayError::UnknownSubscriber, SendError::InvalidNumber),
        (RelayError::BalanceExhausted, SendError::OutOfCredit),
        (
            RelayError::Throttled { wait_ms: 1500 },
            SendError::RateLimited {
                retry_after: Duration::from_millis(1500),
            },
        ),
        (
            RelayError::Outage("maintenance".to_owned()),
            SendError::Unavailable,
        ),
    ];
    for (error, expected) in cases {
        let relay = RelayClient::sandbox();
        relay.fail_next(error.clone());
        assert_eq!(
            RelayAdapter::new(relay).send(&uk(), "hello"),
            Err(expected.clone()),
            "Relay raised {error:?}: the caller should hear {expected:?} (Relay's wait is in \
             milliseconds)"
        );
    }
    let relay = RelayClient::sandbox();
    relay.fail_next(RelayError::SegmentTooLong {
        chars: 170,
        limit: 160,
    });
    let result = RelayAdapter::new(relay).send(&uk(), "hello");
    assert!(
        matches!(result, Err(SendError::Rejected(_))),
        "Relay refused a part as too long; that is the message refused, not the vendor down: \
         got {result:?}"
    );
}

#[test]
fn each_vendor_error_keeps_its_meaning_through_either_adapter() {
    // The caller decides on the variant: fix the number, wait, top up, try another
    // vendor. So the two vendors' ways of saying the same thing must meet.
    let pairs = [
        ((400, None), RelayError::UnknownSubscriber),
        ((402, None), RelayError::BalanceExhausted),
        ((503, None), RelayError::Outage("down".to_owned())),
    ];
    for ((status, retry), error) in pairs {
        let (beam, relay, [through_beam, through_relay]) = both_vendors();
        beam.fail_next(status, retry);
        relay.fail_next(error.clone());
        assert_eq!(
            through_beam.send(&uk(), "hello"),
            through_relay.send(&uk(), "hello"),
            "Beam's status {status} and Relay's {error:?} say the same thing, so the caller \
             should get the same error from either"
        );
    }
}

/// A part as the checks compare it: its length in characters, its place, and how
/// many parts the text has.
type Part = (usize, u8, u8);

fn relay_parts(segments: &[Segment]) -> Vec<Part> {
    segments
        .iter()
        .map(|segment| (segment.text.chars().count(), segment.part, segment.parts))
        .collect()
}

#[test]
fn a_long_text_goes_through_relay_in_parts_that_the_handset_joins() {
    let cases: [(String, Vec<Part>); 5] = [
        ("x".repeat(160), vec![(160, 1, 1)]),
        ("é".repeat(160), vec![(160, 1, 1)]),
        ("x".repeat(161), vec![(153, 1, 2), (8, 2, 2)]),
        ("x".repeat(400), vec![(153, 1, 3), (153, 2, 3), (94, 3, 3)]),
        (String::new(), vec![(0, 1, 1)]),
    ];
    for (text, expected) in cases {
        let relay = RelayClient::sandbox();
        let id = RelayAdapter::new(relay.clone()).send(&uk(), &text);
        let length = text.chars().count();
        assert_eq!(
            relay_parts(&relay.segments()),
            expected,
            "a text of {length} characters: up to 160 go as one part (part 1 of 1), more in \
             parts of 153 characters; each part is (characters, part, of parts). Parts cost \
             money, so no more than needed"
        );
        assert_eq!(
            relay.delivered(),
            [(44, "7700900123".to_owned(), text.clone())],
            "the handset must put the whole text of {length} characters back together"
        );
        assert_eq!(
            id,
            Ok(MessageId::new("7001")),
            "the message id is the id of the text's first part"
        );
    }
}

#[test]
fn beam_takes_a_long_text_whole() {
    let beam = BeamClient::sandbox();
    let text = "y".repeat(400);
    BeamAdapter::new(beam.clone())
        .send(&uk(), &text)
        .expect("Beam takes up to 1600 characters");
    assert_eq!(
        beam.delivered(),
        [("+447700900123".to_owned(), text)],
        "Beam splits long texts itself: one call with the whole body"
    );
}

proptest! {
    #![proptest_config(proptest_config(200))]

    #[test]
    fn any_text_to_any_number_arrives_whole_through_either_vendor(
        country_code in 1u16..=999,
        national in "[1-9][0-9]{6,9}",
        text in "[a-z é€😀]{0,480}",
    ) {
        let to = PhoneNumber::new(country_code, &national).expect("a valid number");
        let (beam, relay, senders) = both_vendors();
        for sender in &senders {
            prop_assert!(sender.send(&to, &text).is_ok(), "sending to {} failed", to);
        }
        prop_assert_eq!(
            beam.delivered(),
            vec![(format!("+{country_code}{national}"), text.clone())],
            "what Beam delivered"
        );
        prop_assert_eq!(
            relay.delivered(),
            vec![(country_code, national.clone(), text.clone())],
            "what Relay's handset put together"
        );
        let chars = text.chars().count();
        let parts = if chars <= 160 { 1 } else { chars.div_ceil(153) };
        prop_assert_eq!(relay.segments().len(), parts, "parts for {} characters", chars);
    }
}

#[test]
fn a_part_that_fails_fails_the_whole_text() {
    let relay = RelayClient::sandbox();
    relay.pass_next();
    relay.fail_next(RelayError::Throttled { wait_ms: 250 });
    let result = RelayAdapter::new(relay.clone()).send(&uk(), &"z".repeat(400));
    assert_eq!(
        result,
        Err(SendError::RateLimited {
            retry_after: Duration::from_millis(250)
        }),
        "part 2 of 3 was throttled, so the text was not sent: the caller must hear why"
    );
    assert_eq!(
        relay_parts(&relay.segments()),
        [(153, 1, 3)],
        "after a part fails, the parts after it are not sent"
    );
    assert!(
        relay.delivered().is_empty(),
        "the handset got part 1 of 3 only and shows nothing"
    );
}

// The sandboxes are given code, not yours: the check below pins them to their
// documentation, so that the checks above judge your adapters against vendors that
// refuse what the real ones would.

#[test]
fn the_vendor_sandboxes_refuse_what_their_documentation_says_they_refuse() {
    let beam = BeamClient::sandbox();
    for (to, status) in [
        ("+447700900123", 201),
        ("+44 7700 900123", 400),
        ("447700900123", 400),
        ("+0447700900", 400),
        ("+1234567", 400),
        ("+12345678", 201),
        ("+1234567890123456", 400),
        ("+44770090012a", 400),
    ] {
        assert_eq!(
            beam.create_message(to, "hi").status,
            status,
            "Beam's sandbox answers {status} for {to:?}: E.164 is a plus and 8 to 15 digits, \
             the first not 0"
        );
    }
    for (chars, status) in [(1600, 201), (1601, 413)] {
        assert_eq!(
            beam.create_message("+447700900123", &"b".repeat(chars))
                .status,
            status,
            "Beam's sandbox takes bodies of up to 1600 characters"
        );
    }

    let relay = RelayClient::sandbox();
    for (country_code, number, refused) in [
        (44, "7700900123", false),
        (0, "7700900123", true),
        (1000, "7700900123", true),
        (44, "770", true),
        (44, "+447700900123", true),
        (44, "77009 00123", true),
    ] {
        assert_eq!(
            relay.submit(country_code, number, "hi", 1, 1).err(),
            refused.then_some(RelayError::UnknownSubscriber),
            "Relay's sandbox on country code {country_code} and number {number:?}: a code of \
             1 to 999 and 4 to 14 digits"
        );
    }
    assert_eq!(
        relay.submit(44, "7700900123", "again", 1, 1),
        Ok(7002),
        "Relay's ids count up from 7001, one per part"
    );

    let relay = RelayClient::sandbox();
    let send = |number: &str, text: &str, part: u8, parts: u8| {
        relay
            .submit(44, number, text, part, parts)
            .expect("a valid part");
    };
    send("111111", "late ", 2, 2);
    send("111111", "alone ", 1, 2);
    send("222222", "other", 1, 1);
    send("111111", "one ", 1, 2);
    send("111111", "two", 2, 2);
    send("333333", "a", 1, 2);
    send("444444", "b", 2, 2);
    send("555555", "x", 3, 3);
    send("555555", "y", 2, 3);
    send("555555", "z", 3, 3);
    assert_eq!(
        relay.delivered(),
        [
            (44, "222222".to_owned(), "other".to_owned()),
            (44, "111111".to_owned(), "one two".to_owned()),
        ],
        "a handset joins parts 1 to n of n sent in a row to it, and shows nothing else"
    );

    assert_eq!(
        uk().to_string(),
        "+44 7700900123",
        "a phone number shows its country code apart"
    );
    assert_eq!(MessageId::new("SM000001").as_str(), "SM000001");
    assert!(
        SendError::RateLimited {
            retry_after: Duration::from_millis(1500)
        }
        .to_string()
        .contains("1.5s"),
        "a rate limit's message says how long to wait"
    );
}
