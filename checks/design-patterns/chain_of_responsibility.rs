//! Checks for `exercises/design-patterns/src/chain_of_responsibility.rs`.

mod support;

use design_patterns::chain_of_responsibility::{
    Atm, Chain, Dispenser, Level, LevelLogger, NOTES, Plan, Refusal, seed_chain,
};
use proptest::prelude::*;
use support::proptest_config;

/// A morning's messages, each at its level.
const SCRIPT: [(Level, &str); 6] = [
    (Level::Info, "server started on port 8080"),
    (Level::Debug, "cache warmed with 1200 keys"),
    (Level::Error, "payment gateway timed out"),
    (Level::Info, "user 42 logged in with password hunter2"),
    (Level::Debug, "retrying payment 7 of 3"),
    (Level::Error, "disk /var is 97% full"),
];

/// Logs the script through `chain`, noting the messages nobody took.
fn run_script(chain: &Chain) -> String {
    SCRIPT
        .map(|(level, message)| {
            chain
                .log(level, message)
                .unwrap_or_else(|| format!("(nobody took {level}: {message})"))
        })
        .join("\n")
}

#[test]
fn the_seed_chain_gives_each_message_to_the_processor_for_its_level() {
    insta::assert_snapshot!("seed_chain", run_script(&seed_chain()));
}

#[test]
fn a_message_nobody_takes_falls_off_the_end_of_the_chain_quietly() {
    let no_errors = Chain::new()
        .then(LevelLogger(Level::Info))
        .then(LevelLogger(Level::Debug));
    insta::assert_snapshot!("chain_without_an_error_processor", run_script(&no_errors));
    assert_eq!(
        Chain::new().log(Level::Error, "anyone?"),
        None,
        "an empty chain takes nothing and writes nothing"
    );
}

#[test]
fn a_closure_at_the_front_of_the_chain_sees_every_message_first() {
    let redact = |_level: Level, message: &str| {
        message
            .contains("password")
            .then(|| "[redacted]".to_owned())
    };
    let chain = Chain::new()
        .then(redact)
        .then(LevelLogger(Level::Error))
        .then(LevelLogger(Level::Info))
        .then(LevelLogger(Level::Debug));
    insta::assert_snapshot!("chain_with_a_redacting_closure", run_script(&chain));
}

/// The fewest notes that pay `amount` from `stock`, found by trying every mix.
fn fewest_notes(stock: [u32; 3], amount: u32) -> Option<[u32; 3]> {
    let mut best: Option<[u32; 3]> = None;
    for twos in 0..=stock[0] {
        for ones in 0..=stock[1] {
            for halves in 0..=stock[2] {
                let paid = 2000 * twos + 1000 * ones + 500 * halves;
                let better = best.is_none_or(|b| twos + ones + halves < b.iter().sum());
                if paid == amount && better {
                    best = Some([twos, ones, halves]);
                }
            }
        }
    }
    best
}

/// Each dispenser of `chain`, as (note, stock), in the chain's order.
fn links(chain: &Dispenser) -> Vec<(u32, u32)> {
    chain
        .dispensers()
        .map(|dispenser| (dispenser.note(), dispenser.stock()))
        .collect()
}

#[test]
fn each_dispenser_takes_what_it_can_and_passes_the_rest_to_the_next() {
    let chain = Dispenser::new(500, 1).then(Dispenser::new(200, 5));
    assert_eq!(
        chain.plan(900),
        Plan {
            notes: vec![(500, 1), (200, 2)],
            unpaid: 0
        },
        "900 down a chain of one 500 and five 200s: the 500 dispenser takes its one note \
         and passes 400 on, which two 200s pay"
    );
    assert_eq!(
        chain.plan(600),
        Plan {
            notes: vec![(500, 1), (200, 0)],
            unpaid: 100
        },
        "600 down the same chain: the 500 dispenser takes what it can, and the 100 it \
         passes on is no multiple of 200 (three 200s would have paid 600, but a link of \
         a chain does not look back)"
    );
    let upside_down = Dispenser::new(1000, 3).then(Dispenser::new(2000, 3));
    assert_eq!(
        upside_down.plan(4000),
        Plan {
            notes: vec![(1000, 3), (2000, 0)],
            unpaid: 1000
        },
        "the chain's order is the order of payment: its first dispenser, the 1000s, \
         takes all three notes before the 2000s see the 1000 left"
    );
}

#[test]
fn planning_changes_nothing_and_dispensing_takes_exactly_the_plan() {
    let mut chain = Dispenser::new(2000, 2)
        .then(Dispenser::new(1000, 1))
        .then(Dispenser::new(500, 5));
    let plan = chain.plan(5_500);
    assert_eq!(
        plan,
        Plan {
            notes: vec![(2000, 2), (1000, 1), (500, 1)],
            unpaid: 0
        },
        "5500 from two 2000s, one 1000 and five 500s"
    );
    assert_eq!(
        links(&chain),
        [(2000, 2), (1000, 1), (500, 5)],
        "a plan is only a plan: every note is still inside"
    );
    chain.dispense(&plan.notes);
    assert_eq!(
        links(&chain),
        [(2000, 0), (1000, 0), (500, 4)],
        "dispensing the plan takes its notes from each dispenser down the chain"
    );
    assert_eq!(
        chain.plan(2_500),
        Plan {
            notes: vec![(2000, 0), (1000, 0), (500, 4)],
            unpaid: 500
        },
        "the next plan starts from what is left"
    );
}

