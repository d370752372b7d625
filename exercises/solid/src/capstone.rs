//! Exercise: capstone, the seed's push notifications, refactored on all five
//! principles.
//!
//! The flow: a phone's app gets a device token from its platform (APNs on iOS, FCM
//! on Android) and sends it with the user's id; the backend asks the push service
//! (Amazon SNS in the seed) to create a platform endpoint for that token, saves the
//! endpoint with the user, and later publishes a notification to a topic, which fans
//! out to every endpoint of every subscribed user, each in its platform's format.
//!
//! This file is that flow as it is often first written, and it works: one
//! `PushService` that builds its own SNS client, keeps the database's rows in a
//! `Vec` of its own, remembers every token's endpoint in a cache "so the database
//! need not be asked", and writes each platform's JSON in the middle of the
//! delivery loop. Refactor it so that the checks can hand it their own push service
//! and database. The seams, with these exact signatures:
//!
//! ```text
//! /// The push service: SNS in the seed.
//! pub trait PushTransport {
//!     fn create_endpoint(&mut self, platform: Platform, token: &str, user_id: &str)
//!         -> Result<EndpointArn, TransportError>;
//!     /// Publishes an `sns_message` to one endpoint.
//!     fn publish(&mut self, endpoint: &EndpointArn, message: &str) -> Result<(), TransportError>;
//! }
//!
//! /// Where registrations are kept: the seed's database.
//! pub trait EndpointStore {
//!     /// Keeps the registration, replacing any with the same token.
//!     fn save(&mut self, registration: Registration);
//!     fn by_token(&self, token: &str) -> Option<Registration>;
//!     /// The user's registrations, in the order their tokens were first saved.
//!     fn for_user(&self, user_id: &str) -> Vec<Registration>;
//!     fn remove(&mut self, endpoint: &EndpointArn);
//! }
//!
//! #[derive(Debug, Default)]
//! pub struct MemoryEndpoints { .. }   // the service's rows, moved out: an EndpointStore
//!
//! pub fn payload(platform: Platform, notification: &Notification) -> String;
//! pub fn sns_message(platform: Platform, notification: &Notification) -> String;
//!
//! pub struct PushService<T, S> { .. }
//! impl<T: PushTransport, S: EndpointStore> PushService<T, S> {
//!     pub fn new(transport: T, store: S) -> Self;
//!     pub fn into_parts(self) -> (T, S);
//!     // register, subscribe, publish and notify_user as they are now
//! }
//! ```
//!
//! Read "Capstone: push notifications" in `notes/solid.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// What became of one message.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub delivered: Vec<EndpointArn>,
    /// Endpoints the push service could not reach this time; they are kept.
    pub failed: Vec<(EndpointArn, TransportError)>,
    /// Endpoints the platform has disabled; they were removed from the store.
    pub removed: Vec<EndpointArn>,
}

/// The seed's SNS client, standing in: endpoints named after the seed's ARNs, every
/// publish accepted.
#[derive(Debug, Default)]
pub struct SnsClient {
    /// Every message published, with the endpoint it went to.
    pub published: Vec<(EndpointArn, String)>,
}

impl SnsClient {
    /// SNS's `CreatePlatformEndpoint`, under the app's platform application.
    pub fn create_platform_endpoint(
        &mut self,
        platform: Platform,
        token: &str,
        _user_id: &str,
    ) -> Result<EndpointArn, TransportError> {
        let service = match platform {
            Platform::Ios => "APNS",
            Platform::Android => "GCM",
        };
        Ok(EndpointArn(format!(
            "arn:aws:sns:us-east-1:123456789012:endpoint/{service}/MyApp/{token}"
        )))
    }

    /// SNS's `Publish` to one endpoint, with `MessageStructure` set to `json`.
    pub fn publish(&mut self, target: &EndpointArn, message: &str) -> Result<(), TransportError> {
        self.published.push((target.clone(), message.to_string()));
        Ok(())
    }
}

/// Everything in one place, as first written.
pub struct PushService {
    sns: SnsClient,
    /// The database's rows, kept by the service itself.
    registrations: Vec<Registration>,
    /// Every token's endpoint, so the database need not be asked.
    endpoints: HashMap<(String, Platform), EndpointArn>,
    /// Each topic's subscribed users.
    topics: BTreeMap<String, BTreeSet<String>>,
}

impl PushService {
    /// Connects to SNS and starts with an empty database.
    pub fn new() -> Self {
        Self {
            sns: SnsClient::default(),
            registrations: Vec::new(),
            endpoints: HashMap::new(),
            topics: BTreeMap::new(),
        }
    }

    /// Registers a device: a token seen before keeps its endpoint (saved under
    /// `user_id`, since a phone may change hands); a new token gets an endpoint from
    /// the push service, which is then saved. If the push service fails, nothing is
    /// saved.
    pub fn register(
        &mut self,
        user_id: &str,
        platform: Platform,
        token: &str,
    ) -> Result<EndpointArn, TransportError> {
        let key = (token.to_string(), platform);
        let endpoint = match self.endpoints.get(&key) {
            Some(known) => known.clone(),
            None => self
                .sns
                .create_platform_endpoint(platform, token, user_id)?,
        };
        self.endpoints.insert(key, endpoint.clone());
        let registration = Registration {
            user_id: user_id.to_string(),
            platform,
            token: token.to_string(),
            endpoint: endpoint.clone(),
        };
        match self.registrations.iter_mut().find(|row| row.token == token) {
            Some(row) => *row = registration,
            None => self.registrations.push(registration),
        }
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
        let devices: Vec<Registration> = self
            .registrations
            .iter()
            .filter(|row| row.user_id == user_id)
            .cloned()
            .collect();
        for device in devices {
            // Each platform's JSON, written here: APNs' alert dictionary, or an FCM
            // HTTP v1 message under SNS's `fcmV1Message` key; then SNS's own message,
            // with a default and the payload as a JSON string under the platform's key.
            let title = json_string(&notification.title);
            let body = json_string(&notification.body);
            let (key, payload) = match device.platform {
                Platform::Ios => (
                    "APNS",
                    format!(r#"{{"aps":{{"alert":{{"title":{title},"body":{body}}}}}}}"#),
                ),
                Platform::Android => (
                    "GCM",
                    format!(
                        r#"{{"fcmV1Message":{{"message":{{"notification":{{"title":{title},"body":{body}}}}}}}}}"#
                    ),
                ),
            };
            let message = format!(r#"{{"default":{body},"{key}":{}}}"#, json_string(&payload));
            match self.sns.publish(&device.endpoint, &message) {
                Ok(()) => delivery.delivered.push(device.endpoint),
                Err(TransportError::EndpointDisabled) => {
                    self.registrations
                        .retain(|row| row.endpoint != device.endpoint);
                    self.endpoints.retain(|_, known| *known != device.endpoint);
                    delivery.removed.push(device.endpoint);
                }
                Err(error) => delivery.failed.push((device.endpoint, error)),
            }
        }
    }

    /// The SNS client, to look at what was published.
    pub fn into_sns(self) -> SnsClient {
        self.sns
    }
}

impl Default for PushService {
    fn default() -> Self {
        Self::new()
    }
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
