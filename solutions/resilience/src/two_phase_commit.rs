//! Exercise: two-phase commit with a write-ahead decision log.
//!
//! One coordinator and some participants agree to commit a transaction or abort
//! it, all the same way. Phase 1: the coordinator asks every participant to
//! prepare; each votes yes (it has made its part durable and promises to commit
//! if told to) or no. Phase 2: the coordinator decides commit if every vote was
//! yes and abort otherwise, and tells everyone.
//!
//! Both sides are state machines that never touch the network or the disk: every
//! handler returns the `Effect`s to carry out, in order, and the caller (the checks'
//! simulated network) appends `Effect::Log` records to the node's durable log and
//! delivers `Effect::Send` messages, or loses them, or crashes the node between two
//! effects. What survives a crash is the log, and `recover` rebuilds a node from it.
//! So the order of the effects is the whole lesson: a node must log a promise or a
//! decision before it tells anyone.
//! Read "Two-phase commit" in `notes/resilience.md`.

/// A node's address on the simulated network.
pub type NodeId = usize;

/// A participant's answer to "prepare".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    Yes,
    No,
}

/// The outcome of the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Commit,
    Abort,
}

/// What the nodes say to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Coordinator to participant: prepare and vote.
    Prepare,
    /// Participant to coordinator.
    Vote(Vote),
    /// Coordinator to participant: the outcome.
    Decide(Decision),
    /// An in-doubt participant to the coordinator: what was decided?
    Query,
}

/// A record in a node's durable log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogRecord {
    /// A participant has prepared and voted yes: it may no longer abort on its own.
    Prepared,
    /// The outcome, as this node knows it.
    Decided(Decision),
}

/// One thing a handler asks its caller to do, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Append a record to this node's durable log (it survives a crash).
    Log(LogRecord),
    /// Send a message (the network may lose it).
    Send { to: NodeId, message: Message },
}

/// The coordinator of one transaction.
#[derive(Debug, Clone)]
pub struct Coordinator {
    participants: Vec<NodeId>,
    /// The participants that voted yes so far.
    yes: Vec<NodeId>,
    decision: Option<Decision>,
}

impl Coordinator {
    /// A coordinator for `participants` that has not started.
    pub fn new(participants: Vec<NodeId>) -> Self {
        Self {
            participants,
            yes: Vec::new(),
            decision: None,
        }
    }

    /// Phase 1: ask every participant to prepare.
    pub fn start(&mut self) -> Vec<Effect> {
        self.tell_all(Message::Prepare)
    }

    /// The decision, once made.
    pub fn decision(&self) -> Option<Decision> {
        self.decision
    }

    fn tell_all(&self, message: Message) -> Vec<Effect> {
        self.participants
            .iter()
            .map(|&to| Effect::Send { to, message })
            .collect()
    }

    /// Decides: the decision goes to the log first, and only then to the participants.
    fn decide(&mut self, decision: Decision) -> Vec<Effect> {
        self.decision = Some(decision);
        let mut effects = vec![Effect::Log(LogRecord::Decided(decision))];
        effects.extend(self.tell_all(Message::Decide(decision)));
        effects
    }

    /// Handles a message from participant `from`. The first "no" decides abort; the
    /// last "yes" decides commit. A query is answered once there is a decision.
    pub fn on_message(&mut self, from: NodeId, message: Message) -> Vec<Effect> {
        match (message, self.decision) {
            (Message::Vote(Vote::No), None) => self.decide(Decision::Abort),
            (Message::Vote(Vote::Yes), None) => {
                if !self.yes.contains(&from) {
                    self.yes.push(from);
                }
                if self.participants.iter().all(|p| self.yes.contains(p)) {
                    self.decide(Decision::Commit)
                } else {
                    Vec::new()
                }
            }
            (Message::Query, Some(decision)) => vec![Effect::Send {
                to: from,
                message: Message::Decide(decision),
            }],
            _ => Vec::new(),
        }
    }

    /// No news for a while: undecided, it gives up on the missing votes and aborts;
    /// decided, it sends the decision to everyone again (some may have lost it).
    pub fn on_timeout(&mut self) -> Vec<Effect> {
        match self.decision {
            None => self.decide(Decision::Abort),
            Some(decision) => self.tell_all(Message::Decide(decision)),
        }
    }

