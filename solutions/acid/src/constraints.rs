//! Exercise: consistency with check, unique and foreign-key constraints.
//!
//! A schema's rules hold before and after every transaction: a balance is never
//! negative, no two users share an email, every post's author exists. The database
//! applies a transaction's changes, then checks every constraint before it commits;
//! if any row breaks one, the whole transaction is rejected, nothing of it stays, and
//! the error names the constraint and the row. Checking at commit lets a transaction
//! pass through states that break a rule, such as a post inserted just before its
//! author. (PostgreSQL does that only for a unique or foreign-key constraint declared
//! `DEFERRABLE INITIALLY DEFERRED`; a check constraint cannot be deferred there, and is
//! tested on every row as it is written. This exercise defers all three kinds.)
//! Read "Constraints" in `notes/acid.md`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// A column's value. `Null` is SQL's "unknown": a check passes on it, and unique and
/// foreign-key constraints ignore it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::Int(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::Text(value.to_owned())
    }
}

/// A row: its columns by name. The row's id is kept beside it, not in it.
pub type Row = BTreeMap<String, Value>;

/// A row from `(column, value)` pairs: `row([("email", "a@example.com".into())])`.
pub fn row<const N: usize>(columns: [(&str, Value); N]) -> Row {
    columns
        .into_iter()
        .map(|(column, value)| (column.to_owned(), value))
        .collect()
}

/// A named rule on one column of one table.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub name: String,
    pub table: String,
    pub column: String,
    pub kind: Kind,
}

/// What a constraint requires of its column.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Every non-null value passes the test.
    Check(fn(&Value) -> bool),
    /// No two rows hold the same non-null value.
    Unique,
    /// Every non-null value is the id of a row in the named table.
    ForeignKey { references: String },
}

impl Constraint {
    /// `CONSTRAINT name CHECK (test(column))`.
    pub fn check(name: &str, table: &str, column: &str, test: fn(&Value) -> bool) -> Self {
        Self::new(name, table, column, Kind::Check(test))
    }

    /// `CONSTRAINT name UNIQUE (column)`.
    pub fn unique(name: &str, table: &str, column: &str) -> Self {
        Self::new(name, table, column, Kind::Unique)
    }

    /// `CONSTRAINT name FOREIGN KEY (column) REFERENCES references (id)`.
    pub fn foreign_key(name: &str, table: &str, column: &str, references: &str) -> Self {
        let references = references.to_owned();
        Self::new(name, table, column, Kind::ForeignKey { references })
    }

    fn new(name: &str, table: &str, column: &str, kind: Kind) -> Self {
        Self {
            name: name.to_owned(),
            table: table.to_owned(),
            column: column.to_owned(),
            kind,
        }
    }
}

/// One change in a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Insert {
        table: String,
        id: i64,
        row: Row,
    },
    Update {
        table: String,
        id: i64,
        column: String,
        value: Value,
    },
    Delete {
        table: String,
        id: i64,
    },
}

/// Why a transaction was rejected. Nothing of it was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxError {
    /// The row `id` of `table` breaks the constraint named `constraint`.
    Violation {
        constraint: String,
        table: String,
        id: i64,
    },
    NoSuchTable(String),
    NoSuchRow {
        table: String,
        id: i64,
    },
    DuplicateId {
        table: String,
        id: i64,
    },
}

impl fmt::Display for TxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TxError::Violation {
                constraint,
                table,
                id,
            } => write!(
                f,
                "row {id} of `{table}` violates constraint `{constraint}`"
            ),
            TxError::NoSuchTable(table) => write!(f, "no table `{table}`"),
            TxError::NoSuchRow { table, id } => write!(f, "no row {id} in `{table}`"),
            TxError::DuplicateId { table, id } => write!(f, "`{table}` already has a row {id}"),
        }
    }
}

impl std::error::Error for TxError {}

type Table = BTreeMap<i64, Row>;

/// Tables of rows keyed by id, and the constraints on them.
#[derive(Debug, Clone, Default)]
pub struct Database {
    tables: BTreeMap<String, Table>,
    constraints: Vec<Constraint>,
}

