//! Checks for `exercises/design-patterns/src/decorator.rs`.

use std::collections::VecDeque;
use std::time::Duration;

use design_patterns::decorator::{
    FakeClock, Layer, Log, LoggingLayer, RetryLayer, Service, ServiceBuilder, ServiceError,
    TimeoutLayer, service_fn,
};

/// The request every check sends: fetch order 7.
#[derive(Debug, Clone, PartialEq)]
struct GetOrder(u32);

/// What the backend does on one call: take `ms` milliseconds, then answer.
#[derive(Clone)]
enum Step {
    Ok(u64),
    Fails { ms: u64, retryable: bool },
}
use Step::{Fails, Ok as Answers};

/// A backend that follows `script`, one step per call (the last step repeats),
/// writes `backend serves <request>` to `log` as it starts, and moves `clock` on
/// by each step's time.
fn backend(
    log: &Log,
    clock: &FakeClock,
    script: &[Step],
) -> impl Service<GetOrder, Response = String, Error = ServiceError> + use<> {
    let (log, clock) = (log.clone(), clock.clone());
    let mut script: VecDeque<Step> = script.iter().cloned().collect();
    let mut attempt = 0;
    service_fn(move |request: GetOrder| {
        attempt += 1;
        log.write(format!("backend serves {request:?}"));
        let step = if script.len() > 1 {
            script.pop_front()
        } else {
            script.front().cloned()
        };
        match step.expect("a script has at least one step") {
            Answers(ms) => {
                clock.advance(Duration::from_millis(ms));
                Ok(format!("order {}", request.0))
            }
            Fails { ms, retryable } => {
                clock.advance(Duration::from_millis(ms));
                Err(ServiceError::Failed {
                    reason: format!("attempt {attempt} failed"),
                    retryable,
                })
            }
        }
    })
}

/// How many times the backend was called, by its lines in the log.
fn backend_calls(log: &Log) -> usize {
    log.lines()
        .iter()
        .filter(|line| line.starts_with("backend"))
        .count()
}

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

#[test]
fn a_logging_layer_writes_the_request_before_the_call_and_the_answer_after() {
    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = LoggingLayer::new("api", &log).layer(backend(&log, &clock, &[Answers(5)]));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "a logging layer hands on the backend's answer unchanged"
    );
    assert_eq!(
        log.lines(),
        [
            "api -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "api <- ok \"order 7\""
        ],
        "the request is logged before the backend is called, the answer after it returns"
    );

    let log = Log::new();
    let mut service = LoggingLayer::new("api", &log).layer(backend(
        &log,
        &clock,
        &[Fails {
            ms: 5,
            retryable: false,
        }],
    ));
    assert!(
        service.call(GetOrder(8)).is_err(),
        "a logging layer hands on the backend's error unchanged"
    );
    assert_eq!(
        log.lines(),
        [
            "api -> GetOrder(8)",
            "backend serves GetOrder(8)",
            "api <- err failed: attempt 1 failed"
        ],
        "an error is logged with its message once the backend returns it"
    );
}

#[test]
fn the_first_layer_added_to_the_builder_is_the_first_to_see_the_request() {
    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = ServiceBuilder::new()
        .layer(LoggingLayer::new("outer", &log))
        .layer(LoggingLayer::new("inner", &log))
        .service(backend(&log, &clock, &[Answers(5)]));
    service.call(GetOrder(7)).expect("the backend answers");
    assert_eq!(
        log.lines(),
        [
            "outer -> GetOrder(7)",
            "inner -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "inner <- ok \"order 7\"",
            "outer <- ok \"order 7\"",
        ],
        "layers nest like parentheses: the first added sees the request first and the answer last"
    );
}

