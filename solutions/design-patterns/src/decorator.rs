//! Exercise: Decorator.
//!
//! Middleware in the shape of tower's `Service` and `Layer`, without the async: a
//! [`Service`] turns a request into a response or an error, and a [`Layer`] wraps
//! a service in another service that does something around the call and always
//! calls inward. Three layers a backend meets every day: [`LoggingLayer`] writes a
//! line before and after each call, [`TimeoutLayer`] turns an answer that came too
//! late into an error, [`RetryLayer`] sends a request again after an error that
//! says another attempt may work. [`ServiceBuilder`] stacks them; the first layer
//! added is the outermost, the first to see a request.
//! Read "Decorator" in `notes/design-patterns.md`.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Something that answers requests: tower's `Service`, synchronous.
///
/// Tower's also has `poll_ready`, for a service to say "not now" before it is
/// handed a request; see the notes.
pub trait Service<Request> {
    type Response;
    type Error;

    fn call(&mut self, request: Request) -> Result<Self::Response, Self::Error>;
}

/// Wraps a service in another: tower's `Layer`. A layer is a recipe; it can wrap
/// any number of services, so it takes `&self`.
pub trait Layer<S> {
    type Service;

    fn layer(&self, inner: S) -> Self::Service;
}

/// A service made of a closure, as tower's `service_fn`.
#[derive(Debug, Clone)]
pub struct ServiceFn<F>(F);

/// Turns `f` into a [`Service`].
pub fn service_fn<F>(f: F) -> ServiceFn<F> {
    ServiceFn(f)
}

impl<F, Request, Response, Error> Service<Request> for ServiceFn<F>
where
    F: FnMut(Request) -> Result<Response, Error>,
{
    type Response = Response;
    type Error = Error;

    fn call(&mut self, request: Request) -> Result<Response, Error> {
        (self.0)(request)
    }
}

/// Why a call failed, for every layer of this file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    /// The service failed. `retryable` says whether the same request, sent again,
    /// may succeed (a dropped connection, an overloaded backend) or not (a request
    /// the backend refuses).
    Failed { reason: String, retryable: bool },
    /// No answer within `limit`.
    TimedOut { limit: Duration },
}

impl ServiceError {
    /// Whether sending the same request again may succeed. A timeout may: the
    /// next attempt may be faster.
    pub fn is_retryable(&self) -> bool {
        match self {
            ServiceError::Failed { retryable, .. } => *retryable,
            ServiceError::TimedOut { .. } => true,
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Failed { reason, .. } => write!(f, "failed: {reason}"),
            ServiceError::TimedOut { limit } => write!(f, "timed out after {limit:?}"),
        }
    }
}

impl std::error::Error for ServiceError {}

/// Lines written by logging layers (and by anything else that holds a clone):
/// every clone writes to the same log.
#[derive(Debug, Clone, Default)]
pub struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn write(&self, line: impl Into<String>) {
        self.0.borrow_mut().push(line.into());
    }

    /// Every line written so far, oldest first.
    pub fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

/// The time, as seen by a timeout: how long since some fixed moment.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// The real clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        Self(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// A clock that moves only when told, for checks: a fake backend advances it by
/// how long its work would take. Every clone shows the same time.
#[derive(Debug, Clone, Default)]
pub struct FakeClock(Rc<Cell<Duration>>);

impl FakeClock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        self.0.get()
    }
}

/// Writes `<name> -> <request:?>` before calling the inner service, then
/// `<name> <- ok <response:?>` or `<name> <- err <error>` after.
#[derive(Debug, Clone)]
pub struct LoggingLayer {
    name: String,
    log: Log,
}

impl LoggingLayer {
    pub fn new(name: impl Into<String>, log: &Log) -> Self {
        Self {
            name: name.into(),
            log: log.clone(),
        }
    }
}

impl<S> Layer<S> for LoggingLayer {
    type Service = Logging<S>;

    fn layer(&self, inner: S) -> Logging<S> {
        Logging {
            inner,
            name: self.name.clone(),
            log: self.log.clone(),
        }
    }
}

/// The service [`LoggingLayer`] makes.
#[derive(Debug, Clone)]
pub struct Logging<S> {
    inner: S,
    name: String,
    log: Log,
}

impl<S, Request> Service<Request> for Logging<S>
where
    S: Service<Request>,
    Request: fmt::Debug,
    S::Response: fmt::Debug,
    S::Error: fmt::Display,
{
    type Response = S::Response;
    type Error = S::Error;

    fn call(&mut self, request: Request) -> Result<S::Response, S::Error> {
        self.log.write(format!("{} -> {request:?}", self.name));
        let result = self.inner.call(request);
        self.log.write(match &result {
            Ok(response) => format!("{} <- ok {response:?}", self.name),
            Err(error) => format!("{} <- err {error}", self.name),
        });
        result
    }
}

