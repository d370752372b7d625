//! Checks for `exercises/partitioning/src/secondary_indexes.rs`.

use std::collections::{BTreeMap, BTreeSet};

use partitioning::secondary_indexes::{
    Doc, GlobalIndex, LocalIndex, Touched, doc_partition, term_partition,
};
use proptest::prelude::*;

mod support;
use support::proptest_config;

/// Cars for sale, partitioned by id over 4 partitions: 191 and 515 in partition 3,
/// 214 and 306 in 2, 768 in 0, 893 in 1. In the global index `color:red` and
/// `color:black` live in partition 1, `color:silver` and `make:honda` and `make:volvo`
/// in 3, `color:yellow`, `make:ford`, `make:dodge` and `make:audi` in 2.
fn cars() -> Vec<Doc> {
    vec![
        Doc::new(191, &["color:red", "make:honda"]),
        Doc::new(214, &["color:black", "make:dodge"]),
        Doc::new(306, &["color:red", "make:ford"]),
        Doc::new(515, &["color:silver", "make:dodge"]),
        Doc::new(768, &["color:red", "make:volvo"]),
        Doc::new(893, &["color:silver", "make:audi"]),
    ]
}

fn touched(partitions: &[usize]) -> Touched {
    partitions.iter().copied().collect()
}

#[test]
fn the_given_placement_is_as_the_cars_comment_says() {
    assert_eq!(doc_partition(191, 4), 3, "191 % 4");
    assert_eq!(
        term_partition("color:red", 4),
        1,
        "FNV-1a of color:red, mod 4"
    );
    assert_eq!(
        term_partition("make:honda", 4),
        3,
        "FNV-1a of make:honda, mod 4"
    );
}

#[test]
fn a_local_index_writes_to_one_partition() {
    let mut local = LocalIndex::new(4);
    for car in cars() {
        let id = car.id;
        assert_eq!(
            local.write(car),
            touched(&[doc_partition(id, 4)]),
            "car {id} and its index entries live in its own partition, {}: a local index \
             write touches nothing else",
            doc_partition(id, 4)
        );
    }
}

#[test]
fn a_local_index_query_asks_every_partition() {
    let mut local = LocalIndex::new(4);
    for car in cars() {
        local.write(car);
    }
    assert_eq!(
        local.query("color:red"),
        (vec![191, 306, 768], touched(&[0, 1, 2, 3])),
        "red cars are in partitions 3, 2 and 0, and the query cannot know which in advance: \
         it scatters to all 4 partitions and gathers 191, 306, 768"
    );
    assert_eq!(
        local.query("color:green"),
        (vec![], touched(&[0, 1, 2, 3])),
        "even a term no car has costs a question to every partition"
    );
}

#[test]
fn a_global_index_query_asks_the_one_partition_of_its_term() {
    let mut global = GlobalIndex::new(4);
    for car in cars() {
        global.write(car);
    }
    assert_eq!(
        global.query("color:red"),
        (vec![191, 306, 768], touched(&[1])),
        "every red car is listed under color:red in partition 1, whichever partition the \
         cars live in: one partition answers"
    );
    assert_eq!(
        global.query("make:dodge"),
        (vec![214, 515], touched(&[2])),
        "make:dodge lives in partition 2 and lists 214 and 515"
    );
    assert_eq!(
        global.query("color:green"),
        (vec![], touched(&[term_partition("color:green", 4)])),
        "a term no car has still costs one partition"
    );
}

#[test]
fn a_global_index_write_touches_the_partitions_of_its_terms() {
    let mut global = GlobalIndex::new(4);
    let expected = [
        (191, touched(&[3, 1])),
        (214, touched(&[2, 1])),
        (306, touched(&[2, 1])),
        (515, touched(&[3, 2])),
        (768, touched(&[0, 1, 3])),
        (893, touched(&[1, 3, 2])),
    ];
    for (car, (id, partitions)) in cars().into_iter().zip(expected) {
        assert_eq!(
            global.write(car),
            partitions,
            "car {id}: its own partition {} and the partitions of its two terms' entries",
            doc_partition(id, 4)
        );
    }
}

#[test]
fn changing_a_document_moves_it_between_index_entries() {
    let mut local = LocalIndex::new(4);
    let mut global = GlobalIndex::new(4);
    for car in cars() {
        local.write(car.clone());
        global.write(car);
    }
    let repainted = Doc::new(515, &["color:red", "make:dodge"]);
    assert_eq!(
        global.write(repainted.clone()),
        touched(&[3, 1]),
        "515 repainted from silver to red: its partition 3, color:silver's entry (3) and \
         color:red's (1); make:dodge's entry (2) does not change and need not be touched"
    );
    assert_eq!(
        local.write(repainted),
        touched(&[3]),
        "locally, one partition as ever"
    );
    for (name, ids) in [
        ("local", local.query("color:silver").0),
        ("global", global.query("color:silver").0),
    ] {
        assert_eq!(
            ids,
            vec![893],
            "{name}: 515 is no longer silver; only 893 is"
        );
    }
    for (name, ids) in [
        ("local", local.query("color:red").0),
        ("global", global.query("color:red").0),
    ] {
        assert_eq!(ids, vec![191, 306, 515, 768], "{name}: 515 is red now");
    }
}

