//! SQL text: identifier quoting, placeholders, and checks on the SQL fragments a caller may
//! pass (`where`, `order_by`). Values never enter SQL text; they are always bound.

use crate::{Error, Result, Schema, SqlType, Value};
use std::fmt::Write;

/// The SQL dialect of a backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (placeholders `?1`, `?2`, ...).
    Sqlite,
    /// PostgreSQL (placeholders `$1`, `$2`, ...).
    Postgres,
}

impl Dialect {
    pub(crate) fn ph(self, out: &mut String, n: usize) {
        match self {
            Dialect::Sqlite => {
                let _ = write!(out, "?{n}");
            }
            Dialect::Postgres => {
                let _ = write!(out, "${n}");
            }
        }
    }

    pub(crate) fn type_name(self, t: SqlType) -> &'static str {
        match self {
            Dialect::Sqlite => t.sqlite_name(),
            Dialect::Postgres => t.postgres_name(),
        }
    }
}

/// Quote an identifier: `"name"`, with inner quotes doubled. Every table and column name
/// ft-data writes into SQL goes through this.
///
/// ```
/// assert_eq!(ft_data::quote_ident(r#"we"ird"#), r#""we""ird""#);
/// ```
pub fn quote_ident(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    push_ident(&mut s, name);
    s
}

pub(crate) fn push_ident(out: &mut String, name: &str) {
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Bound arguments, each with its column's type where known (PostgreSQL needs a type for NULL).
#[derive(Clone, Debug, Default)]
pub(crate) struct Args(Vec<(Value, Option<SqlType>)>);

impl Args {
    pub fn with_capacity(n: usize) -> Args {
        Args(Vec::with_capacity(n))
    }
    /// Untyped arguments (raw SQL).
    pub fn untyped(values: Vec<Value>) -> Args {
        Args(values.into_iter().map(|v| (v, None)).collect())
    }
    /// Add a value, coerced to the column's type where that is lossless.
    pub fn push(&mut self, v: Value, ty: Option<SqlType>) {
        let v = match ty {
            Some(t) => t.coerce(v),
            None => v,
        };
        self.0.push((v, ty));
    }
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(v, _)| v)
    }
    #[cfg(feature = "postgres")]
    pub fn into_typed(self) -> impl Iterator<Item = (Value, Option<SqlType>)> {
        self.0.into_iter()
    }
    /// Text with a NUL character is refused on both backends (PostgreSQL cannot store it), so
    /// that the same input gets the same answer everywhere.
    pub fn check(&self) -> Result<()> {
        if self
            .values()
            .any(|v| matches!(v, Value::Text(s) if s.as_bytes().contains(&0)))
        {
            return Err(Error::InvalidInput(
                "text values cannot contain NUL characters".into(),
            ));
        }
        Ok(())
    }
}

/// Check a caller's `where` fragment and rewrite its `?` placeholders for the dialect,
/// numbering from `first`. The fragment must be one expression: no `;`, no comments, balanced
/// parentheses and quotes, no named or numbered placeholders, no `$` or escape-string
/// literals; it is then wrapped in parentheses so it cannot escape the conditions ft-data
/// adds (xtra).
pub(crate) fn translate_where(
    frag: &str,
    dialect: Dialect,
    first: usize,
    nparams: usize,
) -> Result<String> {
    let bad = |why: &str| Err(Error::InvalidInput(format!("where clause {frag:?}: {why}")));
    let b = frag.as_bytes();
    let mut out = String::with_capacity(frag.len() + 8);
    out.push('(');
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut n = 0usize;
    let mut i = 0;
    let mut seg_start = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => {
                if c == b'\'' && i > 0 {
                    let p = b[i - 1];
                    let before = if i > 1 { b[i - 2] } else { b' ' };
                    let word = before.is_ascii_alphanumeric() || before == b'_';
                    if (p == b'e' || p == b'E' || p == b'&') && !word {
                        return bad("escape-string literals are not allowed");
                    }
                }
                quote = Some(c);
            }
            b';' => return bad("only one expression is allowed (found ';')"),
            b'-' if b.get(i + 1) == Some(&b'-') => return bad("comments are not allowed"),
            b'/' if b.get(i + 1) == Some(&b'*') => return bad("comments are not allowed"),
            b'$' => return bad("'$' is not allowed; use ? placeholders"),
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return bad("unbalanced parentheses");
                }
            }
            b':' => {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                if next == b':' {
                    i += 2;
                    continue;
                }
                if prev != b':' && (next.is_ascii_alphabetic() || next == b'_') {
                    return bad("named placeholders are not supported; use ?");
                }
            }
            b'?' => {
                if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    return bad("numbered placeholders are not supported; use ?");
                }
                out.push_str(&frag[seg_start..i]);
                dialect.ph(&mut out, first + n);
                n += 1;
                seg_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if quote.is_some() {
        return bad("unterminated quote");
    }
    if depth != 0 {
        return bad("unbalanced parentheses");
    }
    if n != nparams {
        return Err(Error::InvalidInput(format!(
            "where clause {frag:?} has {n} placeholders but {nparams} values were given"
        )));
    }
    out.push_str(&frag[seg_start..]);
    out.push(')');
    Ok(out)
}

