//! Checks for `exercises/resilience/src/two_phase_commit.rs`.
//!
//! The checks run the protocol on a simulated network: messages wait in flight
//! until the check delivers or loses them, and a node can crash between any two of
//! the effects a handler returns. Only its log survives.

use proptest::prelude::*;
use resilience::{
    Coordinator, Decision, Effect, LogRecord, Message, NodeId, Participant, ParticipantState, Vote,
};

mod support;

const COORDINATOR: NodeId = 0;

/// A coordinator (node 0) and participants (nodes 1, 2, …), their logs and the
/// messages in flight.
struct Cluster {
    coordinator: Option<Coordinator>,
    participants: Vec<Option<Participant>>,
    votes: Vec<Vote>,
    /// Durable logs, indexed by node.
    logs: Vec<Vec<LogRecord>>,
    /// (from, to, message), oldest first.
    in_flight: Vec<(NodeId, NodeId, Message)>,
}

impl Cluster {
    fn new(votes: &[Vote]) -> Self {
        Cluster {
            coordinator: Some(Coordinator::new(Self::ids(votes.len()))),
            participants: votes
                .iter()
                .map(|&v| Some(Participant::new(COORDINATOR, v)))
                .collect(),
            votes: votes.to_vec(),
            logs: vec![Vec::new(); votes.len() + 1],
            in_flight: Vec::new(),
        }
    }

    fn ids(n: usize) -> Vec<NodeId> {
        (1..=n).collect()
    }

    fn is_up(&self, node: NodeId) -> bool {
        if node == COORDINATOR {
            self.coordinator.is_some()
        } else {
            self.participants[node - 1].is_some()
        }
    }

    /// Carries out `effects` of `node` in order; with `crash_after = Some(k)` the
    /// node crashes after the first `k` of them and the rest never happen.
    fn apply(&mut self, node: NodeId, effects: Vec<Effect>, crash_after: Option<usize>) {
        for (i, effect) in effects.into_iter().enumerate() {
            if crash_after == Some(i) {
                break;
            }
            match effect {
                Effect::Log(record) => self.logs[node].push(record),
                Effect::Send { to, message } => self.in_flight.push((node, to, message)),
            }
        }
        if crash_after.is_some() {
            self.crash(node);
        }
    }

    fn crash(&mut self, node: NodeId) {
        if node == COORDINATOR {
            self.coordinator = None;
        } else {
            self.participants[node - 1] = None;
        }
    }

    fn recover(&mut self, node: NodeId) {
        if self.is_up(node) {
            return;
        }
        if node == COORDINATOR {
            let (coordinator, effects) =
                Coordinator::recover(Self::ids(self.votes.len()), &self.logs[COORDINATOR]);
            self.coordinator = Some(coordinator);
            self.apply(COORDINATOR, effects, None);
        } else {
            self.participants[node - 1] = Some(Participant::recover(
                COORDINATOR,
                self.votes[node - 1],
                &self.logs[node],
            ));
        }
    }

    fn start(&mut self, crash_after: Option<usize>) {
        let effects = self
            .coordinator
            .as_mut()
            .expect("the coordinator is up")
            .start();
        self.apply(COORDINATOR, effects, crash_after);
    }

    /// Delivers the message in flight at `index`; one to a crashed node is lost.
    fn deliver(&mut self, index: usize, crash_after: Option<usize>) {
        let (from, to, message) = self.in_flight.remove(index);
        let effects = if to == COORDINATOR {
            match self.coordinator.as_mut() {
                Some(c) => c.on_message(from, message),
                None => return,
            }
        } else {
            match self.participants[to - 1].as_mut() {
                Some(p) => p.on_message(message),
                None => return,
            }
        };
        self.apply(to, effects, crash_after);
    }

    /// Delivers the first message for `to` in flight.
    fn deliver_to(&mut self, to: NodeId, crash_after: Option<usize>) {
        let index = self
            .in_flight
            .iter()
            .position(|&(_, t, _)| t == to)
            .unwrap_or_else(|| panic!("no message in flight for node {to}: {:?}", self.in_flight));
        self.deliver(index, crash_after);
    }