#[test]
fn a_retry_outside_logging_logs_every_attempt() {
    let log = Log::new();
    let clock = FakeClock::new();
    let flaky = [
        Fails {
            ms: 5,
            retryable: true,
        },
        Fails {
            ms: 5,
            retryable: true,
        },
        Answers(5),
    ];
    let mut service = ServiceBuilder::new()
        .layer(RetryLayer::new(3))
        .layer(LoggingLayer::new("attempt", &log))
        .service(backend(&log, &clock, &flaky));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "two retryable failures, then an answer: three attempts are allowed, so the third answers"
    );
    assert_eq!(
        log.lines(),
        [
            "attempt -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "attempt <- err failed: attempt 1 failed",
            "attempt -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "attempt <- err failed: attempt 2 failed",
            "attempt -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "attempt <- ok \"order 7\"",
        ],
        "the logging layer inside the retry sees every attempt"
    );
}

#[test]
fn logging_outside_a_retry_logs_the_request_once() {
    let log = Log::new();
    let clock = FakeClock::new();
    let flaky = [
        Fails {
            ms: 5,
            retryable: true,
        },
        Fails {
            ms: 5,
            retryable: true,
        },
        Answers(5),
    ];
    let mut service = ServiceBuilder::new()
        .layer(LoggingLayer::new("request", &log))
        .layer(RetryLayer::new(3))
        .service(backend(&log, &clock, &flaky));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "two retryable failures, then an answer: three attempts are allowed, so the third answers"
    );
    assert_eq!(
        log.lines(),
        [
            "request -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "backend serves GetOrder(7)",
            "backend serves GetOrder(7)",
            "request <- ok \"order 7\"",
        ],
        "the logging layer outside the retry sees one request and its final answer"
    );
}

#[test]
fn a_retry_gives_up_after_its_attempts_and_hands_on_the_last_error() {
    for (max_attempts, calls) in [(3, 3), (1, 1), (0, 1)] {
        let log = Log::new();
        let clock = FakeClock::new();
        let mut service = RetryLayer::new(max_attempts).layer(backend(
            &log,
            &clock,
            &[Fails {
                ms: 5,
                retryable: true,
            }],
        ));
        let result = service.call(GetOrder(7));
        assert_eq!(
            backend_calls(&log),
            calls,
            "a backend that always fails, with at most {max_attempts} attempts: \
             it should be called {calls} time(s) in all, the first call included"
        );
        assert_eq!(
            result,
            Err(ServiceError::Failed {
                reason: format!("attempt {calls} failed"),
                retryable: true
            }),
            "after the last attempt the retry hands on that attempt's error"
        );
    }
}

#[test]
fn a_retry_does_not_resend_a_request_the_backend_refused() {
    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = RetryLayer::new(5).layer(backend(
        &log,
        &clock,
        &[
            Fails {
                ms: 5,
                retryable: false,
            },
            Answers(5),
        ],
    ));
    assert_eq!(
        service.call(GetOrder(7)),
        Err(ServiceError::Failed {
            reason: "attempt 1 failed".to_owned(),
            retryable: false
        }),
        "the backend refused the request (not retryable): the retry hands on that error"
    );
    assert_eq!(
        backend_calls(&log),
        1,
        "an error that is not retryable must not be retried: the same request would fail again, \
         or worse, be done twice"
    );

    let log = Log::new();
    let mut service = RetryLayer::new(5).layer(backend(&log, &clock, &[Answers(5)]));
    service.call(GetOrder(7)).expect("the backend answers");
    assert_eq!(
        backend_calls(&log),
        1,
        "a request that succeeded must not be sent again"
    );
}

#[test]
fn a_timeout_refuses_an_answer_that_came_too_late() {
    for (takes, in_time) in [(199, true), (200, true), (201, false), (900, false)] {
        let log = Log::new();
        let clock = FakeClock::new();
        clock.advance(ms(10_000));
        let mut service = TimeoutLayer::new(ms(200), clock.clone()).layer(backend(
            &log,
            &clock,
            &[Answers(takes)],
        ));
        let expected = if in_time {
            Ok("order 7".to_owned())
        } else {
            Err(ServiceError::TimedOut { limit: ms(200) })
        };
        assert_eq!(
            service.call(GetOrder(7)),
            expected,
            "the backend took {takes} ms against a limit of 200 ms, measured from the call"
        );
    }

    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = TimeoutLayer::new(ms(200), clock.clone()).layer(backend(
        &log,
        &clock,
        &[Fails {
            ms: 300,
            retryable: false,
        }],
    ));
    assert_eq!(
        service.call(GetOrder(7)),
        Err(ServiceError::TimedOut { limit: ms(200) }),
        "a late error is late too: the caller stopped waiting at 200 ms"
    );
}