    /// Rebuilds a crashed coordinator from its log. A logged decision stands and is
    /// sent again; with none, nobody can have been told to commit, so it aborts.
    pub fn recover(participants: Vec<NodeId>, log: &[LogRecord]) -> (Self, Vec<Effect>) {
        let mut coordinator = Self::new(participants);
        let logged = log.iter().find_map(|record| match record {
            LogRecord::Decided(decision) => Some(*decision),
            LogRecord::Prepared => None,
        });
        let effects = match logged {
            Some(decision) => {
                coordinator.decision = Some(decision);
                coordinator.tell_all(Message::Decide(decision))
            }
            None => coordinator.decide(Decision::Abort),
        };
        (coordinator, effects)
    }
}

/// Where a participant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantState {
    /// Not prepared: it may still abort on its own.
    Working,
    /// Voted yes and waiting for the outcome: in doubt, it may neither commit nor abort.
    Prepared,
    Committed,
    Aborted,
}

/// A participant in one transaction.
#[derive(Debug, Clone)]
pub struct Participant {
    coordinator: NodeId,
    /// How it will vote when asked to prepare.
    vote: Vote,
    state: ParticipantState,
}

impl Participant {
    /// A participant that will vote `vote`, working for `coordinator`.
    pub fn new(coordinator: NodeId, vote: Vote) -> Self {
        Self {
            coordinator,
            vote,
            state: ParticipantState::Working,
        }
    }

    /// Where it stands.
    pub fn state(&self) -> ParticipantState {
        self.state
    }

    fn finish(&mut self, decision: Decision) -> Vec<Effect> {
        self.state = match decision {
            Decision::Commit => ParticipantState::Committed,
            Decision::Abort => ParticipantState::Aborted,
        };
        vec![Effect::Log(LogRecord::Decided(decision))]
    }

    fn send(&self, message: Message) -> Effect {
        Effect::Send {
            to: self.coordinator,
            message,
        }
    }

    /// Handles a message from the coordinator.
    ///
    /// Prepare: a participant that will vote yes logs `Prepared` and then votes yes;
    /// one that will vote no, or has already aborted, aborts and votes no. A
    /// decision is logged and applied once; later copies are ignored.
    pub fn on_message(&mut self, message: Message) -> Vec<Effect> {
        match (message, self.state) {
            (Message::Prepare, ParticipantState::Working) => match self.vote {
                Vote::Yes => {
                    self.state = ParticipantState::Prepared;
                    vec![
                        Effect::Log(LogRecord::Prepared),
                        self.send(Message::Vote(Vote::Yes)),
                    ]
                }
                Vote::No => {
                    let mut effects = self.finish(Decision::Abort);
                    effects.push(self.send(Message::Vote(Vote::No)));
                    effects
                }
            },
            (Message::Prepare, ParticipantState::Prepared) => {
                vec![self.send(Message::Vote(Vote::Yes))]
            }
            (Message::Prepare, ParticipantState::Aborted) => {
                vec![self.send(Message::Vote(Vote::No))]
            }
            (Message::Decide(decision), ParticipantState::Working | ParticipantState::Prepared) => {
                self.finish(decision)
            }
            _ => Vec::new(),
        }
    }

    /// No news for a while. Not yet prepared, it aborts on its own (it has promised
    /// nothing). Prepared, it is in doubt: it may only ask the coordinator, and
    /// waits, blocked, until it hears the outcome.
    pub fn on_timeout(&mut self) -> Vec<Effect> {
        match self.state {
            ParticipantState::Working => self.finish(Decision::Abort),
            ParticipantState::Prepared => vec![self.send(Message::Query)],
            ParticipantState::Committed | ParticipantState::Aborted => Vec::new(),
        }
    }

    /// Rebuilds a crashed participant from its log: a logged decision stands; a
    /// `Prepared` record without one leaves it in doubt; with neither it had promised
    /// nothing and aborts.
    pub fn recover(coordinator: NodeId, vote: Vote, log: &[LogRecord]) -> Self {
        let decided = log.iter().find_map(|record| match record {
            LogRecord::Decided(decision) => Some(*decision),
            LogRecord::Prepared => None,
        });
        let state = match decided {
            Some(Decision::Commit) => ParticipantState::Committed,
            Some(Decision::Abort) => ParticipantState::Aborted,
            None if log.contains(&LogRecord::Prepared) => ParticipantState::Prepared,
            None => ParticipantState::Aborted,
        };
        Self {
            coordinator,
            vote,
            state,
        }
    }
}