    /// Delivers everything in flight, oldest first, until nothing is left.
    fn settle(&mut self) {
        for _ in 0..1_000 {
            if self.in_flight.is_empty() {
                return;
            }
            self.deliver(0, None);
        }
        panic!(
            "messages kept flowing after 1000 deliveries: {:?}",
            self.in_flight
        );
    }

    fn timeout(&mut self, node: NodeId, crash_after: Option<usize>) {
        let effects = if node == COORDINATOR {
            match self.coordinator.as_mut() {
                Some(c) => c.on_timeout(),
                None => return,
            }
        } else {
            match self.participants[node - 1].as_mut() {
                Some(p) => p.on_timeout(),
                None => return,
            }
        };
        self.apply(node, effects, crash_after);
    }

    /// Each participant's state; a crashed one as its log says.
    fn states(&self) -> Vec<ParticipantState> {
        (1..=self.votes.len())
            .map(|node| match &self.participants[node - 1] {
                Some(p) => p.state(),
                None => Participant::recover(COORDINATOR, self.votes[node - 1], &self.logs[node])
                    .state(),
            })
            .collect()
    }

    /// Panics unless no participant has committed while another aborted.
    #[track_caller]
    fn assert_atomic(&self, context: &str) {
        let states = self.states();
        let committed = states.contains(&ParticipantState::Committed);
        let aborted = states.contains(&ParticipantState::Aborted);
        assert!(
            !(committed && aborted),
            "{context}: participants ended {states:?}, some committed and some aborted; \
             logs {:?}",
            self.logs
        );
    }
}

use ParticipantState::{Aborted, Committed, Prepared};
use Vote::{No, Yes};

#[test]
fn every_yes_commits() {
    let mut cluster = Cluster::new(&[Yes, Yes, Yes]);
    cluster.start(None);
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed; 3],
        "three yes votes: everyone commits"
    );
    assert_eq!(
        cluster.coordinator.as_ref().and_then(Coordinator::decision),
        Some(Decision::Commit),
        "the coordinator decided commit"
    );
    assert_eq!(
        cluster.logs[COORDINATOR],
        [LogRecord::Decided(Decision::Commit)],
        "the coordinator's log holds its decision"
    );
    assert_eq!(
        cluster.logs[1],
        [LogRecord::Prepared, LogRecord::Decided(Decision::Commit)],
        "a participant logs its promise (prepared) and then the outcome"
    );
}

#[test]
fn one_no_aborts_everyone() {
    let mut cluster = Cluster::new(&[Yes, No, Yes]);
    cluster.start(None);
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Aborted; 3],
        "one no vote: everyone aborts"
    );
    assert_eq!(
        cluster.coordinator.as_ref().and_then(Coordinator::decision),
        Some(Decision::Abort),
        "the coordinator decided abort"
    );
}

#[test]
fn the_first_no_decides_without_waiting_for_the_rest() {
    let mut cluster = Cluster::new(&[No, Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None); // Participant 1 votes no.
    cluster.deliver_to(COORDINATOR, None);
    assert_eq!(
        cluster.coordinator.as_ref().and_then(Coordinator::decision),
        Some(Decision::Abort),
        "one no is enough to abort; waiting for the other votes only holds their locks longer"
    );
}

#[test]
fn a_coordinator_that_crashes_after_logging_commit_commits_on_recovery() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.deliver_to(2, None);
    cluster.deliver_to(COORDINATOR, None);
    // The last vote: the coordinator decides, logs, and crashes before telling anyone.
    cluster.deliver_to(COORDINATOR, Some(1));
    assert_eq!(
        cluster.logs[COORDINATOR],
        [LogRecord::Decided(Decision::Commit)],
        "the first effect of the last yes vote must be the logged decision"
    );
    assert_eq!(
        cluster.states(),
        [Prepared, Prepared],
        "nobody has heard the decision"
    );
    cluster.recover(COORDINATOR);
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed, Committed],
        "the recovered coordinator finds commit in its log and tells everyone"
    );
}

#[test]
fn a_coordinator_that_crashes_before_logging_aborts_on_recovery() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.deliver_to(2, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.deliver_to(COORDINATOR, Some(0)); // Crashes before doing anything.
    cluster.recover(COORDINATOR);
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Aborted, Aborted],
        "no decision in the log: nobody can have been told to commit, so it aborts"
    );
}

