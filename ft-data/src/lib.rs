//! ft-data: FastHTML's MiniDataAPI (fastlite) for Rust, on SQLite and PostgreSQL.
//!
//! - [`Database::open`] opens a SQLite file (WAL, one writer, pooled readers, statement
//!   cache; on rusqlite) or `:memory:`; [`Database::connect`] takes a `postgres://` URL (on
//!   tokio-postgres, pooled by deadpool-postgres). The API is the same on both.
//! - `#[derive(Record)]` turns a struct into a table schema; [`Database::create`] makes the
//!   table (idempotently) and returns a [`Table`] handle.
//! - A [`Table`] does the MiniDataAPI: [`insert`](Table::insert), [`get`](Table::get) (`t[k]`),
//!   [`contains`](Table::contains) (`k in t`), [`query`](Table::query) (`t(where, ..)`),
//!   [`update`](Table::update), [`upsert`](Table::upsert), [`delete`](Table::delete), and
//!   [`xtra`](Table::xtra), which returns a *scoped handle* instead of mutating a shared one.
//! - [`Database::t`] gives the same handle over a table known only by name, with rows as JSON
//!   maps ([`Row`]): FastHTML's `db.t.todos`.
//! - A query can read some columns: [`Query::select`] gives maps of just those columns
//!   (fastlite's `select=`; `"*"` is `as_cls=False`), [`Query::fetch_as`] a smaller derived
//!   struct, and [`Query::fetch_with_pk`] pairs each row with its key (`with_pk=True`).
//! - A query can delete its rows ([`Query::delete`], [`Table::delete_where`]) and compute
//!   [`sum`](Query::sum), [`avg`](Query::avg), [`min`](Query::min), [`max`](Query::max) and
//!   [`count_distinct`](Query::count_distinct) besides [`count`](Query::count), always within
//!   the handle's scope, with the same result types on both backends.
//! - Raw SQL ([`Database::q`], [`Database::execute`]) takes `?` placeholders on both backends.
//!
//! Rows are decoded straight from the database's row into the struct's fields (no
//! intermediate value per column), each statement's SQL text is built once per table shape
//! and reused with the backend's prepared statement, and on SQLite the WAL is checkpointed
//! beside the writer rather than inside a write: ARCHITECTURE.md ("Data") has the measurements.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
//! use ft_data::{Database, Record, Table};
//!
//! #[derive(Record, Debug, Clone, PartialEq)]
//! struct Todo { id: i64, title: String, done: bool, name: String }
//!
//! let db = Database::open(":memory:").await?;
//! let todos = db.create::<Todo>().await?;
//! let mine = todos.xtra("name", "alma")?;           // a scoped handle; `todos` is unchanged
//! let t = mine.insert(&Todo { id: 0, title: "Write docs".into(), done: false, name: String::new() }).await?;
//! assert_eq!((t.id, t.name.as_str()), (1, "alma"));
//! let done = mine.update_fields(t.id, [("done", true)]).await?;
//! assert!(done.done);
//! assert_eq!(mine.query().filter("done = ?", [true]).fetch().await?, vec![done]);
//! assert!(todos.xtra("name", "bob")?.get(1).await.unwrap_err().is_not_found());
//! # Ok(()) }
//! ```
//!
//! # The derive
//!
//! `#[derive(Record)]` works on a struct with named fields. The table name is the struct name
//! in snake_case (`TodoItem` -> `todo_item`); the primary key is the field `id` unless said
//! otherwise. Attributes:
//!
//! - on the struct: `#[table(name = "todos")]`, `#[table(pk = "authors, year")]` (compound
//!   key), `#[table(crate = "path::to::ft_data")]` (when ft_data is re-exported elsewhere);
//! - on a field: `#[table(pk)]`, `#[table(rename = "col")]`, `#[table(skip)]` (not stored;
//!   needs `Default`), `#[table(as_text)]` (stored with `Display`, read with `FromStr`: enums),
//!   `#[table(json)]` (stored as JSON text via serde: lists, maps).
//!
//! Field types are those implementing [`SqlField`] (see [`SqlType`] for the column types). A
//! single integer primary key is assigned by the database when the row's id is `0`, and ids
//! are never reused after deletes (`AUTOINCREMENT` / identity). Values come back with the
//! field's type (`bool` is a `bool`, dates are dates), unlike fastlite (SPEC 8.6).
//!
//! A struct can derive `Record` and ft-html's `FormFields` at once: the same value is a row, a
//! form's data and a `fill_form` source.
//!
//! The derive needs named fields:
//!
//! ```compile_fail
//! #[derive(ft_data::Record)]
//! struct Pair(i64, String);
//! ```
//!
//! and a primary key:
//!
//! ```compile_fail
//! #[derive(ft_data::Record)]
//! struct NoKey { name: String }
//! ```
//!
//! # Dynamic tables and FastHTML's `.dataclass()`
//!
//! FastHTML's `db.t.todos.dataclass()` builds a class from the table at run time. Here the
//! struct is written (or derived) at compile time and the table is made from it; for
//! SQL-first code, [`Database::t`] and [`Database::create_table`] give a `Table<Row>` whose
//! rows are `serde_json` maps with the column's types (integers, floats, booleans, text), and
//! which supports every operation, scoping included.
//!
//! # Errors
//!
//! Every operation returns [`Result`]. A missing row is [`Error::NotFound`] (ft-web answers
//! it with 404, see [`Error::status`]); unique-key and other constraint failures are
//! [`Error::Constraint`] (409); refused input ([`Error::InvalidInput`],
//! [`Error::InvalidKey`]) is 400.