/// Turns an answer that took longer than `limit`, by `clock`, into
/// [`ServiceError::TimedOut`]. An answer that takes exactly `limit` is in time.
#[derive(Debug, Clone)]
pub struct TimeoutLayer<C> {
    limit: Duration,
    clock: C,
}

impl<C> TimeoutLayer<C> {
    pub fn new(limit: Duration, clock: C) -> Self {
        Self { limit, clock }
    }
}

impl<S, C: Clone> Layer<S> for TimeoutLayer<C> {
    type Service = Timeout<S, C>;

    fn layer(&self, inner: S) -> Timeout<S, C> {
        Timeout {
            inner,
            limit: self.limit,
            clock: self.clock.clone(),
        }
    }
}

/// The service [`TimeoutLayer`] makes.
#[derive(Debug, Clone)]
pub struct Timeout<S, C> {
    inner: S,
    limit: Duration,
    clock: C,
}

impl<S, C, Request> Service<Request> for Timeout<S, C>
where
    S: Service<Request, Error = ServiceError>,
    C: Clock,
{
    type Response = S::Response;
    type Error = ServiceError;

    fn call(&mut self, request: Request) -> Result<S::Response, ServiceError> {
        let start = self.clock.now();
        let result = self.inner.call(request);
        // Synchronous code cannot stop the call midway: it can only refuse to
        // hand on an answer that came too late.
        if self.clock.now().saturating_sub(start) > self.limit {
            return Err(ServiceError::TimedOut { limit: self.limit });
        }
        result
    }
}

/// Sends a request up to `max_attempts` times in all, as long as the error says
/// another attempt may work ([`ServiceError::is_retryable`]); then hands on the
/// last answer. `max_attempts` of 0 is taken as 1: a request is always sent once.
#[derive(Debug, Clone, Copy)]
pub struct RetryLayer {
    max_attempts: u32,
}

impl RetryLayer {
    pub fn new(max_attempts: u32) -> Self {
        Self { max_attempts }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Retry<S> {
        Retry {
            inner,
            max_attempts: self.max_attempts,
        }
    }
}

/// The service [`RetryLayer`] makes.
#[derive(Debug, Clone)]
pub struct Retry<S> {
    inner: S,
    max_attempts: u32,
}

impl<S, Request> Service<Request> for Retry<S>
where
    S: Service<Request, Error = ServiceError>,
    Request: Clone,
{
    type Response = S::Response;
    type Error = ServiceError;

    fn call(&mut self, request: Request) -> Result<S::Response, ServiceError> {
        let mut attempt = 1;
        loop {
            // The last attempt may give the request away; the others send a copy
            // and keep the original for the next.
            if attempt >= self.max_attempts {
                return self.inner.call(request);
            }
            match self.inner.call(request.clone()) {
                Err(error) if error.is_retryable() => attempt += 1,
                answer => return answer,
            }
        }
    }
}

/// The layer that wraps nothing: where a [`ServiceBuilder`] starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Identity;

impl<S> Layer<S> for Identity {
    type Service = S;

    fn layer(&self, inner: S) -> S {
        inner
    }
}

/// Two layers as one: `inner` wraps the service first, then `outer` wraps the
/// result, so `outer` is the first to see a request.
#[derive(Debug, Clone)]
pub struct Stack<Inner, Outer> {
    inner: Inner,
    outer: Outer,
}

impl<Inner, Outer> Stack<Inner, Outer> {
    pub fn new(inner: Inner, outer: Outer) -> Self {
        Self { inner, outer }
    }
}

impl<S, Inner, Outer> Layer<S> for Stack<Inner, Outer>
where
    Inner: Layer<S>,
    Outer: Layer<Inner::Service>,
{
    type Service = Outer::Service;

    fn layer(&self, service: S) -> Outer::Service {
        self.outer.layer(self.inner.layer(service))
    }
}

/// Stacks layers, as tower's: the first layer added is the outermost, the first
/// to see a request and the last to see its answer.
#[derive(Debug, Clone)]
pub struct ServiceBuilder<L> {
    layer: L,
}

impl ServiceBuilder<Identity> {
    pub fn new() -> Self {
        Self { layer: Identity }
    }
}

impl Default for ServiceBuilder<Identity> {
    fn default() -> Self {
        Self::new()
    }
}

impl<L> ServiceBuilder<L> {
    /// Adds `layer` inside the ones added before it.
    pub fn layer<T>(self, layer: T) -> ServiceBuilder<Stack<T, L>> {
        ServiceBuilder {
            layer: Stack::new(layer, self.layer),
        }
    }

    /// Wraps `service` in every layer added, the first added outermost.
    pub fn service<S>(&self, service: S) -> L::Service
    where
        L: Layer<S>,
    {
        self.layer.layer(service)
    }
}