#[test]
fn the_decision_is_logged_before_anyone_hears_it() {
    for crash_after in 0..4 {
        let mut cluster = Cluster::new(&[Yes, Yes, Yes]);
        cluster.start(None);
        for node in 1..=3 {
            cluster.deliver_to(node, None);
        }
        cluster.deliver_to(COORDINATOR, None);
        cluster.deliver_to(COORDINATOR, None);
        cluster.deliver_to(COORDINATOR, Some(crash_after)); // The deciding vote.
        cluster.settle();
        cluster.assert_atomic(&format!(
            "the coordinator crashed after {crash_after} effects of its decision"
        ));
        cluster.recover(COORDINATOR);
        cluster.settle();
        cluster.assert_atomic(&format!(
            "the coordinator crashed after {crash_after} effects of its decision and recovered"
        ));
    }
}

#[test]
fn a_participant_logs_its_promise_before_voting_yes() {
    // Crashing after 0, 1 or both of its effects: before logging, between logging
    // and voting, or just after voting.
    for crash_after in 0..3 {
        let mut cluster = Cluster::new(&[Yes, Yes, Yes]);
        cluster.start(None);
        cluster.deliver_to(1, Some(crash_after)); // Participant 1 crashes while preparing.
        cluster.recover(1);
        cluster.settle();
        cluster.timeout(COORDINATOR, None);
        cluster.settle();
        cluster.assert_atomic(&format!(
            "participant 1 crashed after {crash_after} effects of preparing and recovered"
        ));
    }
}

#[test]
fn a_prepared_participant_blocks_while_the_coordinator_is_down() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.deliver_to(2, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.deliver_to(COORDINATOR, Some(1)); // Decided commit, logged it, crashed.
    for round in 0..5 {
        cluster.timeout(1, None);
        cluster.timeout(2, None);
        cluster.settle(); // Their queries go to a crashed coordinator and are lost.
        assert_eq!(
            cluster.states(),
            [Prepared, Prepared],
            "round {round}: a participant that voted yes may not decide alone (the others \
             may have committed or aborted): it must stay in doubt until the coordinator \
             answers, which is why 2PC is called blocking"
        );
    }
    cluster.recover(COORDINATOR);
    cluster.timeout(1, None);
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed, Committed],
        "once the coordinator is back, both learn commit"
    );
}

#[test]
fn an_unprepared_participant_may_abort_on_its_own() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.in_flight.retain(|&(_, to, _)| to != 2); // Prepare to participant 2 is lost.
    cluster.timeout(2, None);
    assert_eq!(
        cluster.states()[1],
        Aborted,
        "participant 2 never prepared, so it has promised nothing and may abort alone"
    );
    cluster.in_flight.push((COORDINATOR, 2, Message::Prepare)); // Asked again, late.
    cluster.deliver_to(2, None);
    assert!(
        cluster
            .in_flight
            .contains(&(2, COORDINATOR, Message::Vote(No))),
        "asked to prepare after aborting alone, participant 2 must vote no: {:?}",
        cluster.in_flight
    );
    cluster.settle();
    assert_eq!(
        cluster.coordinator.as_ref().and_then(Coordinator::decision),
        Some(Decision::Abort),
        "its no vote decides abort, without waiting for a timeout"
    );
    assert_eq!(cluster.states(), [Aborted, Aborted], "everyone aborts");
}

#[test]
fn a_prepared_participant_asked_again_votes_yes_again() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.in_flight.retain(|&(from, _, _)| from != 1); // Its yes vote is lost.
    cluster.in_flight.push((COORDINATOR, 1, Message::Prepare)); // The coordinator asks again.
    cluster.deliver_to(1, None);
    assert!(
        cluster
            .in_flight
            .contains(&(1, COORDINATOR, Message::Vote(Yes))),
        "a participant that has prepared keeps its promise: asked again, it votes yes again"
    );
    assert_eq!(
        cluster.logs[1],
        [LogRecord::Prepared],
        "and it logs its promise only once"
    );
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed, Committed],
        "both voted yes: commit"
    );
}

