//! Checks for `exercises/solid/src/dependency_inversion.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use solid::dependency_inversion::{
    MailError, Mailer, MemoryStore, Profile, ServiceError, SmtpMailer, UserId, UserService,
    UserStore,
};

/// Everything the fakes were asked, in order, shared with the check that reads it.
type Calls = Rc<RefCell<Vec<String>>>;

/// A store of the checks' own that writes down every call.
struct FakeStore {
    calls: Calls,
    profiles: Vec<Profile>,
    next: UserId,
}

impl UserStore for FakeStore {
    fn next_id(&mut self) -> UserId {
        self.calls.borrow_mut().push("store.next_id".into());
        self.next += 10;
        self.next
    }
    fn save(&mut self, profile: Profile) {
        self.calls
            .borrow_mut()
            .push(format!("store.save({}, {})", profile.id, profile.email));
        self.profiles.retain(|kept| kept.id != profile.id);
        self.profiles.push(profile);
    }
    fn find(&self, id: UserId) -> Option<Profile> {
        self.calls.borrow_mut().push(format!("store.find({id})"));
        self.profiles.iter().find(|p| p.id == id).cloned()
    }
    fn find_by_email(&self, email: &str) -> Option<Profile> {
        self.calls
            .borrow_mut()
            .push(format!("store.find_by_email({email})"));
        self.profiles.iter().find(|p| p.email == email).cloned()
    }
}

/// A mailer of the checks' own that writes down every call, and can be made to fail.
struct FakeMailer {
    calls: Calls,
    down: bool,
}

impl Mailer for FakeMailer {
    fn send(&mut self, to: &str, subject: &str) -> Result<(), MailError> {
        self.calls
            .borrow_mut()
            .push(format!("mail({to}, {subject})"));
        if self.down {
            Err(MailError("the mail server is down".into()))
        } else {
            Ok(())
        }
    }
}

/// A service over the fakes, with `existing` already stored, and the shared call log.
/// (A macro rather than a function, so that no signature spells the service's type:
/// the checks meet the service only through `new`, its methods and `into_parts`.)
macro_rules! service_with {
    ($existing:expr, $mail_down:expr) => {{
        let calls = Calls::default();
        let store = FakeStore {
            calls: calls.clone(),
            profiles: $existing.to_vec(),
            next: 0,
        };
        let mailer = FakeMailer {
            calls: calls.clone(),
            down: $mail_down,
        };
        (UserService::new(store, mailer), calls)
    }};
}

/// A store that keeps nothing and a mailer that sends nowhere, in one type that
/// takes no room at all.
struct Nowhere;

impl UserStore for Nowhere {
    fn next_id(&mut self) -> UserId {
        1
    }
    fn save(&mut self, _: Profile) {}
    fn find(&self, _: UserId) -> Option<Profile> {
        None
    }
    fn find_by_email(&self, _: &str) -> Option<Profile> {
        None
    }
}

impl Mailer for Nowhere {
    fn send(&mut self, _: &str, _: &str) -> Result<(), MailError> {
        Ok(())
    }
}

fn ada() -> Profile {
    Profile {
        id: 7,
        name: "Ada".into(),
        email: "ada@example.com".into(),
    }
}

fn log(calls: &Calls) -> Vec<String> {
    calls.borrow().clone()
}

#[test]
fn registering_asks_the_given_store_for_an_id_saves_and_mails_a_welcome() {
    let (mut service, calls) = service_with!(&[], false);
    assert_eq!(
        service.register("Grace", "grace@example.com"),
        Ok(10),
        "the id the store handed out"
    );
    assert_eq!(
        log(&calls),
        [
            "store.find_by_email(grace@example.com)",
            "store.next_id",
            "store.save(10, grace@example.com)",
            "mail(grace@example.com, Welcome, Grace)",
        ],
        "what the service asked of the store and the mailer it was given, in order"
    );
}

#[test]
fn an_address_already_registered_is_refused_before_anything_is_saved_or_sent() {
    let (mut service, calls) = service_with!(&[ada()], false);
    assert_eq!(
        service.register("Ada Two", "ada@example.com"),
        Err(ServiceError::EmailTaken),
        "ada@example.com is already registered"
    );
    assert_eq!(
        log(&calls),
        ["store.find_by_email(ada@example.com)"],
        "a taken address is refused after one look-up, before an id is taken, anything \
         saved or anything sent"
    );
}

#[test]
fn a_welcome_that_cannot_be_sent_does_not_undo_the_registration() {
    let (mut service, calls) = service_with!(&[], true);
    assert_eq!(
        service.register("Grace", "grace@example.com"),
        Ok(10),
        "the mailer is down, but the registration stands: a lost welcome does not undo it"
    );
    let (store, _) = service.into_parts();
    assert_eq!(
        store.profiles.len(),
        1,
        "the profile is kept although the mail failed"
    );
    assert!(
        log(&calls).contains(&"mail(grace@example.com, Welcome, Grace)".to_string()),
        "the welcome was tried: {:?}",
        log(&calls)
    );
}

