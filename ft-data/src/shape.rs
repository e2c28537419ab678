//! Shapes: what a statement's SQL text depends on (the table, the dialect, which columns are
//! scoped), with the SQL text built for it. One shape is shared by every handle with it, across
//! requests, so each statement's text is built once per process, not once per handle, and
//! the backend's statement cache sees the same text every time.

use crate::sql::{Dialect, push_ident};
use crate::{Result, Schema};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

/// The statements of a table handle that have one text per shape.
#[derive(Clone, Copy)]
pub(crate) enum Fixed {
    Get,
    Contains,
    Delete,
    All,
    InsertFull,
    InsertAuto,
    UpdateFull,
    UpsertFull,
}
const N_FIXED: usize = 8;

/// Caches are bounded: SQL text made at run time (a `format!`ed filter) must not grow them
/// without end. Past the bound, statements are built per call.
const MAX_QUERIES: usize = 256;
const MAX_SCOPED: usize = 64;
const MAX_ROOTS: usize = 256;

/// What a query's text depends on: the filters' SQL (not their values), the ordering, the
/// columns, and what a row becomes (limit and offset are appended per call).
#[derive(Clone, Debug, Default, Hash, PartialEq, Eq)]
pub(crate) struct QueryKey {
    pub kind: Kind,
    /// Each filter's SQL and its number of values.
    pub filters: Vec<(String, usize)>,
    pub order_by: Option<String>,
    pub select: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, Hash, PartialEq, Eq)]
pub(crate) enum Kind {
    #[default]
    Rows,
    WithPk,
    Count,
    /// Rows as another record type: its columns.
    As(std::any::TypeId),
    /// `DELETE` of the matching rows.
    Delete,
    /// One aggregate of a column (by index).
    Agg(Agg, usize),
}

/// The aggregates a query computes besides `COUNT(*)`.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(crate) enum Agg {
    Sum,
    Min,
    Max,
    Avg,
    CountDistinct,
}

/// A query's SQL text and the columns it returns (`None`: the table's).
pub(crate) struct Prepared {
    pub sql: Arc<str>,
    pub view: Option<Arc<Schema>>,
}

pub(crate) struct Shape {
    pub schema: Arc<Schema>,
    pub dialect: Dialect,
    /// Scoped (xtra) columns, in the order they were added.
    pub xtra: Vec<usize>,
    fixed: [OnceLock<Arc<str>>; N_FIXED],
    queries: RwLock<HashMap<QueryKey, Arc<Prepared>>>,
    scoped: RwLock<Vec<(usize, Arc<Shape>)>>,
    /// Set once the scoped columns have their index (index.rs): per shape, so per database.
    pub indexed: tokio::sync::OnceCell<()>,
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

impl Shape {
    fn new(schema: Arc<Schema>, dialect: Dialect, xtra: Vec<usize>) -> Shape {
        Shape {
            schema,
            dialect,
            xtra,
            fixed: Default::default(),
            queries: RwLock::default(),
            scoped: RwLock::default(),
            indexed: tokio::sync::OnceCell::new(),
        }
    }

    pub fn is_xtra(&self, col: usize) -> bool {
        self.xtra.contains(&col)
    }

    /// This shape with one more scoped column (shared by every handle scoped the same way).
    pub fn scoped(&self, col: usize) -> Arc<Shape> {
        if let Some((_, s)) = read(&self.scoped).iter().find(|(c, _)| *c == col) {
            return s.clone();
        }
        let mut xtra = self.xtra.clone();
        xtra.push(col);
        let s = Arc::new(Shape::new(self.schema.clone(), self.dialect, xtra));
        let mut w = write(&self.scoped);
        if let Some((_, s)) = w.iter().find(|(c, _)| *c == col) {
            return s.clone();
        }
        if w.len() < MAX_SCOPED {
            w.push((col, s.clone()));
        }
        s
    }

