//! Checks for `exercises/solid/src/capstone.rs`.
//!
//! The five principles, as these checks see them:
//!
//! - Single responsibility: the wire format is checked on its own ([`payload`],
//!   [`sns_message`]), with no service, transport or store.
//! - Open/closed: the service runs, unchanged, over a push service (`FakeSns`) and a
//!   database (`Table`) written here, after it.
//! - Liskov substitution: the same flow over `Table` and over the crate's
//!   `MemoryEndpoints`; both keep the store's documented contract.
//! - Interface segregation: `FakeSns` implements two methods and `Table` four, all a
//!   service needs; nothing here implements a method it does not use.
//! - Dependency inversion: the service is handed both in `PushService::new`, keeps
//!   no copy of what the store knows (a store filled before the service existed is
//!   seen at once), and gives them back in `into_parts` for the checks to read.

use std::collections::HashSet;

use solid::capstone::{
    Delivery, EndpointArn, EndpointStore, MemoryEndpoints, Notification, Platform, PushService,
    PushTransport, Registration, TransportError, payload, sns_message,
};

/// The checks' own push service, standing in for SNS: endpoints are named after the
/// seed's ARNs, and every call is written down.
#[derive(Default)]
struct FakeSns {
    created: Vec<String>,
    published: Vec<(String, String)>,
    /// Tokens whose app was removed: the platform disables their endpoints.
    uninstalled: HashSet<String>,
    /// Tokens the service cannot reach for now.
    unreachable: HashSet<String>,
    /// When set, creating an endpoint fails.
    down: bool,
}

impl FakeSns {
    fn token_of(endpoint: &EndpointArn) -> &str {
        endpoint.0.rsplit('/').next().unwrap_or_default()
    }
}

impl PushTransport for FakeSns {
    fn create_endpoint(
        &mut self,
        platform: Platform,
        token: &str,
        user_id: &str,
    ) -> Result<EndpointArn, TransportError> {
        if self.down {
            return Err(TransportError::Unavailable("SNS is down".into()));
        }
        self.created.push(format!("{token} for {user_id}"));
        let service = match platform {
            Platform::Ios => "APNS",
            Platform::Android => "GCM",
        };
        Ok(EndpointArn(format!(
            "arn:aws:sns:us-east-1:123456789012:endpoint/{service}/MyApp/{token}"
        )))
    }

    fn publish(&mut self, endpoint: &EndpointArn, message: &str) -> Result<(), TransportError> {
        let token = Self::token_of(endpoint).to_string();
        if self.uninstalled.contains(&token) {
            return Err(TransportError::EndpointDisabled);
        }
        if self.unreachable.contains(&token) {
            return Err(TransportError::Unavailable("timed out".into()));
        }
        self.published.push((token, message.to_string()));
        Ok(())
    }
}

/// The checks' own database: registrations in a list, in the order their tokens were
/// first saved.
#[derive(Default)]
struct Table {
    rows: Vec<Registration>,
}

impl EndpointStore for Table {
    fn save(&mut self, registration: Registration) {
        match self
            .rows
            .iter()
            .position(|row| row.token == registration.token)
        {
            Some(at) => self.rows[at] = registration,
            None => self.rows.push(registration),
        }
    }
    fn by_token(&self, token: &str) -> Option<Registration> {
        self.rows.iter().find(|row| row.token == token).cloned()
    }
    fn for_user(&self, user_id: &str) -> Vec<Registration> {
        self.rows
            .iter()
            .filter(|row| row.user_id == user_id)
            .cloned()
            .collect()
    }
    fn remove(&mut self, endpoint: &EndpointArn) {
        self.rows.retain(|row| row.endpoint != *endpoint);
    }
}

fn arn(service: &str, token: &str) -> EndpointArn {
    EndpointArn(format!(
        "arn:aws:sns:us-east-1:123456789012:endpoint/{service}/MyApp/{token}"
    ))
}

// The helpers below are macros rather than functions, so that no signature spells
// the service's type: the checks meet it only through `new`, its methods and
// `into_parts`.

/// A service over a fresh `FakeSns` and an empty `Table`.
macro_rules! service {
    () => {
        PushService::new(FakeSns::default(), Table::default())
    };
}

fn note(body: &str) -> Notification {
    Notification::new("MyApp", body)
}

