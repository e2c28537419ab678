//! Template formatting: Python's `str.format` with named fields, `loose_format` (braces of
//! CSS and JS left alone) and `replace_css_vars`.

use std::fmt;

/// Python's `str.format` with named fields only: `{{`/`}}` are braces, `{name}` (with any
/// `!conv`/`:spec`, which are ignored) is replaced when `lookup` knows the name, and anything
/// else is kept as written.
pub(super) fn py_format(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(r) = tail.strip_prefix("{{") {
            out.push('{');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("}}") {
            out.push('}');
            rest = r;
        } else if let Some(inner) = tail.strip_prefix('{') {
            match inner.find(['{', '}']) {
                Some(j) if inner.as_bytes()[j] == b'}' => {
                    let field = &inner[..j];
                    let name = field.split(['!', ':']).next().unwrap_or(field);
                    match lookup(name) {
                        Some(v) if !name.is_empty() => out.push_str(&v),
                        _ => out.push_str(&tail[..j + 2]),
                    }
                    rest = &inner[j + 1..];
                }
                _ => {
                    out.push('{');
                    rest = inner;
                }
            }
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Characters next to which a brace is CSS/JS, not a template field.
fn brace_ctx(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | ';' | '\'' | '"' | '\x1c'..='\x1f')
}

/// FastHTML's `double_braces`: `{` before whitespace/`:;'"`/end, and `}` after them or at the
/// start, are doubled.
fn double_braces(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        out.push(c);
        if c == '{' && it.peek().is_none_or(|&n| brace_ctx(n)) {
            out.push('{');
        }
        if c == '}' && prev.is_none_or(brace_ctx) {
            out.push('}');
        }
        prev = Some(c);
    }
    out
}

/// FastHTML's `undouble_braces`: the inverse of [`double_braces`] on its output.
fn undouble_braces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut first = true;
    while i < s.len() {
        let tail = &s[i..];
        if first && tail.starts_with("}}") {
            out.push('}');
            i += 2;
            first = false;
            continue;
        }
        first = false;
        if tail.starts_with("{{") && tail[2..].chars().next().is_none_or(brace_ctx) {
            out.push('{');
            i += 2;
            continue;
        }
        let Some(c) = tail.chars().next() else { break };
        out.push(c);
        i += c.len_utf8();
        if brace_ctx(c) && s[i..].starts_with("}}") {
            out.push('}');
            i += 2;
        }
    }
    out
}

/// `loose_format(s, kw)`: replaces `{name}` fields with the given values while leaving braces
/// next to whitespace or `:;'"` (CSS and JS blocks) alone; with no values `s` is returned as
/// it is (SPEC 1.86).
///
/// Deliberate difference: a template Python would reject (a lone `}`, an empty `{}`) is kept
/// in the output instead of raising; format specs (`{x:>3}`) are ignored.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     loose_format("function f() { return {x}; } .a { color: {c}; }", &[("x", &1), ("c", &"red")]),
///     "function f() { return 1; } .a { color: red; }"
/// );
/// ```
pub fn loose_format(s: &str, kw: &[(&str, &dyn fmt::Display)]) -> String {
    if kw.is_empty() {
        return s.to_owned();
    }
    let lookup = |name: &str| {
        kw.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    undouble_braces(&py_format(&double_braces(s), &lookup))
}

/// `replace_css_vars(css, kw)`: replaces `var(--tpl-NAME)` by the value of `NAME` (hyphens
/// read as underscores) when given; other `var(..)` stay.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     replace_css_vars("a { color: var(--tpl-main-color); b: var(--other); }", &[("main_color", &"red")]),
///     "a { color: red; b: var(--other); }"
/// );
/// ```
pub fn replace_css_vars(css: &str, kw: &[(&str, &dyn fmt::Display)]) -> String {
    const PRE: &str = "var(--tpl-";
    if kw.is_empty() {
        return css.to_owned();
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find(PRE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + PRE.len()..];
        let len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let value = (len > 0 && after[len..].starts_with(')'))
            .then(|| name.replace('-', "_"))
            .and_then(|n| kw.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string()));
        match value {
            Some(v) => {
                out.push_str(&v);
                rest = &after[len + 1..];
            }
            None => {
                out.push_str(PRE);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
