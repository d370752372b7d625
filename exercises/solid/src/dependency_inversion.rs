//! Exercise: dependency inversion, as a refactoring.
//!
//! This file is the seed's user service, and it works: [`UserService::new`] builds
//! its own database and its own mailer, so the service runs against those two and
//! nothing else. No other database, no test double: every check of its rules would
//! need the real ones.
//!
//! Invert the dependencies. The service states what it needs, in its own terms, as
//! two traits with these exact signatures (the checks implement both):
//!
//! ```text
//! pub trait UserStore {
//!     /// An id no profile has had yet.
//!     fn next_id(&mut self) -> UserId;
//!     /// Keeps the profile, replacing any with the same id.
//!     fn save(&mut self, profile: Profile);
//!     fn find(&self, id: UserId) -> Option<Profile>;
//!     fn find_by_email(&self, email: &str) -> Option<Profile>;
//! }
//!
//! pub trait Mailer {
//!     fn send(&mut self, to: &str, subject: &str) -> Result<(), MailError>;
//! }
//! ```
//!
//! Then the service becomes `UserService<S, M>`, handed its parts in
//! `pub fn new(store: S, mailer: M) -> Self` and giving them back in
//! `pub fn into_parts(self) -> (S, M)`; `MemoryStore` and `SmtpMailer` implement
//! the traits, and the service asks its store and its mailer for everything.
//!
//! Read "Dependency inversion" in `notes/solid.md`.

use std::collections::BTreeMap;

pub type UserId = u64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: UserId,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailError(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    EmailTaken,
    UnknownUser(UserId),
    Mail(MailError),
}

/// The service, as the seed wrote it: it builds and owns its database and mailer.
pub struct UserService {
    store: MemoryStore,
    mailer: SmtpMailer,
}

impl UserService {
    /// The seed's constructor: `this.db = new MySQLDatabase()`.
    pub fn new() -> Self {
        Self {
            store: MemoryStore::default(),
            mailer: SmtpMailer::default(),
        }
    }

    /// Registers a user under a new id and mails `Welcome, <name>` to them. An
    /// address already registered is refused before anything is kept or sent. A
    /// welcome that cannot be sent does not undo the registration.
    pub fn register(&mut self, name: &str, email: &str) -> Result<UserId, ServiceError> {
        if self.store.find_by_email(email).is_some() {
            return Err(ServiceError::EmailTaken);
        }
        let id = self.store.next_id();
        self.store.save(Profile {
            id,
            name: name.to_string(),
            email: email.to_string(),
        });
        // The account exists either way; a lost welcome is not worth refusing it.
        let _ = self.mailer.send(email, &format!("Welcome, {name}"));
        Ok(id)
    }

    /// Moves a user to a new address. First it mails the old address
    /// `Your email is changing to <new>`; if that cannot be sent, nothing changes,
    /// because the owner must hear of it. Then it saves the profile and mails the new
    /// address `Email changed`.
    pub fn change_email(&mut self, id: UserId, new_email: &str) -> Result<(), ServiceError> {
        let mut profile = self.store.find(id).ok_or(ServiceError::UnknownUser(id))?;
        if self.store.find_by_email(new_email).is_some() {
            return Err(ServiceError::EmailTaken);
        }
        self.mailer
            .send(
                &profile.email,
                &format!("Your email is changing to {new_email}"),
            )
            .map_err(ServiceError::Mail)?;
        profile.email = new_email.to_string();
        self.store.save(profile);
        let _ = self.mailer.send(new_email, "Email changed");
        Ok(())
    }

    /// The database and the mailer, to look at.
    pub fn into_parts(self) -> (MemoryStore, SmtpMailer) {
        (self.store, self.mailer)
    }
}

impl Default for UserService {
    fn default() -> Self {
        Self::new()
    }
}

/// The seed's MySQL database, standing in: profiles in memory, ids counted from 1.
#[derive(Debug, Default)]
pub struct MemoryStore {
    profiles: BTreeMap<UserId, Profile>,
    last_id: UserId,
}

impl MemoryStore {
    /// An id no profile has had yet.
    pub fn next_id(&mut self) -> UserId {
        self.last_id += 1;
        self.last_id
    }

    /// Keeps the profile, replacing any with the same id.
    pub fn save(&mut self, profile: Profile) {
        self.profiles.insert(profile.id, profile);
    }

    pub fn find(&self, id: UserId) -> Option<Profile> {
        self.profiles.get(&id).cloned()
    }

    pub fn find_by_email(&self, email: &str) -> Option<Profile> {
        self.profiles
            .values()
            .find(|profile| profile.email == email)
            .cloned()
    }
}

/// The seed's mail server, standing in: it keeps what it sends, `(to, subject)`, in
/// order, and never fails.
#[derive(Debug, Default)]
pub struct SmtpMailer {
    pub sent: Vec<(String, String)>,
}

impl SmtpMailer {
    pub fn send(&mut self, to: &str, subject: &str) -> Result<(), MailError> {
        self.sent.push((to.to_string(), subject.to_string()));
        Ok(())
    }
}