/// Registers each `(user, platform, token)` in order.
macro_rules! register_all {
    ($push:expr, $devices:expr $(,)?) => {
        for &(user_id, platform, token) in $devices {
            if let Err(error) = $push.register(user_id, platform, token) {
                panic!("registering {token} for {user_id} failed: {error:?}");
            }
        }
    };
}

#[test]
fn registering_a_device_creates_its_endpoint_and_saves_it_with_the_user() {
    // The seed's example: user 12345 registers an iPhone whose token is abc123token.
    let mut push = service!();
    let endpoint = push
        .register("12345", Platform::Ios, "abc123token")
        .expect("a registration");
    assert_eq!(
        endpoint,
        arn("APNS", "abc123token"),
        "the endpoint the push service created"
    );
    let (sns, table) = push.into_parts();
    assert_eq!(
        sns.created,
        ["abc123token for 12345"],
        "one endpoint was created"
    );
    assert_eq!(
        table.rows,
        [Registration {
            user_id: "12345".into(),
            platform: Platform::Ios,
            token: "abc123token".into(),
            endpoint,
        }],
        "the endpoint is saved with the user, the platform and the token"
    );
}

#[test]
fn a_token_seen_before_keeps_its_endpoint_even_when_the_phone_changes_hands() {
    let mut push = service!();
    let first = push
        .register("12345", Platform::Android, "device456")
        .expect("a registration");
    let again = push
        .register("12345", Platform::Android, "device456")
        .expect("a registration");
    let handed_on = push
        .register("678", Platform::Android, "device456")
        .expect("a registration");
    assert_eq!(
        (&again, &handed_on),
        (&first, &first),
        "one token, one endpoint"
    );
    let (sns, table) = push.into_parts();
    assert_eq!(
        sns.created.len(),
        1,
        "the push service was asked once: {:?}",
        sns.created
    );
    assert!(
        table.for_user("12345").is_empty(),
        "678 registered the phone's token last, so it is saved under 678 and is no longer \
         12345's"
    );
    assert_eq!(table.for_user("678").len(), 1, "it is 678's now");
}

#[test]
fn a_restarted_service_asks_its_store_for_the_tokens_it_knows() {
    let mut push = service!();
    let first = push
        .register("12345", Platform::Ios, "abc123token")
        .expect("a registration");
    // A new service over the same push service and database, as after a restart.
    let (sns, table) = push.into_parts();
    let mut push = PushService::new(sns, table);
    let again = push
        .register("12345", Platform::Ios, "abc123token")
        .expect("a registration");
    assert_eq!(again, first, "the token keeps its endpoint");
    let (sns, _) = push.into_parts();
    assert_eq!(
        sns.created,
        ["abc123token for 12345"],
        "the database already knew the token, so no second endpoint is created; the \
         service must ask its store, not keep a cache of its own"
    );
}

#[test]
fn a_token_whose_endpoint_was_removed_gets_a_new_one() {
    let mut push = service!();
    register_all!(push, &[("12345", Platform::Ios, "abc123token")]);
    let (mut sns, table) = push.into_parts();
    sns.uninstalled.insert("abc123token".into());
    let mut push = PushService::new(sns, table);
    let delivery = push.notify_user("12345", &note("hello"));
    assert_eq!(
        delivery.removed,
        [arn("APNS", "abc123token")],
        "the app was removed, so its endpoint is disabled and removed"
    );
    // The app is installed again, with the same token.
    let (mut sns, table) = push.into_parts();
    sns.uninstalled.clear();
    let mut push = PushService::new(sns, table);
    register_all!(push, &[("12345", Platform::Ios, "abc123token")]);
    let (sns, _) = push.into_parts();
    assert_eq!(
        sns.created.len(),
        2,
        "the store no longer holds the removed endpoint, so registering the token again \
         creates a new one: {:?}",
        sns.created
    );
}

#[test]
fn a_token_seen_before_on_another_platform_gets_an_endpoint_of_its_own() {
    let mut push = service!();
    register_all!(push, &[("12345", Platform::Ios, "shared-token")]);
    let android = push
        .register("12345", Platform::Android, "shared-token")
        .expect("a registration");
    assert_eq!(
        android,
        arn("GCM", "shared-token"),
        "an iOS endpoint cannot take Android payloads: the same token on another \
         platform needs an endpoint of its own"
    );
}