#[test]
fn a_participant_with_an_empty_log_recovers_aborted() {
    assert_eq!(
        Participant::recover(COORDINATOR, Yes, &[]).state(),
        Aborted,
        "nothing in its log means it never promised anything: it recovers aborted, not in doubt"
    );
}

#[test]
fn a_lost_decision_is_sent_again_and_a_repeat_changes_nothing() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.deliver_to(2, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.in_flight.retain(|&(_, to, _)| to != 2); // The decision to 2 is lost.
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed, Prepared],
        "participant 2 is still in doubt"
    );
    cluster.timeout(COORDINATOR, None); // Sends the decision again, to both.
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Committed, Committed],
        "the repeated decision reaches 2"
    );
    assert_eq!(
        cluster.logs[1],
        [LogRecord::Prepared, LogRecord::Decided(Decision::Commit)],
        "participant 1 got commit twice and logged it once"
    );
}

#[test]
fn an_in_doubt_participant_asks_and_is_answered() {
    let mut cluster = Cluster::new(&[Yes, Yes]);
    cluster.start(None);
    cluster.deliver_to(1, None);
    cluster.deliver_to(2, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.deliver_to(COORDINATOR, None);
    cluster.in_flight.clear(); // Both decisions are lost.
    cluster.timeout(2, None); // Participant 2 asks.
    cluster.settle();
    assert_eq!(
        cluster.states(),
        [Prepared, Committed],
        "the coordinator answers participant 2's query with the decision, to it alone"
    );
}

#[derive(Debug, Clone)]
enum Event {
    Deliver(usize, Option<usize>),
    Lose(usize),
    Timeout(NodeId, Option<usize>),
    Crash(NodeId),
    Recover(NodeId),
}

fn event() -> impl Strategy<Value = Event> {
    let crash = prop_oneof![3 => Just(None), 1 => (0usize..4).prop_map(Some)];
    prop_oneof![
        6 => (any::<usize>(), crash.clone()).prop_map(|(i, c)| Event::Deliver(i, c)),
        1 => any::<usize>().prop_map(Event::Lose),
        2 => (0usize..4, crash).prop_map(|(n, c)| Event::Timeout(n, c)),
        1 => (0usize..4).prop_map(Event::Crash),
        2 => (0usize..4).prop_map(Event::Recover),
    ]
}

proptest! {
    #![proptest_config(support::proptest_config(300))]

    #[test]
    fn no_participant_commits_while_another_aborts(
        votes in proptest::collection::vec(prop_oneof![4 => Just(Yes), 1 => Just(No)], 3),
        events in proptest::collection::vec(event(), 0..60),
    ) {
        let mut cluster = Cluster::new(&votes);
        cluster.start(None);
        for event in events {
            match event {
                Event::Deliver(i, crash) if !cluster.in_flight.is_empty() => {
                    let i = i % cluster.in_flight.len();
                    cluster.deliver(i, crash);
                }
                Event::Lose(i) if !cluster.in_flight.is_empty() => {
                    let i = i % cluster.in_flight.len();
                    cluster.in_flight.remove(i);
                }
                Event::Timeout(node, crash) if cluster.is_up(node) => cluster.timeout(node, crash),
                Event::Crash(node) => cluster.crash(node),
                Event::Recover(node) => cluster.recover(node),
                _ => {}
            }
            let states = cluster.states();
            prop_assert!(
                !(states.contains(&Committed) && states.contains(&Aborted)),
                "votes {:?}: participants are {:?}, some committed and some aborted; logs {:?}",
                votes, states, cluster.logs
            );
            prop_assert!(
                !states.contains(&Committed) || votes.iter().all(|&v| v == Yes),
                "votes {:?} include a no, yet a participant committed: {:?}", votes, states
            );
        }
        // Heal: everyone back up, timeouts until the outcome reaches everyone.
        for node in 0..=3 {
            cluster.recover(node);
        }
        for _ in 0..3 {
            for node in 0..=3 {
                cluster.timeout(node, None);
            }
            cluster.settle();
        }
        let states = cluster.states();
        prop_assert!(
            states.iter().all(|&s| s == Committed) || states.iter().all(|&s| s == Aborted),
            "votes {:?}: once every node is back and messages flow, all must end the same \
             way, but they ended {:?}", votes, states
        );
    }
}
