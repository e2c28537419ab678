//! SQL text: identifier quoting, placeholders, and checks on the SQL fragments a caller may
//! pass (`where`, `order_by`). Values never enter SQL text; they are always bound.

use crate::{Error, Result, Schema, SqlType, Value};
use std::borrow::Cow;
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
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.0.iter().map(|(v, _)| v)
    }
    #[cfg(feature = "postgres")]
    pub fn typed(&self) -> impl Iterator<Item = (&Value, Option<SqlType>)> {
        self.0.iter().map(|(v, t)| (v, *t))
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

/// Rewrite the placeholders of a raw statement ([`crate::Database::q`],
/// [`crate::Database::execute`]) for the dialect, so that one statement text works on both
/// backends:
///
/// - `?` (positional) becomes `$1`, `$2`, .. on PostgreSQL and stays `?` on SQLite; their
///   number must equal `nparams`;
/// - `$n` and `?n` (numbered) are kept as numbered: `$n` on PostgreSQL, `?n` on SQLite;
/// - `??` is a literal `?` (PostgreSQL's jsonb `?`, `?|`, `?&` operators: `??`, `??|`, `??&`);
/// - a statement with both positional and numbered placeholders is refused.
///
/// String literals (`'..'`, PostgreSQL's `E'..'` with its backslash escapes and `$tag$..$tag$`
/// dollar quotes), quoted identifiers (`".."`; on SQLite also `` `..` `` and `[..]`) and
/// comments (`--`, `/* */`, nested on PostgreSQL) are copied unchanged. A statement without
/// `?` or `$` is returned as is.
pub(crate) fn translate_raw(sql: &str, dialect: Dialect, nparams: usize) -> Result<Cow<'_, str>> {
    let b = sql.as_bytes();
    if !b.iter().any(|&c| c == b'?' || c == b'$') {
        return Ok(Cow::Borrowed(sql));
    }
    let pg = dialect == Dialect::Postgres;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
    let mut out = String::with_capacity(sql.len() + 8);
    // `sql[seg..i]` is copied when something is replaced at `i`
    let mut seg = 0;
    let mut positional = 0usize;
    let mut numbered: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        match c {
            b'\'' => {
                // E'..' (PostgreSQL): a backslash escapes the next character
                let escapes = pg && (prev == b'e' || prev == b'E') && (i < 2 || !ident(b[i - 2]));
                i = skip_quoted(b, i, b'\'', escapes);
            }
            b'"' => i = skip_quoted(b, i, b'"', false),
            b'`' if !pg => i = skip_quoted(b, i, b'`', false),
            b'[' if !pg => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b']')
                    .map_or(b.len(), |k| i + k + 1)
            }
            b'-' if next == Some(b'-') => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| i + k + 1);
            }
            b'/' if next == Some(b'*') => i = skip_block_comment(b, i, pg),
            b'$' if ident(prev) => i += 1,
            b'$' if next.is_some_and(|c| c.is_ascii_digit()) => {
                // `$n`: numbered; `?n` on SQLite
                numbered.get_or_insert(i);
                if !pg {
                    out.push_str(&sql[seg..i]);
                    out.push('?');
                    seg = i + 1;
                }
                i += 1;
            }
            b'$' if pg => match dollar_tag(b, i) {
                Some(tag) => {
                    let body = i + tag.len();
                    i = find(&b[body..], tag).map_or(b.len(), |k| body + k + tag.len());
                }
                None => i += 1,
            },
            b'?' if next == Some(b'?') => {
                out.push_str(&sql[seg..i]);
                out.push('?');
                i += 2;
                seg = i;
            }
            b'?' if next.is_some_and(|c| c.is_ascii_digit()) => {
                numbered.get_or_insert(i);
                if pg {
                    out.push_str(&sql[seg..i]);
                    out.push('$');
                    seg = i + 1;
                }
                i += 1;
            }
            b'?' => {
                positional += 1;
                if pg {
                    out.push_str(&sql[seg..i]);
                    dialect.ph(&mut out, positional);
                    seg = i + 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if positional > 0 && numbered.is_some() {
        return Err(Error::InvalidInput(format!(
            "SQL {}: mixes `?` and numbered (`$1`, `?1`) placeholders; use one style \
             (a `?` that is not a placeholder, such as PostgreSQL's jsonb operator, is written `??`)",
            excerpt(sql)
        )));
    }
    if positional > 0 && positional != nparams {
        return Err(Error::InvalidInput(format!(
            "SQL {} has {positional} `?` placeholders but {nparams} values were given \
             (a `?` that is not a placeholder is written `??`)",
            excerpt(sql)
        )));
    }
    if seg == 0 {
        return Ok(Cow::Borrowed(sql));
    }
    out.push_str(&sql[seg..]);
    Ok(Cow::Owned(out))
}

/// The index after a quoted token starting at `i` (its quote doubled inside; with `escapes`,
/// also a backslash before any character), or the end when it is not closed.
fn skip_quoted(b: &[u8], i: usize, q: u8, escapes: bool) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if escapes => j += 2,
            c if c == q => {
                if b.get(j + 1) == Some(&q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            }
            _ => j += 1,
        }
    }
    b.len()
}

/// The index after a `/* */` comment starting at `i` (nested on PostgreSQL).
fn skip_block_comment(b: &[u8], i: usize, nested: bool) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < b.len() {
        match (b[j], b[j + 1]) {
            (b'/', b'*') if depth == 0 || nested => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return j;
                }
            }
            _ => j += 1,
        }
    }
    b.len()
}