#[test]
fn writing_a_document_unchanged_touches_only_its_partition() {
    let mut global = GlobalIndex::new(4);
    for car in cars() {
        global.write(car);
    }
    assert_eq!(
        global.write(Doc::new(191, &["color:red", "make:honda"])),
        touched(&[3]),
        "191 written again with the same terms: no index entry changes, so only its own \
         partition is touched"
    );
}

#[test]
fn counts_the_partitions_a_day_of_work_touches() {
    let partitions = 8;
    let colors = [
        "red", "black", "silver", "white", "blue", "green", "yellow", "grey",
    ];
    let makes = [
        "audi", "bmw", "dodge", "ford", "honda", "kia", "mazda", "seat", "tesla", "volvo",
    ];
    let docs: Vec<Doc> = (0..1000u64)
        .map(|id| {
            let color = format!("color:{}", colors[(id * 7 % 8) as usize]);
            let make = format!("make:{}", makes[(id * 3 % 10) as usize]);
            Doc::new(id, &[color.as_str(), make.as_str()])
        })
        .collect();
    let terms: Vec<String> = colors
        .iter()
        .map(|c| format!("color:{c}"))
        .chain(makes.iter().map(|m| format!("make:{m}")))
        .collect();
    let (mut local, mut global) = (LocalIndex::new(partitions), GlobalIndex::new(partitions));
    let (mut local_writes, mut global_writes) = (0, 0);
    for doc in &docs {
        local_writes += local.write(doc.clone()).len();
        global_writes += global.write(doc.clone()).len();
    }
    let local_reads: usize = terms.iter().map(|t| local.query(t).1.len()).sum();
    let global_reads: usize = terms.iter().map(|t| global.query(t).1.len()).sum();
    assert_eq!(
        local_writes, 1000,
        "1000 writes to a local index touch 1000 partitions"
    );
    assert_eq!(
        local_reads,
        18 * 8,
        "18 queries to a local index over 8 partitions touch 144 partitions"
    );
    assert_eq!(
        global_reads, 18,
        "18 queries to a global index touch 18 partitions"
    );
    let expected_global_writes: usize = docs
        .iter()
        .map(|doc| {
            let mut t = Touched::from([doc_partition(doc.id, partitions)]);
            t.extend(
                doc.terms
                    .iter()
                    .map(|term| term_partition(term, partitions)),
            );
            t.len()
        })
        .sum();
    assert_eq!(
        global_writes, expected_global_writes,
        "1000 new documents with two terms each: each write touches its own partition and \
         its two terms' partitions, {expected_global_writes} in all (2.5 per write here)"
    );
    for term in &terms {
        assert_eq!(
            local.query(term).0,
            global.query(term).0,
            "both indexes must find the same documents for {term}"
        );
    }
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn both_indexes_answer_like_a_scan_of_every_document(
        partitions in 1usize..6,
        writes in proptest::collection::vec(
            (0u64..20, proptest::collection::vec(0usize..6, 0..4)),
            1..40,
        ),
    ) {
        let term = |t: usize| format!("tag:{t}");
        let (mut local, mut global) = (LocalIndex::new(partitions), GlobalIndex::new(partitions));
        let mut truth: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
        for (id, tags) in &writes {
            let terms: Vec<String> = tags.iter().map(|&t| term(t)).collect();
            let doc = Doc { id: *id, terms: terms.clone() };
            let local_touched = local.write(doc.clone());
            prop_assert_eq!(local_touched, touched(&[doc_partition(*id, partitions)]),
                "a local write of document {} touches its partition only", id);
            global.write(doc);
            truth.insert(*id, terms.into_iter().collect());
        }
        for t in 0..6 {
            let expected: Vec<u64> = truth.iter().filter(|(_, terms)| terms.contains(&term(t))).map(|(&id, _)| id).collect();
            prop_assert_eq!(&local.query(&term(t)).0, &expected,
                "the local index's answer for {} after writes {:?}", term(t), &writes);
            prop_assert_eq!(&global.query(&term(t)).0, &expected,
                "the global index's answer for {} after writes {:?}", term(t), &writes);
        }
    }
}
