//! Names in the output: the tag macro for a tag, and how an attribute name is written as a
//! macro key (idents, raw identifiers for Rust keywords, string keys).

use crate::names::attr_name;

/// The tag macro html2ft writes for an HTML tag name (any case), if there is one:
/// `"lineargradient"` -> `"LinearGradient"`, `"a"` -> `"TagA"`.
#[doc(hidden)]
pub fn tag_macro(tag: &str) -> Option<&'static str> {
    use crate::tag_list::{HTML, SVG, VOID};
    [HTML, VOID, SVG]
        .iter()
        .flat_map(|list| list.iter())
        .find(|(_, t)| t.eq_ignore_ascii_case(tag))
        .map(|(m, _)| *m)
}

/// Tags on which ft copies `id` into `name` (SPEC 1.55).
pub(super) fn auto_named(tag: &str) -> bool {
    crate::NAMED_TAGS.contains(&tag)
}

/// Rust's keywords (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// How an attribute is written in a macro call.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Key {
    /// `hx_get = ..`, `r#type = ..`
    Ident(String),
    /// `"@click" = ..`
    Str(String),
    /// No macro key maps to this name (`foo_bar`, `cls`): set after building.
    Verbatim,
    /// ft never renders this name (spaces, quotes, `=`, trailing `_`, ...): dropped.
    Dropped,
}

fn is_ascii_ident(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && s != "_"
}

/// Does ft render an attribute with this name? (Mirrors the renderer's check.)
fn renderable(name: &str) -> bool {
    !name.is_empty()
        && !name
            .bytes()
            .any(|b| b <= b' ' || matches!(b, b'"' | b'\'' | b'>' | b'/' | b'=' | b'<' | 0x7f))
        && (name == "_" || !name.ends_with('_'))
}

pub(super) fn attr_key(name: &str) -> Key {
    if !renderable(name) {
        return Key::Dropped;
    }
    match name {
        "class" => return Key::Ident("cls".into()),
        "for" => return Key::Ident("r#for".into()),
        _ => {}
    }
    let ident = name.replace('-', "_");
    if is_ascii_ident(&ident) && attr_name(&ident) == name {
        return match ident.as_str() {
            "crate" | "self" | "super" | "Self" => Key::Str(name.into()),
            k if KEYWORDS.contains(&k) => Key::Ident(format!("r#{k}")),
            _ => Key::Ident(ident),
        };
    }
    if attr_name(name) == name && !name.starts_with("r#") {
        Key::Str(name.into())
    } else {
        Key::Verbatim
    }
}

/// How an attribute of the element `tag` is written: as [`attr_key`], but a name the tag
/// macros' attribute check refuses as an identifier (`x-data`, `n1` on a `<div>`, an unknown
/// `hx-*`) is a string key, which is never checked, so the output compiles.
pub(super) fn attr_key_on(tag: &str, name: &str) -> Key {
    use crate::tag_list::{HTML, SVG, VOID};
    use ft_tags::attrs::{Htmx, accepts};
    let key = attr_key(name);
    if !matches!(key, Key::Ident(_)) || matches!(name, "class" | "for") {
        return key;
    }
    // The tag as the tag macros name it (SVG keeps its case: `linearGradient`).
    let tag = [HTML, VOID, SVG]
        .iter()
        .flat_map(|list| list.iter())
        .find(|(_, t)| t.eq_ignore_ascii_case(tag))
        .map_or(tag, |(_, t)| *t);
    if accepts(Some(tag), name, Htmx::BOTH) {
        key
    } else {
        Key::Str(name.into())
    }
}

/// Attributes whose empty value means "empty string", not "present": written `""`.
pub(super) const EMPTY_IS_STRING: &[&str] = &[
    "alt",
    "value",
    "placeholder",
    "content",
    "title",
    "label",
    "action",
    "href",
    "src",
    "srcdoc",
    "name",
    "id",
    "class",
    "style",
    "for",
    "hx-target",
    "hx-vals",
    "data",
    "lang",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(attr_key("class"), Key::Ident("cls".into()));
        assert_eq!(attr_key("for"), Key::Ident("r#for".into()));
        assert_eq!(attr_key("hx-get"), Key::Ident("hx_get".into()));
        assert_eq!(
            attr_key("hx-on--after-request"),
            Key::Ident("hx_on__after_request".into())
        );
        assert_eq!(attr_key("type"), Key::Ident("r#type".into()));
        assert_eq!(attr_key("async"), Key::Ident("r#async".into()));
        assert_eq!(attr_key("self"), Key::Str("self".into()));
        assert_eq!(attr_key("@click"), Key::Str("@click".into()));
        assert_eq!(
            attr_key("hx-on::after-request"),
            Key::Str("hx-on::after-request".into())
        );
        assert_eq!(attr_key("x-on:click"), Key::Str("x-on:click".into()));
        assert_eq!(attr_key("_"), Key::Str("_".into()));
        assert_eq!(attr_key("foo_bar"), Key::Verbatim);
        assert_eq!(attr_key("cls"), Key::Verbatim);
        assert_eq!(attr_key("-x"), Key::Str("-x".into()));
        assert_eq!(attr_key("a\"b"), Key::Dropped);
        assert_eq!(attr_key("x_"), Key::Dropped);
        // Names the tag macros' attribute check refuses are string keys.
        assert_eq!(attr_key_on("div", "x-data"), Key::Str("x-data".into()));
        assert_eq!(attr_key_on("div", "n1"), Key::Str("n1".into()));
        assert_eq!(attr_key_on("a", "href"), Key::Ident("href".into()));
        assert_eq!(attr_key_on("input", "type"), Key::Ident("r#type".into()));
        assert_eq!(attr_key_on("my-el", "n1"), Key::Ident("n1".into()));
        assert_eq!(attr_key_on("div", "hx-get"), Key::Ident("hx_get".into()));
    }
}
