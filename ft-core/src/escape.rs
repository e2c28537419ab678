//! Context-aware escaping. Each context has an [`askama_escape::Escaper`], so the escapers
//! plug into askama's `escape()`/`Escaped` API as well as into ft's renderer.
//!
//! The bytes written match FastHTML's (`&amp;`, `&lt;`, `&gt;`; quotes left alone in text;
//! attribute values quoted with `"`, or with `'` when they contain `"`), which askama's own
//! `Html` escaper (numeric entities, quotes escaped too) would not.

use askama_escape::Escaper;
use std::fmt;

/// Escapes text content: `&`, `<`, `>` (SPEC 1.29).
#[derive(Debug, Clone, Copy, Default)]
pub struct TextEscaper;

/// Escapes an attribute value for the quote character that will surround it (SPEC 1.23, 1.24).
#[derive(Debug, Clone, Copy)]
pub struct AttrEscaper {
    /// `"` or `'`.
    pub quote: char,
}

/// Writes the content of a raw-text element (`<script>`, `<style>`): nothing is escaped, but
/// a value can never end the element early: `</script`, `</style` and `<!--` are broken up
/// (`<\/script`, `<\!--`), which JavaScript and CSS read as the same string.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawTextEscaper;

impl Escaper for TextEscaper {
    #[inline]
    fn write_escaped<W: fmt::Write>(&self, mut dest: W, s: &str) -> fmt::Result {
        write_replacing(&mut dest, s, |b| match b {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            _ => None,
        })
    }
}

impl Escaper for AttrEscaper {
    #[inline]
    fn write_escaped<W: fmt::Write>(&self, mut dest: W, s: &str) -> fmt::Result {
        let single = self.quote == '\'';
        write_replacing(&mut dest, s, |b| match b {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'\'' if single => Some("&#39;"),
            _ => None,
        })
    }
}

impl Escaper for RawTextEscaper {
    fn write_escaped<W: fmt::Write>(&self, mut dest: W, s: &str) -> fmt::Result {
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
            let at = i + off;
            let rest = &bytes[at + 1..];
            let breaks = (rest.first() == Some(&b'/')
                && (starts_with_ci(&rest[1..], b"script") || starts_with_ci(&rest[1..], b"style")))
                || rest.starts_with(b"!--");
            if breaks {
                dest.write_str(&s[start..=at])?;
                dest.write_str("\\")?;
                start = at + 1;
            }
            i = at + 1;
        }
        dest.write_str(&s[start..])
    }
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Copies `s`, replacing the ASCII bytes `map` names; runs of plain bytes are written at once.
#[inline(always)]
fn write_replacing<W: fmt::Write>(
    dest: &mut W,
    s: &str,
    map: impl Fn(u8) -> Option<&'static str>,
) -> fmt::Result {
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if let Some(rep) = map(b) {
            dest.write_str(&s[start..i])?;
            dest.write_str(rep)?;
            start = i + 1;
        }
    }
    dest.write_str(&s[start..])
}

/// Does text content need escaping (holds `&`, `<` or `>`)?
#[inline]
pub(crate) fn needs_text_escape(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b'&' | b'<' | b'>'))
}

/// Escapes text into `out` (infallible for a `String`).
#[inline]
pub fn text(out: &mut String, s: &str) {
    if !needs_text_escape(s) {
        // Nothing to escape (most text): one copy, without a `memcpy` call when short.
        crate::render::push_short(out, s);
        return;
    }
    let _ = TextEscaper.write_escaped(&mut *out, s);
}

/// Writes ` name=value` with FastHTML's quoting rule: `"` unless the value holds `"`,
/// then `'` with any `'` inside written as `&#39;`.
#[inline]
pub fn attr_value(out: &mut String, s: &str) {
    let quote = if s.contains('"') { '\'' } else { '"' };
    out.push(quote);
    let _ = AttrEscaper { quote }.write_escaped(&mut *out, s);
    out.push(quote);
}

/// Writes the content of a `<script>`/`<style>` element.
#[inline]
pub fn raw_text(out: &mut String, s: &str) {
    let _ = RawTextEscaper.write_escaped(&mut *out, s);
}

/// Attributes whose value is a URL that a browser may navigate to or load.
pub fn is_url_attr(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "action"
            | "formaction"
            | "poster"
            | "cite"
            | "background"
            | "data"
            | "codebase"
            | "longdesc"
            | "manifest"
            | "ping"
            | "xlink:href"
            | "hx-get"
            | "hx-post"
            | "hx-put"
            | "hx-patch"
            | "hx-delete"
    )
}

/// What an unsafe URL is replaced with (an inert URL that names why).
pub const BLOCKED_URL: &str = "about:invalid#ft-unsafe-url";

/// `false` for URLs with a script-running scheme (`javascript:`, `vbscript:`) or a `data:`
/// URL that is not an image. Browsers ignore leading control characters and spaces, and tabs
/// or newlines inside the scheme, so this does too.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed = url.trim_start_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars() {
        match c {
            ':' => break,
            '\t' | '\n' | '\r' => continue,
            '/' | '?' | '#' => return true,
            _ if scheme.len() > 16 => return true,
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    if !trimmed.contains(':') {
        return true;
    }
    match scheme.as_str() {
        "javascript" | "vbscript" => false,
        "data" => {
            let lower = trimmed.to_ascii_lowercase();
            [
                "data:image/png",
                "data:image/gif",
                "data:image/jpeg",
                "data:image/webp",
                "data:image/avif",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
        }
        _ => true,
    }
}
