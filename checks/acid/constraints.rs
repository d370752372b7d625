//! Checks for `exercises/acid/src/constraints.rs`.

use acid::constraints::{Change, Constraint, Database, TxError, Value, row};
use proptest::prelude::*;

mod support;

/// The seed's schema: users with unique emails, posts whose author must exist, and
/// accounts whose balance may not go below zero.
fn schema() -> Database {
    let mut db = Database::new();
    for table in ["users", "posts", "accounts"] {
        db.create_table(table);
    }
    let constraints = [
        Constraint::unique("users_email_key", "users", "email"),
        Constraint::foreign_key("posts_author_id_fkey", "posts", "author_id", "users"),
        Constraint::check(
            "accounts_balance_check",
            "accounts",
            "balance",
            |value| matches!(value, Value::Int(balance) if *balance >= 0),
        ),
    ];
    for constraint in constraints {
        let name = constraint.name.clone();
        db.add_constraint(constraint)
            .unwrap_or_else(|error| panic!("adding {name} to empty tables: {error}"));
    }
    db
}

fn insert(table: &str, id: i64, row: acid::constraints::Row) -> Change {
    Change::Insert {
        table: table.into(),
        id,
        row,
    }
}

fn update(table: &str, id: i64, column: &str, value: Value) -> Change {
    Change::Update {
        table: table.into(),
        id,
        column: column.into(),
        value,
    }
}

fn delete(table: &str, id: i64) -> Change {
    Change::Delete {
        table: table.into(),
        id,
    }
}

fn user(id: i64, email: &str) -> Change {
    insert("users", id, row([("email", email.into())]))
}

fn post(id: i64, author: i64) -> Change {
    insert("posts", id, row([("author_id", author.into())]))
}

fn account(id: i64, balance: i64) -> Change {
    insert("accounts", id, row([("balance", balance.into())]))
}

fn violation(constraint: &str, table: &str, id: i64) -> Result<(), TxError> {
    Err(TxError::Violation {
        constraint: constraint.into(),
        table: table.into(),
        id,
    })
}

fn ids(db: &Database, table: &str) -> Vec<i64> {
    db.table(table)
        .unwrap_or_else(|| panic!("the table {table} is gone"))
        .keys()
        .copied()
        .collect()
}

#[test]
fn a_transaction_that_keeps_every_rule_commits() {
    let mut db = schema();
    let result = db.execute(&[user(1, "ada@example.com"), post(10, 1), account(1, 1_000)]);
    assert_eq!(result, Ok(()));
    assert_eq!(ids(&db, "users"), [1]);
    assert_eq!(ids(&db, "posts"), [10]);
    let balance = &db.table("accounts").unwrap()[&1]["balance"];
    assert_eq!(balance, &Value::Int(1_000));
}

#[test]
fn a_duplicate_email_rejects_the_whole_transaction_naming_the_constraint() {
    let mut db = schema();
    db.execute(&[user(1, "ada@example.com")]).unwrap();
    let result = db.execute(&[
        user(2, "grace@example.com"),
        post(10, 2),
        user(3, "ada@example.com"),
    ]);
    assert_eq!(result, violation("users_email_key", "users", 3));
    assert_eq!(
        ids(&db, "users"),
        [1],
        "user 2 was inserted by the rejected transaction"
    );
    assert_eq!(ids(&db, "posts"), Vec::<i64>::new(), "so was post 10");
}

#[test]
fn the_error_message_names_the_constraint_and_the_row() {
    let mut db = schema();
    let error = db
        .execute(&[account(7, -5)])
        .expect_err("a negative balance breaks accounts_balance_check");
    let message = error.to_string();
    for part in ["accounts_balance_check", "accounts", "7"] {
        assert!(
            message.contains(part),
            "the message {message:?} should name {part:?}"
        );
    }
}

#[test]
fn a_withdrawal_below_zero_is_rejected_and_the_deposit_with_it() {
    let mut db = schema();
    db.execute(&[account(1, 100), account(2, 0)]).unwrap();
    let result = db.execute(&[
        update("accounts", 2, "balance", 150.into()),
        update("accounts", 1, "balance", (-50).into()),
    ]);
    assert_eq!(result, violation("accounts_balance_check", "accounts", 1));
    let balances = db.table("accounts").unwrap();
    assert_eq!(
        (&balances[&1]["balance"], &balances[&2]["balance"]),
        (&Value::Int(100), &Value::Int(0)),
        "neither half of the rejected transfer may stay"
    );
}

#[test]
fn a_post_whose_author_does_not_exist_is_rejected() {
    let mut db = schema();
    assert_eq!(
        db.execute(&[post(10, 42)]),
        violation("posts_author_id_fkey", "posts", 10),
        "post 10's author, user 42, is not a row of users: the foreign key must refuse it"
    );
}

#[test]
fn constraints_are_checked_at_commit_so_order_inside_the_transaction_is_free() {
    let mut db = schema();
    assert_eq!(
        db.execute(&[post(10, 1), user(1, "ada@example.com")]),
        Ok(()),
        "the post's author is inserted later in the same transaction: fine at commit"
    );
    assert_eq!(
        db.execute(&[
            account(1, 10),
            update("accounts", 1, "balance", (-90).into()),
            update("accounts", 1, "balance", 0.into()),
        ]),
        Ok(()),
        "the balance is negative only in the middle of the transaction"
    );
}