mod checkpoint;
mod db;
mod decode;
mod erased;
mod field;
mod index;
mod key;
#[cfg(feature = "postgres")]
mod pg;
mod query;
mod row;
mod schema;
mod shape;
mod sql;
mod sqlite;
mod table;
mod value;
mod write;

pub use db::{CreateOptions, Database, RawRows};
pub use field::SqlField;
#[doc(hidden)]
pub use field::{
    json_from_value, json_to_value, opt_text_from_value, opt_text_to_value, read_field,
    read_field_with, text_from_value, text_to_value,
};
#[doc(hidden)]
pub use ft_html::forms;
pub use ft_macros::Record;
pub use key::{Key, Params};
pub use query::Query;
pub use row::{Row, RowType, row};
pub use schema::{Column, ColumnDef, ReadRow, Record, Schema};
pub use sql::{Dialect, quote_ident};
pub use sqlite::{ReadMode, SqliteOptions};
pub use table::Table;
pub use value::{SqlType, Value, ValueRef};

/// Everything an app needs: `use ft_data::prelude::*;`.
///
/// ```
/// use ft_data::prelude::*;
/// #[derive(Record)]
/// struct T { id: i64 }
/// ```
pub mod prelude {
    pub use crate::{Database, Error, Record, Row, SqlField, Table, Value, params};
}

/// The errors of ft-data.
///
/// ```
/// assert_eq!(ft_data::Error::NotFound.status(), 404);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No row with this key (in the handle's scope).
    NotFound,
    /// `one()` found more than one row.
    NotUnique,
    /// A key with the wrong number of values for the table's primary key.
    InvalidKey {
        /// Values the primary key has.
        expected: usize,
        /// Values given.
        got: usize,
    },
    /// Input refused before reaching the database: a bad `where`/`order_by`, an unknown
    /// column, a missing primary key.
    InvalidInput(String),
    /// A constraint failed (duplicate primary key, NOT NULL, foreign key, CHECK).
    Constraint(String),
    /// A stored value could not become the field's type.
    Conversion {
        /// The column.
        column: String,
        /// What was wrong.
        message: String,
    },
    /// No table with this name.
    NoSuchTable(String),
    /// The database stayed locked by another process for longer than the busy timeout.
    Busy,
    /// Any other database error.
    Database(String),
}

impl Error {
    /// Whether this is [`Error::NotFound`].
    ///
    /// ```
    /// assert!(ft_data::Error::NotFound.is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound)
    }

    /// The HTTP status ft-web answers this error with: 404 for a missing row, 400 for refused
    /// input, 409 for a constraint failure, 500 otherwise.
    ///
    /// ```
    /// use ft_data::Error;
    /// assert_eq!(Error::Constraint("UNIQUE".into()).status(), 409);
    /// assert_eq!(Error::Database("io".into()).status(), 500);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            Error::NotFound => 404,
            Error::InvalidKey { .. } | Error::InvalidInput(_) | Error::NotUnique => 400,
            Error::Constraint(_) => 409,
            Error::Busy => 503,
            _ => 500,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotFound => f.write_str("record not found"),
            Error::NotUnique => f.write_str("more than one record matches"),
            Error::InvalidKey { expected, got } => {
                write!(f, "need {expected} primary-key values, got {got}")
            }
            Error::InvalidInput(m) => write!(f, "invalid input: {m}"),
            Error::Constraint(m) => write!(f, "constraint failed: {m}"),
            Error::Conversion { column, message } => {
                write!(f, "column {column}: {message}")
            }
            Error::NoSuchTable(t) => write!(f, "no such table: {t}"),
            Error::Busy => f.write_str("database is busy (locked by another connection)"),
            Error::Database(m) => write!(f, "database error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(f, m) = &e {
            match f.code {
                rusqlite::ErrorCode::ConstraintViolation => {
                    return Error::Constraint(m.clone().unwrap_or_else(|| f.to_string()));
                }
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                    return Error::Busy;
                }
                // a value past SQLite's size limit: the client's input, not a server fault
                rusqlite::ErrorCode::TooBig => {
                    return Error::InvalidInput("a value is too large for the database".into());
                }
                _ => {}
            }
        }
        Error::Database(e.to_string())
    }
}

/// `Result<T, ft_data::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
