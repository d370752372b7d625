//! Exercise: dependency inversion, as a refactoring.
//!
//! The seed's user service built its own MySQL database in its constructor, so it
//! could run against nothing else, tests included. Here [`UserService`] depends on
//! two traits it owns the meaning of, [`UserStore`] and [`Mailer`], and is handed
//! implementations when it is built. The checks hand it fakes and look at what it
//! asked of them.
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

/// Where profiles are kept: MySQL in the seed, anything here.
pub trait UserStore {
    /// An id no profile has had yet.
    fn next_id(&mut self) -> UserId;
    /// Keeps the profile, replacing any with the same id.
    fn save(&mut self, profile: Profile);
    fn find(&self, id: UserId) -> Option<Profile>;
    fn find_by_email(&self, email: &str) -> Option<Profile>;
}

/// How mail goes out.
pub trait Mailer {
    fn send(&mut self, to: &str, subject: &str) -> Result<(), MailError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailError(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    EmailTaken,
    UnknownUser(UserId),
    Mail(MailError),
}

/// The use cases, over whatever store and mailer it is given.
pub struct UserService<S, M> {
    store: S,
    mailer: M,
}

impl<S: UserStore, M: Mailer> UserService<S, M> {
    /// Constructor injection: the service is given its store and its mailer.
    pub fn new(store: S, mailer: M) -> Self {
        Self { store, mailer }
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

    /// The store and the mailer back, to look at or to reuse.
    pub fn into_parts(self) -> (S, M) {
        (self.store, self.mailer)
    }
}

/// Profiles in memory, ids counted from 1: the seed's MySQL database, standing in.
#[derive(Debug, Default)]
pub struct MemoryStore {
    profiles: BTreeMap<UserId, Profile>,
    last_id: UserId,
}

impl UserStore for MemoryStore {
    fn next_id(&mut self) -> UserId {
        self.last_id += 1;
        self.last_id
    }

    fn save(&mut self, profile: Profile) {
        self.profiles.insert(profile.id, profile);
    }

    fn find(&self, id: UserId) -> Option<Profile> {
        self.profiles.get(&id).cloned()
    }

    fn find_by_email(&self, email: &str) -> Option<Profile> {
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

impl Mailer for SmtpMailer {
    fn send(&mut self, to: &str, subject: &str) -> Result<(), MailError> {
        self.sent.push((to.to_string(), subject.to_string()));
        Ok(())
    }
}
