//! Resilience: what keeps a system of services up when parts of it fail.
//!
//! Every piece in this crate is a state machine or a simulation that takes time
//! and randomness as arguments: no clock is read and no thread sleeps, so each
//! check replays the same run exactly. The concepts are in `notes/resilience.md`.

pub mod backoff;
pub mod bulkhead;
pub mod circuit_breaker;
pub mod idempotency;
pub mod retry_budget;
pub mod saga;
pub mod timeouts;
pub mod two_phase_commit;

pub use backoff::{
    Herd, Jitter, capped, decorrelated_jitter, equal_jitter, full_jitter, load_per_tick,
};
pub use bulkhead::{Bulkhead, Call, Permit, Report, serve};
pub use circuit_breaker::{BreakerConfig, BreakerState, CircuitBreaker};
pub use idempotency::{Begin, Gateway, PaymentRequest, PaymentResult, Payments, Response};
pub use retry_budget::{MAX_ATTEMPTS, Outcome, RetryThrottle, call_with_retries};
pub use saga::{Booking, Crash, Journal, SAGA_STEPS, SagaOutcome, SagaRecord, SagaStep, run_saga};
pub use timeouts::{ChainOutcome, ChainRun, Deadline, Hedged, call_chain, hedge, percentile};
pub use two_phase_commit::{
    Coordinator, Decision, Effect, LogRecord, Message, NodeId, Participant, ParticipantState, Vote,
};