#[test]
fn a_retry_outside_a_timeout_gives_each_attempt_its_own_deadline() {
    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = ServiceBuilder::new()
        .layer(RetryLayer::new(3))
        .layer(TimeoutLayer::new(ms(200), clock.clone()))
        .service(backend(&log, &clock, &[Answers(300), Answers(50)]));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "the first attempt took 300 ms and timed out (a timeout is retryable); the second took \
         50 ms and answered in time"
    );
    assert_eq!(backend_calls(&log), 2, "two attempts reached the backend");
}

#[test]
fn a_timeout_outside_a_retry_bounds_all_the_attempts_together() {
    let log = Log::new();
    let clock = FakeClock::new();
    let flaky = [
        Fails {
            ms: 100,
            retryable: true,
        },
        Fails {
            ms: 100,
            retryable: true,
        },
        Answers(100),
    ];
    let mut service = ServiceBuilder::new()
        .layer(TimeoutLayer::new(ms(250), clock.clone()))
        .layer(RetryLayer::new(3))
        .service(backend(&log, &clock, &flaky));
    assert_eq!(
        service.call(GetOrder(7)),
        Err(ServiceError::TimedOut { limit: ms(250) }),
        "three attempts of 100 ms each took 300 ms in all, over the 250 ms the outer timeout allows"
    );

    let log = Log::new();
    let mut service = ServiceBuilder::new()
        .layer(RetryLayer::new(3))
        .layer(TimeoutLayer::new(ms(250), clock.clone()))
        .service(backend(&log, &clock, &flaky));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "the same backend with the layers swapped: each attempt of 100 ms is in time, and the \
         third answers"
    );
}

#[test]
fn the_three_layers_stack_in_any_order() {
    let log = Log::new();
    let clock = FakeClock::new();
    let mut service = ServiceBuilder::new()
        .layer(LoggingLayer::new("edge", &log))
        .layer(RetryLayer::new(2))
        .layer(LoggingLayer::new("attempt", &log))
        .layer(TimeoutLayer::new(ms(100), clock.clone()))
        .service(backend(&log, &clock, &[Answers(150), Answers(20)]));
    assert_eq!(
        service.call(GetOrder(7)),
        Ok("order 7".to_owned()),
        "the first attempt is too slow, the second answers in time"
    );
    assert_eq!(
        log.lines(),
        [
            "edge -> GetOrder(7)",
            "attempt -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "attempt <- err timed out after 100ms",
            "attempt -> GetOrder(7)",
            "backend serves GetOrder(7)",
            "attempt <- ok \"order 7\"",
            "edge <- ok \"order 7\"",
        ],
        "logging, retry, logging, timeout, backend: each layer sees what the one outside it passes in"
    );
}

#[test]
fn one_layer_wraps_any_number_of_services() {
    let log = Log::new();
    let clock = FakeClock::new();
    let layer = LoggingLayer::new("shared", &log);
    let mut orders = layer.layer(backend(&log, &clock, &[Answers(5)]));
    let mut lengths = layer.layer(service_fn(|text: &str| {
        Ok::<usize, ServiceError>(text.len())
    }));
    orders.call(GetOrder(1)).expect("the backend answers");
    assert_eq!(
        lengths.call("hello"),
        Ok(5),
        "a service made of a closure, logged"
    );
    assert_eq!(
        log.lines(),
        [
            "shared -> GetOrder(1)",
            "backend serves GetOrder(1)",
            "shared <- ok \"order 1\"",
            "shared -> \"hello\"",
            "shared <- ok 5",
        ],
        "a layer is a recipe: it wraps services of any request and response type"
    );
}
