//! Exercise: single responsibility, as a refactoring.
//!
//! This file is the seed's user service, and it works: [`UserService::sign_up`]
//! checks the address, keeps users in the service's own list, writes the welcome
//! and "sends" it, all in one method, and [`UserService::find`] repeats the rule
//! for comparing addresses. Four reasons to change (the rules for addresses, the
//! storage, the wording, the channel) meet in one type, and no part can be tested,
//! or replaced, without the others.
//!
//! Split it into parts with one reason to change each, with these exact shapes
//! (the checks use every one of them):
//!
//! ```text
//! // The field is private, and there is no `Default` and no `From` a string:
//! // parsing is the only way to make an `Email`.
//! #[derive(Debug, Clone, PartialEq, Eq, Hash)]
//! pub struct Email(String);
//! impl Email {
//!     // Trims, lowercases and checks the shape; the error holds the address as given.
//!     pub fn parse(raw: &str) -> Result<Email, InvalidUser>;
//!     pub fn as_str(&self) -> &str;
//! }
//! impl fmt::Display for Email { .. }
//!
//! impl User {
//!     // Trims the name; refuses a blank one with `InvalidUser::BlankName`.
//!     pub fn new(name: &str, email: Email) -> Result<User, InvalidUser>;
//!     pub fn email(&self) -> &Email;
//! }
//! pub struct EmailTaken(pub Email);
//! pub struct Message { pub to: Email, pub subject: String, pub body: String }
//!
//! // In a module of its own (a check asks for one), so that what it keeps is
//! // private to that module; re-exported from this one with `pub use`. What it
//! // keeps is yours, in named fields that are all private: a `Vec<User>` will do.
//! #[derive(Debug, Default)]
//! pub struct UserRepository { users: Vec<User> }
//! impl UserRepository {
//!     pub fn new() -> Self;
//!     pub fn add(&mut self, user: User) -> Result<(), EmailTaken>;
//!     pub fn find(&self, email: &Email) -> Option<&User>;
//!     pub fn len(&self) -> usize;
//!     pub fn is_empty(&self) -> bool;
//! }
//!
//! pub trait Notifier {
//!     fn send(&mut self, message: &Message) -> Result<(), NotifyError>;
//! }
//! // Keeps what it sends, in order.
//! #[derive(Debug, Default)]
//! pub struct Outbox { pub sent: Vec<Message> }
//! pub fn welcome_message(user: &User) -> Message;
//!
//! pub fn sign_up(
//!     users: &mut UserRepository,
//!     notifier: &mut dyn Notifier,
//!     name: &str,
//!     email: &str,
//! ) -> Result<SignedUp, SignUpError>;
//! ```
//!
//! `sign_up` keeps the service's rules and only puts the parts together; the
//! service itself then has nothing left to do. Read "Single responsibility" in
//! `notes/solid.md`.

/// A user record: a name and an email address, both valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    name: String,
    email: String,
}

impl User {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn email(&self) -> &str {
        &self.email
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidUser {
    /// The name is empty once trimmed.
    BlankName,
    /// The address is not `local@domain.tld`; it holds the address as given.
    BadEmail(String),
}

/// Another user already has this address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTaken(pub String);

/// A message for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyError(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignUpError {
    Invalid(InvalidUser),
    Taken(EmailTaken),
}

/// The outcome of a sign-up that was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedUp {
    pub user: User,
    /// Whether the welcome went out. A welcome that fails does not undo the sign-up.
    pub welcomed: bool,
}

/// The seed's service: validation, storage, wording and sending in one type.
#[derive(Debug, Default)]
pub struct UserService {
    users: Vec<User>,
    /// Every message "sent", in order: the service's only channel.
    pub sent: Vec<Message>,
}

impl UserService {
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs a user up: a valid record, kept, then welcomed. The name is trimmed
    /// and must not be blank; the address is trimmed and lowercased and must hold
    /// exactly one `@` with something before it, and a domain with a dot that is
    /// neither its first nor its last character. A refused sign-up keeps nothing
    /// and sends nothing.
    pub fn sign_up(&mut self, name: &str, email: &str) -> Result<SignedUp, SignUpError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SignUpError::Invalid(InvalidUser::BlankName));
        }
        let address = email.trim().to_lowercase();
        let valid = match address.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
        if !valid {
            return Err(SignUpError::Invalid(InvalidUser::BadEmail(
                email.to_string(),
            )));
        }
        if self.users.iter().any(|user| user.email == address) {
            return Err(SignUpError::Taken(EmailTaken(address)));
        }
        let user = User {
            name: name.to_string(),
            email: address,
        };
        self.users.push(user.clone());
        self.sent.push(Message {
            to: user.email.clone(),
            subject: format!("Welcome, {}", user.name),
            body: format!(
                "Hi {}, your account for {} is ready.",
                user.name, user.email
            ),
        });
        Ok(SignedUp {
            user,
            welcomed: true,
        })
    }

    /// The user with this address, compared as `sign_up` stores it.
    pub fn find(&self, email: &str) -> Option<&User> {
        let email = email.trim().to_lowercase();
        self.users.iter().find(|user| user.email == email)
    }
}