/// A PostgreSQL dollar-quote opening at `i`: `$$` or `$tag$` (a tag is an identifier without `$`).
fn dollar_tag(b: &[u8], i: usize) -> Option<&[u8]> {
    let mut j = i + 1;
    while j < b.len() {
        let c = b[j];
        if c == b'$' {
            return Some(&b[i..=j]);
        }
        let ok =
            c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 || (j > i + 1 && c.is_ascii_digit());
        if !ok {
            return None;
        }
        j += 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The start of a statement, for an error message.
fn excerpt(sql: &str) -> String {
    let mut end = sql.len().min(80);
    while !sql.is_char_boundary(end) {
        end -= 1;
    }
    if end < sql.len() {
        format!("{:?}..", &sql[..end])
    } else {
        format!("{sql:?}")
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use Dialect::{Postgres as Pg, Sqlite};

    fn pg(sql: &str, n: usize) -> String {
        translate_raw(sql, Pg, n).expect("rewritten").into_owned()
    }
    fn lite(sql: &str, n: usize) -> String {
        translate_raw(sql, Sqlite, n)
            .expect("rewritten")
            .into_owned()
    }
    fn refused(sql: &str, n: usize, d: Dialect) -> String {
        match translate_raw(sql, d, n) {
            Err(Error::InvalidInput(m)) => m,
            other => panic!("{sql:?} on {d:?}: expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn positional_placeholders_are_numbered_on_postgres_only() {
        assert_eq!(pg("a = ? AND b = ?", 2), "a = $1 AND b = $2");
        assert_eq!(lite("a = ? AND b = ?", 2), "a = ? AND b = ?");
        assert_eq!(pg("x=?::int", 1), "x=$1::int");
        assert_eq!(pg("select (?)", 1), "select ($1)");
        assert!(matches!(
            translate_raw("select 1", Pg, 0),
            Ok(Cow::Borrowed(_))
        ));
        assert!(matches!(
            translate_raw("select ?", Sqlite, 1),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn question_marks_in_literals_identifiers_and_comments_stay() {
        let sql = r#"select '?', 'it''s ?', "we?""ird", ? -- why?
            /* what? */ from t where a = ?"#;
        let want = r#"select '?', 'it''s ?', "we?""ird", $1 -- why?
            /* what? */ from t where a = $2"#;
        assert_eq!(pg(sql, 2), want);
        assert_eq!(lite(sql, 2), sql);
        // E'' strings: a backslash escapes the quote (PostgreSQL)
        assert_eq!(pg(r"select E'a\'?', ?", 1), r"select E'a\'?', $1");
        // in a standard string a backslash is an ordinary character
        assert_eq!(pg(r"select 'a\', ?", 1), r"select 'a\', $1");
        // dollar quotes and nested comments (PostgreSQL)
        assert_eq!(
            pg("select $$?$$, $f$ '?' $f$, ?", 1),
            "select $$?$$, $f$ '?' $f$, $1"
        );
        assert_eq!(
            pg("/* a /* ? */ ? */ select ?", 1),
            "/* a /* ? */ ? */ select $1"
        );
        // SQLite: `..` and [..] identifiers, comments do not nest
        assert_eq!(
            lite("select `a?`, [b?] from t where c = $1", 1),
            "select `a?`, [b?] from t where c = ?1"
        );
        assert!(refused("/* a /* ? */ ? */ select 1", 0, Sqlite).contains("1 `?` placeholders"));
    }

    #[test]
    fn numbered_placeholders_pass_through_on_postgres_and_become_numbered_on_sqlite() {
        let sql = "update t set a = $2 where id = $1";
        assert!(matches!(translate_raw(sql, Pg, 2), Ok(Cow::Borrowed(_))));
        assert_eq!(lite(sql, 2), "update t set a = ?2 where id = ?1");
        assert_eq!(pg("select ?2, ?1", 2), "select $2, $1");
        assert_eq!(lite("select ?2, ?1", 2), "select ?2, ?1");
        // `$` inside an identifier is not a placeholder
        assert_eq!(
            pg("select a$1 from t where b = ?", 1),
            "select a$1 from t where b = $1"
        );
    }

    #[test]
    fn mixing_styles_is_refused() {
        for d in [Pg, Sqlite] {
            assert!(refused("select ? + $1", 1, d).contains("mixes"));
            assert!(refused("select ?1 + ?", 2, d).contains("mixes"));
        }
        // a `?` in a literal next to `$1` is not a mix
        assert_eq!(pg("select '?', $1", 1), "select '?', $1");
    }

    #[test]
    fn double_question_mark_is_a_literal_question_mark() {
        assert_eq!(
            pg("select '{\"a\":1}'::jsonb ?? 'a', ?", 1),
            "select '{\"a\":1}'::jsonb ? 'a', $1"
        );
        assert_eq!(
            pg("select j ??| array['a'] from t where id = $1", 1),
            "select j ?| array['a'] from t where id = $1"
        );
        assert_eq!(lite("select ??", 0), "select ?");
    }

    #[test]
    fn the_count_of_positional_placeholders_must_match() {
        for d in [Pg, Sqlite] {
            assert!(refused("select ?, ?", 1, d).contains("2 `?` placeholders but 1"));
            assert!(refused("select ?", 2, d).contains("1 `?` placeholders but 2"));
        }
    }

    #[test]
    fn unterminated_tokens_and_unicode_do_not_panic() {
        for sql in [
            "select '?",
            "select \"?",
            "select $$ ?",
            "select /* ?",
            "select E'\\",
            "é?ü$",
            "$",
            "?",
            "$é$ ? $é$",
        ] {
            let _ = translate_raw(sql, Pg, 1);
            let _ = translate_raw(sql, Sqlite, 1);
        }
        assert_eq!(pg("select 'é', ?", 1), "select 'é', $1");
        assert_eq!(pg("select $é$?$é$, ?", 1), "select $é$?$é$, $1");
    }
}