/// Check an `order_by` list (`"name"`, `"year desc, name"`) against the schema and write it
/// with quoted identifiers. Anything but known columns, `ASC`/`DESC` and
/// `NULLS FIRST`/`NULLS LAST` is refused.
pub(crate) fn translate_order_by(spec: &str, schema: &Schema) -> Result<String> {
    let mut out = String::new();
    for (k, item) in spec.split(',').enumerate() {
        let toks: Vec<&str> = item.split_whitespace().collect();
        let Some((col, rest)) = toks.split_first() else {
            return Err(Error::InvalidInput(format!(
                "order_by {spec:?}: empty item"
            )));
        };
        let name = col
            .strip_prefix('"')
            .and_then(|c| c.strip_suffix('"'))
            .unwrap_or(col);
        if schema.column_index(name).is_none() {
            return Err(Error::InvalidInput(format!(
                "order_by {spec:?}: {name:?} is not a column of {}",
                schema.name
            )));
        }
        if k > 0 {
            out.push_str(", ");
        }
        push_ident(&mut out, name);
        let rest: Vec<String> = rest.iter().map(|t| t.to_ascii_uppercase()).collect();
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        let tail = match rest.as_slice() {
            [] => "",
            ["ASC"] => " ASC",
            ["DESC"] => " DESC",
            ["NULLS", "FIRST"] => " NULLS FIRST",
            ["NULLS", "LAST"] => " NULLS LAST",
            ["ASC", "NULLS", "FIRST"] => " ASC NULLS FIRST",
            ["ASC", "NULLS", "LAST"] => " ASC NULLS LAST",
            ["DESC", "NULLS", "FIRST"] => " DESC NULLS FIRST",
            ["DESC", "NULLS", "LAST"] => " DESC NULLS LAST",
            _ => {
                return Err(Error::InvalidInput(format!(
                    "order_by {spec:?}: expected `column [ASC|DESC] [NULLS FIRST|LAST]`"
                )));
            }
        };
        out.push_str(tail);
    }
    Ok(out)
}

/// CREATE TABLE text for a schema.
pub(crate) fn create_table(schema: &Schema, dialect: Dialect, if_not_exists: bool) -> String {
    let mut s = String::from("CREATE TABLE ");
    if if_not_exists {
        s.push_str("IF NOT EXISTS ");
    }
    push_ident(&mut s, &schema.name);
    s.push_str(" (\n");
    let auto = schema.auto_id();
    for (i, c) in schema.columns.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push_str("   ");
        push_ident(&mut s, &c.name);
        s.push(' ');
        let is_pk = schema.pk.contains(&i);
        if auto && is_pk {
            match dialect {
                Dialect::Sqlite => s.push_str("INTEGER PRIMARY KEY AUTOINCREMENT"),
                Dialect::Postgres => {
                    s.push_str("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                }
            }
            continue;
        }
        s.push_str(dialect.type_name(c.ty));
        column_constraints(&mut s, c, is_pk, schema.pk.len() == 1, dialect);
    }
    if schema.pk.len() > 1 {
        s.push_str(",\n   PRIMARY KEY (");
        for (k, i) in schema.pk.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            push_ident(&mut s, &schema.columns[*i].name);
        }
        s.push(')');
    }
    s.push_str("\n)");
    s
}

fn column_constraints(
    s: &mut String,
    c: &crate::Column,
    is_pk: bool,
    single_pk: bool,
    dialect: Dialect,
) {
    if is_pk {
        s.push_str(" NOT NULL");
        if single_pk {
            s.push_str(" PRIMARY KEY");
        }
    } else if !c.nullable {
        s.push_str(" NOT NULL");
        if c.zero_default {
            s.push_str(" DEFAULT ");
            s.push_str(c.ty.zero_default(dialect));
        }
    }
}

/// `ALTER TABLE .. ADD COLUMN ..` for a column missing from an existing table.
pub(crate) fn add_column(table: &str, c: &crate::Column, dialect: Dialect) -> String {
    let mut s = String::from("ALTER TABLE ");
    push_ident(&mut s, table);
    s.push_str(" ADD COLUMN ");
    push_ident(&mut s, &c.name);
    s.push(' ');
    s.push_str(dialect.type_name(c.ty));
    if !c.nullable && c.zero_default {
        column_constraints(&mut s, c, false, false, dialect);
    }
    s
}