#[test]
fn changing_an_email_warns_the_old_address_then_saves_then_confirms_to_the_new() {
    let (mut service, calls) = service_with!(&[ada()], false);
    assert_eq!(
        service.change_email(7, "ada@lovelace.org"),
        Ok(()),
        "Ada moves to a free address"
    );
    assert_eq!(
        log(&calls),
        [
            "store.find(7)",
            "store.find_by_email(ada@lovelace.org)",
            "mail(ada@example.com, Your email is changing to ada@lovelace.org)",
            "store.save(7, ada@lovelace.org)",
            "mail(ada@lovelace.org, Email changed)",
        ],
        "find the user, check the new address is free, warn the old address, save, then \
         confirm to the new address: in that order"
    );
}

#[test]
fn an_email_change_the_old_address_cannot_hear_of_changes_nothing() {
    let (mut service, calls) = service_with!(&[ada()], true);
    assert_eq!(
        service.change_email(7, "ada@lovelace.org"),
        Err(ServiceError::Mail(MailError(
            "the mail server is down".into()
        ))),
        "the warning to the old address could not be sent, so the change is refused with \
         the mailer's error"
    );
    assert!(
        !log(&calls)
            .iter()
            .any(|call| call.starts_with("store.save")),
        "nothing may be saved when the warning to the old address failed: {:?}",
        log(&calls)
    );
}

#[test]
fn an_email_change_for_an_unknown_user_or_to_a_taken_address_is_refused() {
    let grace = Profile {
        id: 8,
        name: "Grace".into(),
        email: "grace@example.com".into(),
    };
    let (mut service, calls) = service_with!(&[ada(), grace], false);
    assert_eq!(
        service.change_email(99, "x@example.com"),
        Err(ServiceError::UnknownUser(99)),
        "no user has id 99"
    );
    assert_eq!(
        service.change_email(7, "grace@example.com"),
        Err(ServiceError::EmailTaken),
        "grace@example.com belongs to another user"
    );
    assert!(
        !log(&calls)
            .iter()
            .any(|call| call.starts_with("mail") || call.starts_with("store.save")),
        "a refused change sends and saves nothing: {:?}",
        log(&calls)
    );
}

#[test]
fn the_memory_store_counts_ids_from_one_and_finds_by_id_and_address() {
    let mut store = MemoryStore::default();
    assert_eq!(
        (store.next_id(), store.next_id()),
        (1, 2),
        "the first two ids a memory store hands out"
    );
    let mut profile = ada();
    profile.id = 2;
    store.save(profile.clone());
    assert_eq!(
        store.find(2),
        Some(profile.clone()),
        "the profile saved under id 2"
    );
    assert_eq!(
        store.find_by_email("ada@example.com"),
        Some(profile.clone()),
        "the profile saved with ada@example.com"
    );
    profile.email = "ada@lovelace.org".into();
    store.save(profile.clone());
    assert_eq!(
        store.find_by_email("ada@example.com"),
        None,
        "the save replaced the old profile"
    );
    assert_eq!(store.find(1), None, "nothing was saved under id 1");
}

#[test]
fn the_same_service_runs_on_the_memory_store() {
    let calls = Calls::default();
    let mailer = FakeMailer {
        calls: calls.clone(),
        down: false,
    };
    let mut service = UserService::new(MemoryStore::default(), mailer);
    let id = service
        .register("Ada", "ada@example.com")
        .expect("a registration");
    service
        .change_email(id, "ada@lovelace.org")
        .expect("a change");
    let (store, _) = service.into_parts();
    assert_eq!(
        store.find(id).map(|profile| profile.email),
        Some("ada@lovelace.org".to_string()),
        "the memory store holds Ada's new address"
    );
}

#[test]
fn the_same_service_runs_on_the_two_stand_ins_it_once_built_itself() {
    let mut service = UserService::new(MemoryStore::default(), SmtpMailer::default());
    let id = service
        .register("Ada", "ada@example.com")
        .expect("a registration");
    assert_eq!(id, 1, "the memory store's first id");
    let (_, mailer) = service.into_parts();
    assert_eq!(
        mailer.sent,
        [("ada@example.com".to_string(), "Welcome, Ada".to_string())],
        "the stand-in mailer keeps the welcome it sent"
    );
}

#[test]
fn an_address_given_up_can_be_registered_again() {
    let (mut service, calls) = service_with!(&[], false);
    let ada = service
        .register("Ada", "ada@example.com")
        .expect("ada@example.com is free");
    service
        .change_email(ada, "ada@lovelace.org")
        .expect("ada@lovelace.org is free");
    assert!(
        service.register("Another Ada", "ada@example.com").is_ok(),
        "Ada moved to ada@lovelace.org, so the store holds nobody at ada@example.com and it \
         must be free again; a service that remembers the addresses it registered, next to \
         the store, refuses it. Calls: {:?}",
        log(&calls)
    );
}

#[test]
fn the_service_keeps_nothing_but_the_store_and_the_mailer_it_is_handed() {
    let service = UserService::new(Nowhere, Nowhere);
    assert_eq!(
        std::mem::size_of_val(&service),
        0,
        "over a store and a mailer that take no room, the service takes {} bytes: it keeps \
         something besides what it was handed (a mailer it builds itself, a cache of what \
         the store knows, a counter); ask the store and the mailer instead",
        std::mem::size_of_val(&service)
    );
}