impl Database {
    /// A database with no tables.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an empty table (nothing happens if it exists).
    pub fn create_table(&mut self, name: &str) {
        self.tables.entry(name.to_owned()).or_default();
    }

    /// The rows of `table`, by id.
    pub fn table(&self, name: &str) -> Option<&BTreeMap<i64, Row>> {
        self.tables.get(name)
    }

    /// Adds a constraint. Like `ALTER TABLE ... ADD CONSTRAINT`, it is refused if the
    /// rows already there break it (or if a table it names does not exist).
    pub fn add_constraint(&mut self, constraint: Constraint) -> Result<(), TxError> {
        let references = match &constraint.kind {
            Kind::ForeignKey { references } => Some(references),
            _ => None,
        };
        let mut named = std::iter::once(&constraint.table).chain(references);
        if let Some(missing) = named.find(|table| !self.tables.contains_key(*table)) {
            return Err(TxError::NoSuchTable(missing.clone()));
        }
        if let Some(violation) = first_violation(&self.tables, &constraint) {
            return Err(violation);
        }
        self.constraints.push(constraint);
        Ok(())
    }

    /// Applies `changes` as one transaction. Constraints are checked once all changes
    /// are made, in the order they were added; the first row (in id order) that breaks
    /// one rejects the whole transaction, and nothing of it stays.
    pub fn execute(&mut self, changes: &[Change]) -> Result<(), TxError> {
        // Working on a copy makes rejection free: drop the copy. A real database
        // writes in place and keeps an undo log, as the first exercise did.
        let mut tables = self.tables.clone();
        for change in changes {
            apply(&mut tables, change)?;
        }
        if let Some(violation) = self
            .constraints
            .iter()
            .find_map(|constraint| first_violation(&tables, constraint))
        {
            return Err(violation);
        }
        self.tables = tables;
        Ok(())
    }
}

fn apply(tables: &mut BTreeMap<String, Table>, change: &Change) -> Result<(), TxError> {
    let (Change::Insert { table, id, .. }
    | Change::Update { table, id, .. }
    | Change::Delete { table, id }) = change;
    let rows = tables
        .get_mut(table)
        .ok_or_else(|| TxError::NoSuchTable(table.clone()))?;
    let no_such_row = || TxError::NoSuchRow {
        table: table.clone(),
        id: *id,
    };
    match change {
        Change::Insert { row, .. } => {
            if rows.contains_key(id) {
                return Err(TxError::DuplicateId {
                    table: table.clone(),
                    id: *id,
                });
            }
            rows.insert(*id, row.clone());
        }
        Change::Update { column, value, .. } => {
            let row = rows.get_mut(id).ok_or_else(no_such_row)?;
            row.insert(column.clone(), value.clone());
        }
        Change::Delete { .. } => {
            rows.remove(id).ok_or_else(no_such_row)?;
        }
    }
    Ok(())
}

/// The first row, in id order, that breaks `constraint`.
fn first_violation(tables: &BTreeMap<String, Table>, constraint: &Constraint) -> Option<TxError> {
    let rows = tables.get(&constraint.table)?;
    let mut values = rows
        .iter()
        .filter_map(|(id, row)| match row.get(&constraint.column) {
            None | Some(Value::Null) => None,
            Some(value) => Some((*id, value)),
        });
    let violation = |id: i64| TxError::Violation {
        constraint: constraint.name.clone(),
        table: constraint.table.clone(),
        id,
    };
    match &constraint.kind {
        Kind::Check(test) => values
            .find(|(_, value)| !test(value))
            .map(|(id, _)| violation(id)),
        Kind::Unique => {
            let mut seen = HashSet::new();
            values
                .find(|(_, value)| !seen.insert(*value))
                .map(|(id, _)| violation(id))
        }
        Kind::ForeignKey { references } => {
            let parents = tables.get(references);
            values
                .find(|(_, value)| match value {
                    Value::Int(parent) => !parents.is_some_and(|rows| rows.contains_key(parent)),
                    _ => true,
                })
                .map(|(id, _)| violation(id))
        }
    }
}