#[test]
fn a_device_the_push_service_could_not_register_is_not_saved() {
    let mut push = PushService::new(
        FakeSns {
            down: true,
            ..FakeSns::default()
        },
        Table::default(),
    );
    assert_eq!(
        push.register("12345", Platform::Ios, "abc123token"),
        Err(TransportError::Unavailable("SNS is down".into())),
        "the push service's error, passed on"
    );
    let (_, table) = push.into_parts();
    assert!(table.rows.is_empty(), "nothing saved: {:?}", table.rows);
}

#[test]
fn each_platform_gets_its_own_payload_with_title_and_body_escaped() {
    let sale = Notification::new("Sale", "50% off");
    assert_eq!(
        payload(Platform::Ios, &sale),
        r#"{"aps":{"alert":{"title":"Sale","body":"50% off"}}}"#,
        "iOS (APNs) wants the title and body in the alert dictionary, `aps.alert`"
    );
    assert_eq!(
        payload(Platform::Android, &sale),
        r#"{"fcmV1Message":{"message":{"notification":{"title":"Sale","body":"50% off"}}}}"#,
        "Android wants an FCM HTTP v1 message, under SNS's `fcmV1Message` key, with \
         `notification.title` and `notification.body` (the legacy `text` key is gone)"
    );
    assert_eq!(
        payload(
            Platform::Ios,
            &Notification::new("\"Hi\"", "Say \"hi\"\\\nnow")
        ),
        r#"{"aps":{"alert":{"title":"\"Hi\"","body":"Say \"hi\"\\\nnow"}}}"#,
        "quotes, backslashes and newlines escaped as JSON wants, in title and body"
    );
    assert_eq!(
        payload(
            Platform::Android,
            &Notification::new("t", "tab\there\r\u{7}")
        ),
        r#"{"fcmV1Message":{"message":{"notification":{"title":"t","body":"tab\there\r\u0007"}}}}"#,
        "tabs, carriage returns and other control characters escaped as JSON wants"
    );
}

#[test]
fn the_sns_message_has_a_default_and_the_payload_as_a_string_under_the_platforms_key() {
    let sale = Notification::new("Sale", "50% off");
    assert_eq!(
        sns_message(Platform::Ios, &sale),
        r#"{"default":"50% off","APNS":"{\"aps\":{\"alert\":{\"title\":\"Sale\",\"body\":\"50% off\"}}}"}"#,
        "a message published with MessageStructure=json: `default` is the body, and \
         `APNS` holds the APNs payload encoded as a JSON string"
    );
    assert_eq!(
        sns_message(Platform::Android, &sale),
        r#"{"default":"50% off","GCM":"{\"fcmV1Message\":{\"message\":{\"notification\":{\"title\":\"Sale\",\"body\":\"50% off\"}}}}"}"#,
        "SNS files FCM payloads under `GCM`, again as a JSON string, not an object"
    );
    assert_eq!(
        sns_message(Platform::Ios, &Notification::new("a", "say \"hi\"")),
        r#"{"default":"say \"hi\"","APNS":"{\"aps\":{\"alert\":{\"title\":\"a\",\"body\":\"say \\\"hi\\\"\"}}}"}"#,
        "a quote in the body is escaped once in `default` and twice inside the payload \
         string, which is JSON inside JSON"
    );
}

#[test]
fn a_store_filled_before_the_service_existed_is_seen_at_once() {
    let mut table = Table::default();
    table.save(Registration {
        user_id: "12345".into(),
        platform: Platform::Ios,
        token: "abc123token".into(),
        endpoint: arn("APNS", "abc123token"),
    });
    let mut push = PushService::new(FakeSns::default(), table);
    let endpoint = push
        .register("12345", Platform::Ios, "abc123token")
        .expect("a registration");
    assert_eq!(
        endpoint,
        arn("APNS", "abc123token"),
        "the database already holds this token's endpoint"
    );
    let delivery = push.notify_user("12345", &note("hello"));
    assert_eq!(
        delivery.delivered,
        [arn("APNS", "abc123token")],
        "the user's device, as the database holds it"
    );
    let (sns, _) = push.into_parts();
    assert!(
        sns.created.is_empty(),
        "the store knew the token before the service was built, so no endpoint may be \
         created; a service that keeps its own table of tokens does not see it: {:?}",
        sns.created
    );
}

