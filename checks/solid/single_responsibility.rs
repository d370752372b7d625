//! Checks for `exercises/solid/src/single_responsibility.rs`.

mod support;

use solid::single_responsibility::{
    Email, EmailTaken, InvalidUser, Message, Notifier, NotifyError, Outbox, SignUpError, User,
    UserRepository, sign_up, welcome_message,
};
use support::{assert_does_not_compile, implements};

/// A notifier of the checks' own, by another channel: sign-up must not care which.
#[derive(Default)]
struct Sms {
    texts: Vec<String>,
}

impl Notifier for Sms {
    fn send(&mut self, message: &Message) -> Result<(), NotifyError> {
        self.texts
            .push(format!("{}: {}", message.to, message.subject));
        Ok(())
    }
}

/// A notifier whose channel is down.
struct Down;

impl Notifier for Down {
    fn send(&mut self, _: &Message) -> Result<(), NotifyError> {
        Err(NotifyError("the mail server is down".into()))
    }
}

fn email(address: &str) -> Email {
    Email::parse(address).unwrap_or_else(|error| panic!("{address:?} is an address: {error:?}"))
}

fn ada() -> User {
    User::new("Ada", email("ada@example.com")).expect("a valid user")
}

#[test]
fn an_address_is_parsed_once_trimmed_and_lowercased() {
    let address = email(" Ada@Example.COM ");
    assert_eq!(
        address.as_str(),
        "ada@example.com",
        "the address, trimmed and lowercased when it is parsed"
    );
    assert_eq!(
        address.to_string(),
        "ada@example.com",
        "an address shows as its text"
    );
    assert_eq!(
        address,
        email("ada@example.com"),
        "two spellings of one address parse to the same Email"
    );
}

#[test]
fn a_malformed_address_does_not_parse() {
    for bad in [
        "ada",
        "@example.com",
        "ada@example",
        "ada@.com",
        "ada@example.",
        "ada@@example.com",
        "a@b@example.com",
        " Ada@Example ",
    ] {
        assert_eq!(
            Email::parse(bad),
            Err(InvalidUser::BadEmail(bad.to_string())),
            "{bad:?} is not an address of the form local@domain.tld, and the error holds \
             it as given"
        );
    }
}

#[test]
fn a_record_trims_the_name_and_refuses_a_blank_one() {
    let user = User::new("  Ada Lovelace ", email("ada@example.com")).expect("a valid user");
    assert_eq!(user.name(), "Ada Lovelace", "the name, trimmed");
    assert_eq!(
        user.email(),
        &email("ada@example.com"),
        "the record keeps the address it was given"
    );
    assert_eq!(
        User::new("   ", email("ada@example.com")),
        Err(InvalidUser::BlankName),
        "a name of spaces is blank"
    );
}

#[test]
fn the_repository_finds_a_user_by_address_and_refuses_the_address_twice() {
    let mut users = UserRepository::new();
    assert!(users.is_empty(), "a new repository keeps nobody");
    users.add(ada()).expect("the first Ada is kept");
    assert_eq!(
        users.find(&email("ADA@example.com ")),
        Some(&ada()),
        "a user kept as ada@example.com is found by the address \"ADA@example.com \", \
         parsed"
    );
    assert_eq!(
        users.find(&email("grace@example.com")),
        None,
        "nobody is kept under grace@example.com"
    );
    let again = User::new("Ada Again", email("ada@example.com")).expect("a valid user");
    assert_eq!(
        users.add(again),
        Err(EmailTaken(email("ada@example.com"))),
        "a second user with the same address is refused"
    );
    assert_eq!(users.len(), 1, "the refused user is not kept");
    users
        .add(User::new("Grace", email("grace@example.com")).expect("a valid user"))
        .expect("grace@example.com is free");
    assert_eq!(users.len(), 2, "Ada and Grace are kept");
    assert!(
        !users.is_empty(),
        "a repository that keeps two users is not empty"
    );
}

#[test]
fn the_welcome_is_addressed_to_the_user_and_greets_them_by_name() {
    assert_eq!(
        welcome_message(&ada()),
        Message {
            to: email("ada@example.com"),
            subject: "Welcome, Ada".into(),
            body: "Hi Ada, your account for ada@example.com is ready.".into(),
        },
        "the welcome goes to the user's address, with their name in the subject and the body"
    );
}

#[test]
fn the_outbox_keeps_what_it_sends_in_order() {
    let mut outbox = Outbox::default();
    let first = welcome_message(&ada());
    let second = Message {
        to: email("grace@example.com"),
        subject: "Hello".into(),
        body: String::new(),
    };
    outbox.send(&first).expect("an outbox never fails");
    outbox.send(&second).expect("an outbox never fails");
    assert_eq!(
        outbox.sent,
        [first, second],
        "the outbox keeps both messages, in the order they were sent"
    );
}