    /// The text of a fixed statement, built on first use.
    pub fn fixed(&self, which: Fixed, build: impl FnOnce(&mut SqlGen<'_>)) -> Arc<str> {
        self.fixed[which as usize]
            .get_or_init(|| {
                let mut g = SqlGen::new(self);
                build(&mut g);
                g.finish()
            })
            .clone()
    }

    /// A query's prepared text, built (and checked) on first use of its key.
    pub fn query(
        &self,
        key: &QueryKey,
        build: impl FnOnce() -> Result<Prepared>,
    ) -> Result<Arc<Prepared>> {
        if let Some(p) = read(&self.queries).get(key) {
            return Ok(p.clone());
        }
        let p = Arc::new(build()?);
        let mut w = write(&self.queries);
        if w.len() < MAX_QUERIES {
            w.entry(key.clone()).or_insert_with(|| p.clone());
        }
        Ok(p)
    }
}

/// The unscoped shapes of one database's tables.
#[derive(Default)]
pub(crate) struct Shapes(RwLock<Vec<Arc<Shape>>>);

impl Shapes {
    /// The shape of `schema`'s table: found by the schema's identity (a derived table's schema
    /// is one `Arc` per type) or, for dynamic tables, its contents.
    pub fn root(&self, schema: Arc<Schema>, dialect: Dialect) -> Arc<Shape> {
        let same = |s: &&Arc<Shape>| Arc::ptr_eq(&s.schema, &schema) || *s.schema == *schema;
        if let Some(s) = read(&self.0).iter().find(same) {
            return s.clone();
        }
        let mut w = write(&self.0);
        if let Some(s) = w.iter().find(same) {
            return s.clone();
        }
        let s = Arc::new(Shape::new(schema, dialect, Vec::new()));
        if w.len() < MAX_ROOTS {
            w.push(s.clone());
        }
        s
    }
}

/// Builds SQL text for one shape.
pub(crate) struct SqlGen<'a> {
    pub s: &'a Shape,
    pub out: String,
    /// Placeholders written so far.
    pub n: usize,
}

impl<'a> SqlGen<'a> {
    pub fn new(s: &'a Shape) -> Self {
        SqlGen {
            s,
            out: String::with_capacity(160),
            n: 0,
        }
    }
    pub fn push(&mut self, t: &str) -> &mut Self {
        self.out.push_str(t);
        self
    }
    pub fn ident(&mut self, t: &str) -> &mut Self {
        push_ident(&mut self.out, t);
        self
    }
    pub fn table(&mut self) -> &mut Self {
        push_ident(&mut self.out, &self.s.schema.name);
        self
    }
    pub fn ph(&mut self) -> &mut Self {
        self.n += 1;
        self.s.dialect.ph(&mut self.out, self.n);
        self
    }
    /// `"a", "b", ..` for the given columns of the table.
    pub fn col_list<'c>(&mut self, names: impl IntoIterator<Item = &'c str>) -> &mut Self {
        for (i, c) in names.into_iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            push_ident(&mut self.out, c);
        }
        self
    }
    /// Every column of the table.
    pub fn cols(&mut self) -> &mut Self {
        let s = self.s;
        self.col_list(s.schema.columns.iter().map(|c| c.name.as_str()))
    }
    /// `"pk1" = ? AND ... AND "x1" = ? ...` (pk, then the scope).
    pub fn pk_and_xtra(&mut self) -> &mut Self {
        let s = self.s;
        let mut first = true;
        for &i in s.schema.pk.iter().chain(&s.xtra) {
            self.cond(i, false, &mut first);
        }
        self
    }
    /// ` WHERE "x1" = ? AND ..` for the scope, or nothing; `qualify` prefixes the table name.
    pub fn where_xtra(&mut self, qualify: bool) -> bool {
        let s = self.s;
        let mut first = true;
        for &i in &s.xtra {
            if first {
                self.out.push_str(" WHERE ");
            }
            self.cond(i, qualify, &mut first);
        }
        !first
    }
    fn cond(&mut self, i: usize, qualify: bool, first: &mut bool) {
        if !*first {
            self.out.push_str(" AND ");
        }
        *first = false;
        if qualify {
            self.table().push(".");
        }
        let s = self.s;
        push_ident(&mut self.out, &s.schema.columns[i].name);
        self.out.push_str(" = ");
        self.ph();
    }
    /// ` ORDER BY` the primary key.
    pub fn order_by_pk(&mut self) -> &mut Self {
        let s = self.s;
        if !s.schema.pk.is_empty() {
            self.out.push_str(" ORDER BY ");
            self.col_list(
                s.schema
                    .pk
                    .iter()
                    .map(|&i| s.schema.columns[i].name.as_str()),
            );
        }
        self
    }
    pub fn finish(self) -> Arc<str> {
        self.out.into()
    }
}
