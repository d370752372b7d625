//! Exercise: capstone, the seed's push notifications on all five principles.
//!
//! The flow: a phone's app gets a device token from its platform (APNs on iOS, FCM
//! on Android) and sends it with the user's id; the backend asks the push service
//! (Amazon SNS in the seed) to create a platform endpoint for that token, saves the
//! endpoint with the user, and later publishes a notification to a topic, which fans
//! out to every endpoint of every subscribed user, each in its platform's format.
//!
//! The design: two small traits at the edges, [`PushTransport`] (the push service)
//! and [`EndpointStore`] (the database); two functions for the wire format,
//! [`payload`] and [`sns_message`]; and [`PushService`], which holds the flow and is
//! handed its transport and store. The checks hand it their own.
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
    /// Publishes an [`sns_message`] to one endpoint.
    fn publish(&mut self, endpoint: &EndpointArn, message: &str) -> Result<(), TransportError>;
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

/// What a user sees: a title and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub title: String,
    pub body: String,
}

impl Notification {
    pub fn new(title: &str, body: &str) -> Self {
        Self {
            title: title.to_string(),
            body: body.to_string(),
        }
    }
}

/// The notification as SNS hands it to the platform, title and body escaped as JSON
/// strings: for iOS, APNs' `{"aps":{"alert":{"title":..,"body":..}}}`; for Android,
/// an FCM HTTP v1 message, which SNS takes under its own `fcmV1Message` key:
/// `{"fcmV1Message":{"message":{"notification":{"title":..,"body":..}}}}`.
pub fn payload(platform: Platform, notification: &Notification) -> String {
    let title = json_string(&notification.title);
    let body = json_string(&notification.body);
    let content = format!(r#"{{"title":{title},"body":{body}}}"#);
    match platform {
        Platform::Ios => format!(r#"{{"aps":{{"alert":{content}}}}}"#),
        Platform::Android => {
            format!(r#"{{"fcmV1Message":{{"message":{{"notification":{content}}}}}}}"#)
        }
    }
}

/// The key SNS files a platform's payload under in a message: `APNS` for Apple's
/// production service (`APNS_SANDBOX` would be its development one), `GCM` for FCM,
/// a name kept from FCM's predecessor.
fn sns_key(platform: Platform) -> &'static str {
    match platform {
        Platform::Ios => "APNS",
        Platform::Android => "GCM",
    }
}

/// The whole `Message` of an SNS `Publish` with `MessageStructure` set to `json`: a
/// JSON object whose `default` is the body (what a protocol without a key of its own
/// receives) and whose platform key holds the platform's [`payload`] as a JSON
/// *string*, not an object, as SNS requires:
/// `{"default":"50% off","GCM":"{\"fcmV1Message\":...}"}`.
pub fn sns_message(platform: Platform, notification: &Notification) -> String {
    format!(
        r#"{{"default":{},"{}":{}}}"#,
        json_string(&notification.body),
        sns_key(platform),
        json_string(&payload(platform, notification))
    )
}

fn json_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c < ' ' => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
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
        let endpoint = match self.store.by_token(token) {
            Some(known) if known.platform == platform => known.endpoint,
            _ => self.transport.create_endpoint(platform, token, user_id)?,
        };
        self.store.save(Registration {
            user_id: user_id.to_string(),
            platform,
            token: token.to_string(),
            endpoint: endpoint.clone(),
        });
        Ok(endpoint)
    }

    pub fn subscribe(&mut self, topic: &str, user_id: &str) {
        self.topics
            .entry(topic.to_string())
            .or_default()
            .insert(user_id.to_string());
    }

    /// Sends the notification to every device of every user subscribed to `topic`,
    /// users in the order of their ids.
    pub fn publish(&mut self, topic: &str, notification: &Notification) -> Delivery {
        let users: Vec<String> = self
            .topics
            .get(topic)
            .map(|users| users.iter().cloned().collect())
            .unwrap_or_default();
        let mut delivery = Delivery::default();
        for user in users {
            self.deliver(&user, notification, &mut delivery);
        }
        delivery
    }

    /// Sends the notification to every device of one user.
    pub fn notify_user(&mut self, user_id: &str, notification: &Notification) -> Delivery {
        let mut delivery = Delivery::default();
        self.deliver(user_id, notification, &mut delivery);
        delivery
    }

    fn deliver(&mut self, user_id: &str, notification: &Notification, delivery: &mut Delivery) {
        for device in self.store.for_user(user_id) {
            let message = sns_message(device.platform, notification);
            match self.transport.publish(&device.endpoint, &message) {
                Ok(()) => delivery.delivered.push(device.endpoint),
                Err(TransportError::EndpointDisabled) => {
                    self.store.remove(&device.endpoint);
                    delivery.removed.push(device.endpoint);
                }
                Err(error) => delivery.failed.push((device.endpoint, error)),
            }
        }
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
        match self
            .registrations
            .iter_mut()
            .find(|kept| kept.token == registration.token)
        {
            Some(kept) => *kept = registration,
            None => self.registrations.push(registration),
        }
    }

    fn by_token(&self, token: &str) -> Option<Registration> {
        self.registrations
            .iter()
            .find(|kept| kept.token == token)
            .cloned()
    }

    fn for_user(&self, user_id: &str) -> Vec<Registration> {
        self.registrations
            .iter()
            .filter(|kept| kept.user_id == user_id)
            .cloned()
            .collect()
    }

    fn remove(&mut self, endpoint: &EndpointArn) {
        self.registrations.retain(|kept| kept.endpoint != *endpoint);
    }
}