#[test]
fn deleting_a_user_who_still_has_posts_is_rejected() {
    let mut db = schema();
    db.execute(&[user(1, "ada@example.com"), post(10, 1), post(11, 1)])
        .unwrap();
    assert_eq!(
        db.execute(&[delete("users", 1)]),
        violation("posts_author_id_fkey", "posts", 10),
        "the first orphaned post, in id order, breaks the foreign key"
    );
    assert_eq!(ids(&db, "users"), [1]);
    assert_eq!(
        db.execute(&[delete("posts", 10), delete("posts", 11), delete("users", 1)]),
        Ok(()),
        "with its posts gone, the user may go"
    );
}

#[test]
fn nulls_pass_checks_and_never_collide() {
    let mut db = schema();
    let result = db.execute(&[
        insert("users", 1, row([("email", Value::Null)])),
        insert("users", 2, row([("email", Value::Null)])),
        insert("posts", 10, row([("author_id", Value::Null)])),
        insert("accounts", 1, row([("balance", Value::Null)])),
    ]);
    assert_eq!(
        result,
        Ok(()),
        "NULL is unknown: two unknown emails are not equal, and a check passes unless it is false"
    );
}

#[test]
fn changes_to_missing_tables_and_rows_are_errors() {
    let mut db = schema();
    db.execute(&[user(1, "ada@example.com")]).unwrap();
    assert_eq!(
        db.execute(&[user(2, "b@example.com"), insert("comments", 1, row([]))]),
        Err(TxError::NoSuchTable("comments".into()))
    );
    assert_eq!(
        db.execute(&[update("users", 9, "email", "x".into())]),
        Err(TxError::NoSuchRow {
            table: "users".into(),
            id: 9
        })
    );
    assert_eq!(
        db.execute(&[delete("users", 9)]),
        Err(TxError::NoSuchRow {
            table: "users".into(),
            id: 9
        })
    );
    assert_eq!(
        db.execute(&[user(1, "again@example.com")]),
        Err(TxError::DuplicateId {
            table: "users".into(),
            id: 1
        })
    );
    assert_eq!(
        ids(&db, "users"),
        [1],
        "user 2 came with a rejected transaction"
    );
}

#[test]
fn a_constraint_the_existing_rows_break_cannot_be_added() {
    let mut db = schema();
    db.execute(&[account(1, 5), account(2, 50)]).unwrap();
    let at_least_ten = Constraint::check(
        "accounts_minimum",
        "accounts",
        "balance",
        |value| matches!(value, Value::Int(balance) if *balance >= 10),
    );
    assert_eq!(
        db.add_constraint(at_least_ten),
        violation("accounts_minimum", "accounts", 1),
        "account 1 already holds 5: a constraint its rows break is refused, naming the first \
         such row"
    );
    assert_eq!(
        db.execute(&[update("accounts", 1, "balance", 1.into())]),
        Ok(()),
        "the refused constraint must not be enforced"
    );
    let dangling = Constraint::foreign_key("accounts_owner_fkey", "accounts", "owner", "owners");
    assert_eq!(
        db.add_constraint(dangling),
        Err(TxError::NoSuchTable("owners".into())),
        "a foreign key to a table that does not exist is refused"
    );
}

proptest! {
    #![proptest_config(support::proptest_config(128))]

    #[test]
    fn transfers_never_leave_a_balance_below_zero_or_change_the_total(
        opening in proptest::collection::vec(0..100i64, 2..6),
        transfers in proptest::collection::vec((0..6usize, 0..6usize, 1..80i64), 1..30),
    ) {
        let mut db = schema();
        let accounts: Vec<Change> = opening
            .iter()
            .enumerate()
            .map(|(id, balance)| account(id as i64, *balance))
            .collect();
        db.execute(&accounts).unwrap();
        let total: i64 = opening.iter().sum();
        let mut balances = opening.clone();
        for (from, to, amount) in transfers {
            let (from, to) = (from % opening.len(), to % opening.len());
            if from == to {
                continue;
            }
            let result = db.execute(&[
                update("accounts", to as i64, "balance", (balances[to] + amount).into()),
                update("accounts", from as i64, "balance", (balances[from] - amount).into()),
            ]);
            if balances[from] >= amount {
                prop_assert_eq!(result, Ok(()), "{} has {} and sends {}", from, balances[from], amount);
                balances[from] -= amount;
                balances[to] += amount;
            } else {
                prop_assert_eq!(result, violation("accounts_balance_check", "accounts", from as i64));
            }
            let stored: Vec<Value> = db.table("accounts").unwrap().values().map(|row| row["balance"].clone()).collect();
            let expected: Vec<Value> = balances.iter().map(|b| Value::Int(*b)).collect();
            prop_assert_eq!(stored, expected);
        }
        prop_assert_eq!(balances.iter().sum::<i64>(), total);
    }
}
