//! Exercise: single responsibility.
//!
//! The seed's user service logged users in and sent them email: two reasons to
//! change in one type. Here the seed's user-with-email is split three ways, each
//! with one reason to change:
//!
//! - [`User`], the record: what a valid user is (changes when the rules for names
//!   or addresses do);
//! - [`UserRepository`], the storage: where users are kept and how they are found
//!   (changes when storage does);
//! - [`Notifier`] and [`welcome_message`], the messages: what is said and how it
//!   travels (changes when the wording or the channel does).
//!
//! [`sign_up`] only puts the three together. Read "Single responsibility" in
//! `notes/solid.md`.

/// A user record: a name and an email address, both valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    name: String,
    email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidUser {
    /// The name is empty once trimmed.
    BlankName,
    /// The address is not `local@domain.tld`; it holds the address as given.
    BadEmail(String),
}

impl User {
    /// A valid user. The name is trimmed and must not be blank. The address is
    /// trimmed and lowercased; it must hold exactly one `@` with something before it,
    /// and a domain with a dot that is neither its first nor its last character.
    pub fn new(name: &str, email: &str) -> Result<User, InvalidUser> {
        let name = name.trim();
        if name.is_empty() {
            return Err(InvalidUser::BlankName);
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
            return Err(InvalidUser::BadEmail(email.to_string()));
        }
        Ok(User {
            name: name.to_string(),
            email: address,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn email(&self) -> &str {
        &self.email
    }
}

/// Another user already has this address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTaken(pub String);

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
            return Err(EmailTaken(user.email));
        }
        self.users.push(user);
        Ok(())
    }

    /// The user with this address, compared as [`User::new`] would store it.
    pub fn find(&self, email: &str) -> Option<&User> {
        let email = email.trim().to_lowercase();
        self.users.iter().find(|user| user.email == email)
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

/// A message for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
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
        to: user.email().to_string(),
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
    let user = User::new(name, email).map_err(SignUpError::Invalid)?;
    users.add(user.clone()).map_err(SignUpError::Taken)?;
    let welcomed = notifier.send(&welcome_message(&user)).is_ok();
    Ok(SignedUp { user, welcomed })
}