#[test]
fn the_atm_is_the_seeds_chain_of_2000_then_1000_then_500() {
    let atm = Atm::new([1, 2, 4]);
    assert_eq!(
        links(atm.chain()),
        [(2000, 1), (1000, 2), (500, 4)],
        "one dispenser per note, largest first, each holding its stock"
    );
}

#[test]
fn the_seeds_withdrawal_of_2000_is_one_note_when_there_is_one() {
    let mut atm = Atm::new([1, 2, 4]);
    assert_eq!(
        atm.withdraw(2000),
        Ok(vec![(2000, 1)]),
        "one 2000 note, and no other note listed"
    );
    assert_eq!(atm.stock(), [0, 2, 4], "the 2000 note left the ATM");
    assert_eq!(
        atm.withdraw(2000),
        Ok(vec![(1000, 2)]),
        "with no 2000 note left, the 1000 dispenser pays it"
    );
    assert_eq!(
        atm.withdraw(2000),
        Ok(vec![(500, 4)]),
        "with neither left, the 500 dispenser pays it"
    );
    assert_eq!(atm.stock(), [0, 0, 0], "every note was paid out");
}

#[test]
fn each_dispenser_pays_what_it_can_and_passes_the_rest_on() {
    let mut atm = Atm::new([2, 1, 5]);
    assert_eq!(atm.cash(), 7_500, "two 2000 notes, one 1000 and five 500s");
    assert_eq!(
        atm.withdraw(6_500),
        Ok(vec![(2000, 2), (1000, 1), (500, 3)]),
        "each dispenser, largest first, pays as many notes as fit what is left"
    );
    assert_eq!(atm.stock(), [0, 0, 2], "two 500 notes are left");
    assert_eq!(atm.withdraw(0), Ok(vec![]), "nothing asked, nothing paid");
}

#[test]
fn an_amount_that_cannot_be_paid_is_refused_with_nothing_dispensed() {
    let mut atm = Atm::new([1, 0, 1]);
    let refusals = [
        (
            1_200,
            Refusal::NotAMultiple {
                amount: 1_200,
                of: 500,
            },
        ),
        (
            3_000,
            Refusal::NotEnoughCash {
                amount: 3_000,
                cash: 2_500,
            },
        ),
        (1_000, Refusal::CannotMake { amount: 1_000 }),
        (
            3_200,
            Refusal::NotAMultiple {
                amount: 3_200,
                of: 500,
            },
        ),
    ];
    for (amount, refusal) in refusals {
        assert_eq!(
            atm.withdraw(amount),
            Err(refusal),
            "withdrawing {amount} from one 2000 and one 500 note (an amount that is not a \
             multiple of 500 is refused as such first, then one over the cash inside)"
        );
        assert_eq!(
            atm.stock(),
            [1, 0, 1],
            "a refused withdrawal of {amount} must leave every note inside"
        );
    }
    for (refusal, words) in [
        (
            Refusal::NotAMultiple {
                amount: 1_200,
                of: 500,
            },
            ["1200", "500"],
        ),
        (
            Refusal::NotEnoughCash {
                amount: 3_000,
                cash: 2_500,
            },
            ["3000", "2500"],
        ),
        (Refusal::CannotMake { amount: 1_000 }, ["1000", "notes"]),
    ] {
        let message = refusal.to_string();
        assert!(
            words.iter().all(|word| message.contains(word)),
            "the message for {refusal:?} should mention {words:?}; it was: {message}"
        );
    }
}

proptest! {
    #![proptest_config(proptest_config(400))]

    #[test]
    fn every_withdrawal_pays_with_the_fewest_notes_the_stock_allows_or_changes_nothing(
        stock in prop::array::uniform3(0u32..5),
        amounts in prop::collection::vec(prop_oneof![3 => (0u32..24).prop_map(|k| k * 500), 1 => 0u32..12_000], 1..6),
    ) {
        let mut atm = Atm::new(stock);
        for amount in amounts {
            let before = atm.stock();
            let best = fewest_notes(before, amount);
            match (atm.withdraw(amount), best) {
                (Ok(paid), Some(best)) => {
                    let total: u32 = paid.iter().map(|(note, count)| note * count).sum();
                    let notes: u32 = paid.iter().map(|(_, count)| count).sum();
                    prop_assert_eq!(total, amount, "paid {:?} for {} from {:?}", paid, amount, before);
                    prop_assert_eq!(notes, best.iter().sum::<u32>(), "paid {} with {:?} from {:?}; {:?} of {:?} is fewer", amount, paid, before, best, NOTES);
                    prop_assert!(paid.iter().all(|&(_, count)| count > 0), "list only the notes used: {:?}", paid);
                    let mut expected = before;
                    for (note, count) in &paid {
                        let slot = NOTES.iter().position(|n| n == note).expect("a note the ATM holds");
                        prop_assert!(count <= &before[slot], "paid {} notes of {} from a stock of {:?}", count, note, before);
                        expected[slot] -= count;
                    }
                    prop_assert_eq!(atm.stock(), expected, "the stock after paying {:?}", paid);
                }
                (Ok(paid), None) => prop_assert!(false, "paid {:?} for {} from {:?}, which cannot make it", paid, amount, before),
                (Err(refusal), Some(best)) => prop_assert!(false, "refused {} ({}) from {:?}, but {:?} of {:?} pays it", amount, refusal, before, best, NOTES),
                (Err(_), None) => prop_assert_eq!(atm.stock(), before, "a refused {} must dispense nothing", amount),
            }
        }
    }
}