#[test]
fn publishing_to_a_topic_reaches_every_device_of_every_subscriber_and_no_one_else() {
    let mut push = service!();
    register_all!(
        push,
        &[
            ("12345", Platform::Ios, "abc123token"),
            ("12345", Platform::Android, "tablet1"),
            ("678", Platform::Android, "device456"),
            ("999", Platform::Ios, "quiet1"),
        ],
    );
    push.subscribe("offers", "678");
    push.subscribe("offers", "12345");
    push.subscribe("news", "999");
    let delivery = push.publish("offers", &Notification::new("Sale", "50% off"));
    assert_eq!(
        delivery,
        Delivery {
            delivered: vec![
                arn("APNS", "abc123token"),
                arn("GCM", "tablet1"),
                arn("GCM", "device456")
            ],
            failed: vec![],
            removed: vec![],
        },
        "users in the order of their ids, each user's devices in the order registered"
    );
    let (sns, _) = push.into_parts();
    assert_eq!(
        sns.published,
        [
            (
                "abc123token".to_string(),
                sns_message(Platform::Ios, &Notification::new("Sale", "50% off"))
            ),
            (
                "tablet1".to_string(),
                sns_message(Platform::Android, &Notification::new("Sale", "50% off"))
            ),
            (
                "device456".to_string(),
                sns_message(Platform::Android, &Notification::new("Sale", "50% off"))
            ),
        ],
        "each device got its platform's payload; 999 is not subscribed to offers"
    );
}

#[test]
fn a_disabled_endpoint_is_removed_an_unreachable_one_kept_and_the_rest_still_receive() {
    let mut push = service!();
    register_all!(
        push,
        &[
            ("12345", Platform::Ios, "old-phone"),
            ("12345", Platform::Ios, "new-phone"),
            ("12345", Platform::Android, "tablet1"),
        ],
    );
    let (mut sns, table) = push.into_parts();
    sns.uninstalled.insert("old-phone".into());
    sns.unreachable.insert("tablet1".into());
    let mut push = PushService::new(sns, table);
    let delivery = push.notify_user("12345", &note("Your order shipped"));
    assert_eq!(
        delivery,
        Delivery {
            delivered: vec![arn("APNS", "new-phone")],
            failed: vec![(
                arn("GCM", "tablet1"),
                TransportError::Unavailable("timed out".into())
            )],
            removed: vec![arn("APNS", "old-phone")],
        },
        "old-phone's app was removed (its endpoint is disabled: remove it), tablet1 timed \
         out (a failure worth a retry: keep it), new-phone received"
    );
    let (_, table) = push.into_parts();
    let left: Vec<&str> = table.rows.iter().map(|row| row.token.as_str()).collect();
    assert_eq!(
        left,
        ["new-phone", "tablet1"],
        "only the disabled endpoint is forgotten"
    );
}

#[test]
fn the_same_flow_runs_on_the_memory_store() {
    let mut push = PushService::new(FakeSns::default(), MemoryEndpoints::default());
    register_all!(
        push,
        &[
            ("12345", Platform::Ios, "abc123token"),
            ("678", Platform::Android, "device456"),
            // The iPhone changes hands.
            ("678", Platform::Ios, "abc123token"),
        ],
    );
    push.subscribe("offers", "678");
    let delivery = push.publish("offers", &note("hi"));
    assert_eq!(
        delivery.delivered,
        [arn("APNS", "abc123token"), arn("GCM", "device456")],
        "678's devices in the order their tokens were first saved"
    );
    let (sns, mut store) = push.into_parts();
    assert_eq!(
        sns.created.len(),
        2,
        "the iPhone's token was known to the memory store, so it kept its endpoint: {:?}",
        sns.created
    );
    assert_eq!(
        store.by_token("abc123token").map(|known| known.user_id),
        Some("678".to_string()),
        "the memory store finds the iPhone by its token, now under 678"
    );
    assert!(
        store.for_user("12345").is_empty(),
        "the iPhone changed hands, so 12345 has no device left"
    );
    store.remove(&arn("GCM", "device456"));
    assert_eq!(
        store.by_token("device456"),
        None,
        "device456's endpoint was removed"
    );
    assert_eq!(
        store.for_user("678").len(),
        1,
        "678 keeps the iPhone after the tablet's endpoint was removed"
    );
}
