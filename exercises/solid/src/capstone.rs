//! Exercise: capstone, the seed's push notifications on all five principles.
//!
//! The flow: a phone's app gets a device token from its platform (APNS on iOS, FCM
//! on Android) and sends it with the user's id; the backend asks the push service
//! (SNS in the seed) to create an endpoint for that token, saves the endpoint with
//! the user, and later publishes a message to a topic, which fans out to every
//! endpoint of every subscribed user, each in its platform's format.
//!
//! The design: two small traits at the edges, [`PushTransport`] (the push service)
//! and [`EndpointStore`] (the database); one function for the payload format; and
//! [`PushService`], which holds the flow and is handed its transport and store. The
//! checks hand it their own.
//!
//! Read "Capstone: push notifications" in `notes/solid.md`.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Ios,
    Android,
}

/// A platform endpoint's address in the push service, such as
/// `arn:aws:sns:us-east-1:123456789012:endpoint/APNS/MyApp/abc123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EndpointArn(pub String);

/// One device of one user, as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub user_id: String,
    pub platform: Platform,
    pub token: String,
    pub endpoint: EndpointArn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The platform no longer accepts this endpoint's token (the app was removed).
    EndpointDisabled,
    /// The push service could not be reached or refused for now; worth a retry.
    Unavailable(String),
}

/// The push service: SNS in the seed.
pub trait PushTransport {
    fn create_endpoint(
        &mut self,
        platform: Platform,
        token: &str,
        user_id: &str,
    ) -> Result<EndpointArn, TransportError>;
    fn publish(&mut self, endpoint: &EndpointArn, payload: &str) -> Result<(), TransportError>;
}

/// Where registrations are kept: the seed's database.
pub trait EndpointStore {
    /// Keeps the registration, replacing any with the same token.
    fn save(&mut self, registration: Registration);
    fn by_token(&self, token: &str) -> Option<Registration>;
    /// The user's registrations, in the order their tokens were first saved.
    fn for_user(&self, user_id: &str) -> Vec<Registration>;
    fn remove(&mut self, endpoint: &EndpointArn);
}

/// The message as the platform expects it: `{"aps":{"alert":"<message>"}}` for iOS,
/// `{"notification":{"text":"<message>"}}` for Android, the message escaped as a
/// JSON string.
pub fn payload(platform: Platform, message: &str) -> String {
    todo!()
}

/// What became of one message.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub delivered: Vec<EndpointArn>,
    /// Endpoints the push service could not reach this time; they are kept.
    pub failed: Vec<(EndpointArn, TransportError)>,
    /// Endpoints the platform has disabled; they were removed from the store.
    pub removed: Vec<EndpointArn>,
}

/// The flow, over whatever transport and store it is given.
pub struct PushService<T, S> {
    transport: T,
    store: S,
    /// Each topic's subscribed users.
    topics: BTreeMap<String, BTreeSet<String>>,
}

impl<T: PushTransport, S: EndpointStore> PushService<T, S> {
    pub fn new(transport: T, store: S) -> Self {
        Self {
            transport,
            store,
            topics: BTreeMap::new(),
        }
    }

    /// Registers a device: a token seen before keeps its endpoint (saved under
    /// `user_id`, since a phone may change hands); a new token gets an endpoint from
    /// the transport, which is then saved. If the transport fails, nothing is saved.
    pub fn register(
        &mut self,
        user_id: &str,
        platform: Platform,
        token: &str,
    ) -> Result<EndpointArn, TransportError> {
        todo!("ask the store for the token before asking the transport for an endpoint")
    }

    pub fn subscribe(&mut self, topic: &str, user_id: &str) {
        todo!()
    }

    /// Sends `message` to every device of every user subscribed to `topic`, users in
    /// the order of their ids.
    pub fn publish(&mut self, topic: &str, message: &str) -> Delivery {
        todo!("a disabled endpoint is removed from the store, any other error is only reported")
    }

    /// Sends `message` to every device of one user.
    pub fn notify_user(&mut self, user_id: &str, message: &str) -> Delivery {
        todo!()
    }

    /// The transport and the store back, to look at or to reuse.
    pub fn into_parts(self) -> (T, S) {
        (self.transport, self.store)
    }
}

/// Registrations in memory.
#[derive(Debug, Default)]
pub struct MemoryEndpoints {
    registrations: Vec<Registration>,
}

impl EndpointStore for MemoryEndpoints {
    fn save(&mut self, registration: Registration) {
        todo!()
    }

    fn by_token(&self, token: &str) -> Option<Registration> {
        todo!()
    }

    fn for_user(&self, user_id: &str) -> Vec<Registration> {
        todo!()
    }

    fn remove(&mut self, endpoint: &EndpointArn) {
        todo!()
    }
}
