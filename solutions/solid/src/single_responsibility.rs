//! Exercise: single responsibility, as a refactoring.
//!
//! The seed's user service logged users in and sent them email: two reasons to
//! change in one type. The stub's `UserService` did everything for a sign-up:
//! checked the address, kept users in its own list, wrote the welcome and sent it.
//! Here each of those is a part with one reason to change:
//!
//! - [`Email`], an address parsed once (changes when the rules for addresses do);
//! - [`User`], the record (changes when what a user is does);
//! - [`UserRepository`], the storage, in a module of its own so that nothing else
//!   can reach the list it keeps (changes when storage does);
//! - [`welcome_message`], the wording, and [`Notifier`], the channel (change when
//!   the words or the channel do).
//!
//! [`sign_up`] only puts them together. Read "Single responsibility" in
//! `notes/solid.md`.

use std::fmt;

/// An email address, parsed once: trimmed, lowercased and of the form
/// `local@domain.tld`. The only way to get one is [`Email::parse`], so an `Email`
/// anywhere in the program is a valid, normalised address ("parse, don't validate").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// The address, trimmed and lowercased, if it holds exactly one `@` with
    /// something before it, and a domain with a dot that is neither its first nor
    /// its last character. The error holds the address as given.
    pub fn parse(raw: &str) -> Result<Email, InvalidUser> {
        let address = raw.trim().to_lowercase();
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
        if valid {
            Ok(Email(address))
        } else {
            Err(InvalidUser::BadEmail(raw.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A user record: a name that is not blank and a parsed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    name: String,
    email: Email,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidUser {
    /// The name is empty once trimmed.
    BlankName,
    /// The address is not `local@domain.tld`; it holds the address as given.
    BadEmail(String),
}

impl User {
    /// A user with the name trimmed; a blank name is refused.
    pub fn new(name: &str, email: Email) -> Result<User, InvalidUser> {
        let name = name.trim();
        if name.is_empty() {
            return Err(InvalidUser::BlankName);
        }
        Ok(User {
            name: name.to_string(),
            email,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn email(&self) -> &Email {
        &self.email
    }
}

/// Another user already has this address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTaken(pub Email);

pub use storage::UserRepository;

/// The storage, in a module of its own: the list of users is private to it, so the
/// rest of the file can only keep and find users through its methods.
mod storage {
    use super::{Email, EmailTaken, User};

    /// Users kept in memory, found by their address.
    #[derive(Debug, Default)]
    pub struct UserRepository {
        users: Vec<User>,
    }

    impl UserRepository {
        pub fn new() -> Self {
            Self::default()
        }

        /// Keeps `user`, unless a user with the same address is already kept.
        pub fn add(&mut self, user: User) -> Result<(), EmailTaken> {
            if self.find(user.email()).is_some() {
                return Err(EmailTaken(user.email().clone()));
            }
            self.users.push(user);
            Ok(())
        }

        /// The user with this address.
        pub fn find(&self, email: &Email) -> Option<&User> {
            self.users.iter().find(|user| user.email() == email)
        }

        pub fn len(&self) -> usize {
            self.users.len()
        }

        pub fn is_empty(&self) -> bool {
            self.users.is_empty()
        }
    }
}

/// A message for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: Email,
    pub subject: String,
    pub body: String,
}

/// The channel a message travels by: email, SMS, a queue. Sending may fail.
pub trait Notifier {
    fn send(&mut self, message: &Message) -> Result<(), NotifyError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyError(pub String);

/// A notifier that keeps what it sends, in order: for development, and for checks.
#[derive(Debug, Default)]
pub struct Outbox {
    pub sent: Vec<Message>,
}

impl Notifier for Outbox {
    fn send(&mut self, message: &Message) -> Result<(), NotifyError> {
        self.sent.push(message.clone());
        Ok(())
    }
}

/// The welcome for a new user: to their address, subject `Welcome, <name>`, body
/// `Hi <name>, your account for <email> is ready.`
pub fn welcome_message(user: &User) -> Message {
    Message {
        to: user.email().clone(),
        subject: format!("Welcome, {}", user.name()),
        body: format!(
            "Hi {}, your account for {} is ready.",
            user.name(),
            user.email()
        ),
    }
}

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

/// Signs a user up: a valid record, kept in the repository, then welcomed through
/// the notifier. A refused sign-up keeps nothing and sends nothing.
pub fn sign_up(
    users: &mut UserRepository,
    notifier: &mut dyn Notifier,
    name: &str,
    email: &str,
) -> Result<SignedUp, SignUpError> {
    let email = Email::parse(email).map_err(SignUpError::Invalid)?;
    let user = User::new(name, email).map_err(SignUpError::Invalid)?;
    users.add(user.clone()).map_err(SignUpError::Taken)?;
    let welcomed = notifier.send(&welcome_message(&user)).is_ok();
    Ok(SignedUp { user, welcomed })
}
