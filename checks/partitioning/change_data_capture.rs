//! Checks for `exercises/partitioning/src/change_data_capture.rs`.

use std::collections::BTreeMap;

use partitioning::change_data_capture::{Applied, CdcError, Change, EmailIndex, Event, Source};
use proptest::prelude::*;

mod support;
use support::proptest_config;

fn upsert(position: u64, id: u64, email: &str) -> Event {
    Event {
        position,
        change: Change::Upsert {
            id,
            email: email.to_owned(),
        },
    }
}

fn delete(position: u64, id: u64) -> Event {
    Event {
        position,
        change: Change::Delete { id },
    }
}

/// What the index should say: ids by email, from the source's table.
fn by_email(users: &BTreeMap<u64, String>) -> BTreeMap<String, Vec<u64>> {
    let mut expected: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (&id, email) in users {
        expected.entry(email.clone()).or_default().push(id);
    }
    expected
}

/// Checks that `index` agrees with `source` for every email either knows.
fn assert_in_step(index: &EmailIndex, source: &Source, emails: &[&str], context: &str) {
    let expected = by_email(source.users());
    for email in emails {
        let want = expected.get(*email).cloned().unwrap_or_default();
        assert_eq!(
            index.lookup(email),
            want,
            "{context}: the index should list {want:?} under {email}, as the users table does"
        );
    }
    assert_eq!(
        index.len(),
        source.users().len(),
        "{context}: the index should hold every user once"
    );
}

#[test]
fn the_source_writes_each_change_to_its_outbox_in_order() {
    let mut source = Source::new();
    assert_eq!(
        source.upsert(1, "ada@example.com"),
        1,
        "the first change is at position 1"
    );
    assert_eq!(source.upsert(2, "alan@example.com"), 2, "the second at 2");
    assert_eq!(
        source.upsert(1, "ada@lovelace.org"),
        3,
        "a new email for user 1 is change 3"
    );
    assert_eq!(source.delete(2), Some(4), "deleting user 2 is change 4");
    assert_eq!(
        source.delete(2),
        None,
        "user 2 is already gone: nothing is deleted, so nothing goes into the outbox"
    );
    assert_eq!(
        source.outbox_after(0),
        [
            upsert(1, 1, "ada@example.com"),
            upsert(2, 2, "alan@example.com"),
            upsert(3, 1, "ada@lovelace.org"),
            delete(4, 2),
        ],
        "the outbox holds every change, in the order of the transactions that made them"
    );
    assert_eq!(
        source.outbox_after(3),
        [delete(4, 2)],
        "after position 3 comes only change 4"
    );
    assert!(
        source.outbox_after(4).is_empty(),
        "nothing after the last position"
    );
    assert!(
        source.outbox_after(99).is_empty(),
        "nothing after a position beyond the last"
    );
    assert_eq!(
        source.users(),
        &BTreeMap::from([(1, "ada@lovelace.org".to_owned())]),
        "the table itself holds user 1 with the new email"
    );
}

#[test]
fn applies_each_change_in_order() {
    let mut index = EmailIndex::new();
    assert_eq!(index.position(), 0, "a new index has applied nothing");
    assert!(index.is_empty(), "a new index holds no user");
    for event in [
        upsert(1, 1, "ada@example.com"),
        upsert(2, 2, "alan@example.com"),
    ] {
        assert_eq!(
            index.apply(&event),
            Ok(Applied::Applied),
            "{event:?} is the next position"
        );
    }
    assert_eq!(
        index.lookup("ada@example.com"),
        vec![1],
        "user 1 is found by email"
    );
    assert_eq!(
        index.position(),
        2,
        "the index has applied up to position 2"
    );
    assert_eq!(index.len(), 2, "the index holds two users");
    assert!(!index.is_empty(), "an index holding two users is not empty");
}

#[test]
fn a_new_email_replaces_the_old_one() {
    let mut index = EmailIndex::new();
    index
        .apply(&upsert(1, 1, "ada@example.com"))
        .expect("position 1");
    index
        .apply(&upsert(2, 1, "ada@lovelace.org"))
        .expect("position 2");
    assert_eq!(
        index.lookup("ada@example.com"),
        Vec::<u64>::new(),
        "user 1 changed email: the old one must no longer find them"
    );
    assert_eq!(
        index.lookup("ada@lovelace.org"),
        vec![1],
        "the new email finds user 1"
    );
    assert_eq!(index.len(), 1, "still one user");
}

#[test]
fn a_delete_takes_the_user_out() {
    let mut index = EmailIndex::new();
    index
        .apply(&upsert(1, 7, "grace@example.com"))
        .expect("position 1");
    index.apply(&delete(2, 7)).expect("position 2");
    assert_eq!(
        index.lookup("grace@example.com"),
        Vec::<u64>::new(),
        "user 7 was deleted"
    );
    assert!(index.is_empty(), "no users left");
}

#[test]
fn two_users_may_share_an_email() {
    let mut index = EmailIndex::new();
    index
        .apply(&upsert(1, 5, "team@example.com"))
        .expect("position 1");
    index
        .apply(&upsert(2, 3, "team@example.com"))
        .expect("position 2");
    assert_eq!(
        index.lookup("team@example.com"),
        vec![3, 5],
        "both users, in id order"
    );
    index.apply(&delete(3, 5)).expect("position 3");
    assert_eq!(
        index.lookup("team@example.com"),
        vec![3],
        "deleting 5 leaves 3 listed"
    );
}