#[test]
fn sign_up_keeps_the_user_and_welcomes_them_through_any_notifier() {
    let mut users = UserRepository::new();
    let mut sms = Sms::default();
    let signed_up = sign_up(&mut users, &mut sms, "Ada", "Ada@Example.com").expect("a sign-up");
    assert_eq!(
        signed_up.user,
        ada(),
        "the signed-up user is Ada, with her address lowercased"
    );
    assert!(
        signed_up.welcomed,
        "the checks' SMS notifier sent the welcome"
    );
    assert_eq!(
        users.find(&email("ada@example.com")),
        Some(&ada()),
        "the user is kept"
    );
    assert_eq!(
        sms.texts,
        ["ada@example.com: Welcome, Ada"],
        "exactly one welcome, through the notifier sign_up was given"
    );
}

#[test]
fn the_welcome_sign_up_sends_is_the_one_welcome_message_writes() {
    let mut users = UserRepository::new();
    let mut outbox = Outbox::default();
    let signed_up = sign_up(
        &mut users,
        &mut outbox,
        "  Ada Lovelace ",
        " ADA@Example.com ",
    )
    .expect("a sign-up");
    assert_eq!(
        outbox.sent,
        [welcome_message(&signed_up.user)],
        "sign-up must send `welcome_message` of the record it kept, not a welcome of its \
         own written from the name and address as they were typed: the wording lives in \
         one place"
    );
}

#[test]
fn a_welcome_that_fails_does_not_undo_the_sign_up() {
    let mut users = UserRepository::new();
    let signed_up = sign_up(&mut users, &mut Down, "Ada", "ada@example.com")
        .expect("the sign-up stands although the welcome failed");
    assert!(
        !signed_up.welcomed,
        "the notifier failed, so the sign-up must report the welcome as not sent"
    );
    assert_eq!(users.len(), 1, "the user is kept all the same");
}

#[test]
fn a_refused_sign_up_keeps_nothing_and_sends_nothing() {
    let mut users = UserRepository::new();
    let mut sms = Sms::default();
    assert_eq!(
        sign_up(&mut users, &mut sms, "Ada", "not-an-address"),
        Err(SignUpError::Invalid(InvalidUser::BadEmail(
            "not-an-address".into()
        ))),
        "a sign-up with an invalid address is refused as invalid"
    );
    assert_eq!(
        sign_up(&mut users, &mut sms, "  ", "ada@example.com"),
        Err(SignUpError::Invalid(InvalidUser::BlankName)),
        "a sign-up with a blank name is refused as invalid"
    );
    assert!(users.is_empty(), "an invalid user is not kept");
    sign_up(&mut users, &mut sms, "Ada", "ada@example.com").expect("a sign-up");
    assert_eq!(
        sign_up(&mut users, &mut sms, "Other Ada", "ADA@example.com"),
        Err(SignUpError::Taken(EmailTaken(email("ada@example.com")))),
        "a sign-up with an address already kept is refused as taken"
    );
    assert_eq!(users.len(), 1, "the second Ada is not kept");
    assert_eq!(sms.texts.len(), 1, "only the kept sign-up was welcomed");
}

#[test]
fn an_email_has_no_way_in_but_parsing() {
    // A `Default` would be the empty address, and a `From<String>` an address nobody
    // checked: both would make an `Email` that is not evidence of anything.
    for (way_in, exists) in [
        ("Default", implements!(Email: Default)),
        ("From<String>", implements!(Email: From<String>)),
        ("From<&str>", implements!(Email: From<&'static str>)),
    ] {
        assert!(
            !exists,
            "Email implements {way_in}, so an address can be made without `Email::parse`: \
             drop that impl; parsing is the only way in"
        );
    }
}

#[test]
fn the_repository_lives_in_a_module_of_its_own() {
    // Rust's privacy is per module: only a module of its own keeps the repository's
    // storage out of `sign_up`'s reach. Which module, and what it keeps, is yours.
    let path = std::any::type_name::<UserRepository>();
    let inside = path
        .strip_prefix("solid::single_responsibility::")
        .and_then(|rest| rest.strip_suffix("::UserRepository"));
    assert!(
        inside.is_some_and(|module| !module.is_empty()),
        "UserRepository is defined at {path}; define it in a `mod` inside \
         single_responsibility.rs and re-export it with `pub use`, so that the rest of the \
         file, `sign_up` included, cannot reach what it keeps"
    );
}

#[test]
fn an_email_is_made_only_by_parsing_and_the_repository_keeps_its_users_to_itself() {
    // Parse, don't validate: an `Email` that skipped `parse` would carry an address
    // nobody checked. And only the repository may know how users are stored.
    assert_does_not_compile("email_and_repository_keep_their_insides");
}
