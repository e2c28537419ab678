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
        ft_tags::markup::write_text(&mut dest, s)
    }
}

impl Escaper for AttrEscaper {
    #[inline]
    fn write_escaped<W: fmt::Write>(&self, mut dest: W, s: &str) -> fmt::Result {
        ft_tags::markup::write_attr_chars(&mut dest, s, self.quote == '\'')
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

/// Escapes text into `out` (infallible for a `String`).
#[inline]
pub fn text(out: &mut String, s: &str) {
    ft_tags::markup::escape_text(out, s);
}

/// Writes ` name=value` with FastHTML's quoting rule: `"` unless the value holds `"`,
/// then `'` with any `'` inside written as `&#39;`.
#[inline]
pub fn attr_value(out: &mut String, s: &str) {
    ft_tags::markup::attr_value(out, s);
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

/// What a run-time `hx-vals`/`hx-headers` value that htmx would evaluate is replaced with:
/// no values.
pub const BLOCKED_VALS: &str = "{}";

/// The inert value a run-time attribute value is replaced with when it could run script: a
/// script URL in a URL attribute ([`is_safe_url`]), or a `js:`/`javascript:` prefix in
/// `hx-vals`, `hx-headers` or `hx-request`, which htmx evaluates as JavaScript. Names match
/// in any case, as browsers read them. `None` keeps the value.
pub fn unsafe_value_replacement(name: &str, value: &str) -> Option<&'static str> {
    let lower;
    let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = name.to_ascii_lowercase();
        lower.as_str()
    } else {
        name
    };
    let name = name.strip_prefix("data-").unwrap_or(name);
    if is_url_attr(name) {
        return (!is_safe_url(value)).then_some(BLOCKED_URL);
    }
    if matches!(name, "hx-vals" | "hx-headers" | "hx-request") && is_script_prefixed(value) {
        return Some(BLOCKED_VALS);
    }
    None
}

/// Starts with `js:` or `javascript:` once trimmed as htmx trims (any case, so a later
/// htmx that ignores case is covered too).
fn is_script_prefixed(value: &str) -> bool {
    let v = value
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .as_bytes();
    let starts = |p: &[u8]| v.len() >= p.len() && v[..p.len()].eq_ignore_ascii_case(p);
    starts(b"js:") || starts(b"javascript:")
}

/// `false` for URLs with a script-running scheme (`javascript:`, `vbscript:`) or a `data:`
/// URL that is not an image. Browsers ignore leading control characters and spaces, and tabs
/// or newlines inside the scheme, so this does too.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed = url.trim_start_matches(|c: char| c <= ' ');
    // The scheme, lower-cased, in a small buffer (no allocation per rendered URL).
    let mut scheme = [0u8; 17];
    let mut n = 0;
    for c in trimmed.bytes() {
        match c {
            b':' => break,
            b'\t' | b'\n' | b'\r' => continue,
            b'/' | b'?' | b'#' => return true,
            _ if n >= 17 => return true,
            c => {
                scheme[n] = c.to_ascii_lowercase();
                n += 1;
            }
        }
    }
    if !trimmed.contains(':') {
        return true;
    }
    match &scheme[..n] {
        b"javascript" | b"vbscript" => false,
        b"data" => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn askama_escapers_write_what_the_renderer_writes() {
        let s = "it's <b>\"x\" & y</b>";
        let mut text = String::new();
        TextEscaper.write_escaped(&mut text, s).unwrap();
        let mut rendered = String::new();
        super::text(&mut rendered, s);
        assert_eq!(text, rendered);
        assert_eq!(text, "it's &lt;b&gt;\"x\" &amp; y&lt;/b&gt;");
        let mut single = String::new();
        AttrEscaper { quote: '\'' }
            .write_escaped(&mut single, s)
            .unwrap();
        assert_eq!(single, "it&#39;s &lt;b&gt;\"x\" &amp; y&lt;/b&gt;");
        let mut quoted = String::new();
        attr_value(&mut quoted, s);
        assert_eq!(quoted, format!("'{single}'"));
        let mut double = String::new();
        AttrEscaper { quote: '"' }
            .write_escaped(&mut double, "a'b<")
            .unwrap();
        assert_eq!(double, "a'b&lt;");
    }

    fn naive(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    #[test]
    fn text_escaping_matches_the_plain_definition() {
        // Both escaping paths (short: byte by byte; long: by runs), the 8-byte check at
        // every alignment, all-special input, non-ASCII around the special bytes.
        let mut samples: Vec<String> = vec![
            String::new(),
            "&".into(),
            "<>&".repeat(100),
            "é&ü<ß>€".into(),
            "plain text without anything".into(),
        ];
        for n in [1, 7, 8, 9, 15, 16, 17, 255, 256, 257, 600] {
            for at in [0, n / 2, n - 1] {
                for c in ['&', '<', '>', 'x'] {
                    let mut s: Vec<char> = "a".repeat(n).chars().collect();
                    s[at] = c;
                    samples.push(s.into_iter().collect());
                }
            }
        }
        for s in &samples {
            let mut out = String::from("pre");
            text(&mut out, s);
            assert_eq!(out, format!("pre{}", naive(s)), "{s:?}");
        }
    }
}