#[test]
fn a_redelivered_change_is_skipped() {
    let mut index = EmailIndex::new();
    let first = upsert(1, 1, "ada@example.com");
    assert_eq!(
        index.apply(&first),
        Ok(Applied::Applied),
        "the first delivery applies"
    );
    assert_eq!(
        index.apply(&first),
        Ok(Applied::Duplicate),
        "the same change delivered again is at the position already applied: skip it"
    );
    assert_eq!(index.position(), 1, "skipping changes nothing");
}

#[test]
fn an_old_change_delivered_late_does_not_undo_a_newer_one() {
    let mut index = EmailIndex::new();
    let old = upsert(1, 1, "ada@example.com");
    let new = upsert(2, 1, "ada@lovelace.org");
    index.apply(&old).expect("position 1");
    index.apply(&new).expect("position 2");
    assert_eq!(
        index.apply(&old),
        Ok(Applied::Duplicate),
        "change 1 redelivered after change 2 is a duplicate"
    );
    assert_eq!(
        index.lookup("ada@lovelace.org"),
        vec![1],
        "an upsert looks harmless to apply twice, but applying change 1 again now would put \
         user 1's old email back: only the position tells that it is old"
    );
    assert_eq!(
        index.lookup("ada@example.com"),
        Vec::<u64>::new(),
        "the old email stays gone"
    );
}

#[test]
fn a_relay_that_restarts_from_an_old_position_changes_nothing_twice() {
    let mut source = Source::new();
    for (id, email) in [(1, "a@x"), (2, "b@x"), (3, "c@x"), (1, "d@x"), (4, "e@x")] {
        source.upsert(id, email);
    }
    source.delete(2);
    source.upsert(5, "f@x");
    let mut index = EmailIndex::new();
    for event in source.outbox_after(0).iter().take(4) {
        index.apply(event).expect("the first four, in order");
    }
    // The relay crashed before recording that it had sent change 4, and resends
    // everything after the last position it had recorded, 2.
    let results: Vec<Applied> = source
        .outbox_after(2)
        .iter()
        .map(|event| index.apply(event).expect("no event skips ahead"))
        .collect();
    assert_eq!(
        results,
        [
            Applied::Duplicate,
            Applied::Duplicate,
            Applied::Applied,
            Applied::Applied,
            Applied::Applied
        ],
        "resent changes 3 to 7: 3 and 4 were applied already, 5, 6 and 7 are new"
    );
    assert_eq!(
        index.position(),
        7,
        "the index is at the outbox's last position"
    );
    assert_in_step(
        &index,
        &source,
        &["a@x", "b@x", "c@x", "d@x", "e@x", "f@x"],
        "after the resend",
    );
}

#[test]
fn a_change_that_skips_ahead_is_refused_and_changes_nothing() {
    let mut index = EmailIndex::new();
    index
        .apply(&upsert(1, 1, "ada@example.com"))
        .expect("position 1");
    assert_eq!(
        index.apply(&upsert(3, 2, "alan@example.com")),
        Err(CdcError::Gap {
            expected: 2,
            found: 3
        }),
        "position 2 is missing: applying 3 would lose it for good"
    );
    assert_eq!(
        index.position(),
        1,
        "the refused change leaves the position at 1"
    );
    assert_eq!(
        index.lookup("alan@example.com"),
        Vec::<u64>::new(),
        "and the index as it was"
    );
    assert_eq!(
        index.apply(&upsert(2, 3, "grace@example.com")),
        Ok(Applied::Applied),
        "the missing change 2 is still the next one to apply"
    );
}

proptest! {
    #![proptest_config(proptest_config(128))]

    #[test]
    fn at_least_once_delivery_still_applies_every_change_exactly_once(
        ops in proptest::collection::vec((0u64..6, 0usize..4, any::<bool>()), 1..40),
        rewinds in proptest::collection::vec(0u64..10, 1..8),
    ) {
        let emails = ["a@x", "b@x", "c@x", "d@x"];
        let mut source = Source::new();
        for (id, email, remove) in &ops {
            if *remove {
                source.delete(*id);
            } else {
                source.upsert(*id, emails[*email]);
            }
        }
        let total = source.outbox_after(0).len() as u64;
        let mut index = EmailIndex::new();
        let mut applied = 0;
        // Each round the relay resends from a position some way behind the consumer.
        for rewind in rewinds.iter().chain([&0]) {
            let from = index.position().saturating_sub(*rewind);
            for event in source.outbox_after(from).iter().take(7) {
                if index.apply(event).expect("the relay never skips a position") == Applied::Applied {
                    applied += 1;
                }
            }
        }
        for event in source.outbox_after(index.position()) {
            if index.apply(event).expect("the rest, in order") == Applied::Applied {
                applied += 1;
            }
        }
        prop_assert_eq!(applied, total, "each of the {} changes should be applied exactly once", total);
        let expected = by_email(source.users());
        for email in emails {
            prop_assert_eq!(
                index.lookup(email),
                expected.get(email).cloned().unwrap_or_default(),
                "after at-least-once delivery, {} should list what the users table says", email
            );
        }
    }
}
