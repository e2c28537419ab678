//! Rust string literals for text and attribute values (`rust_str`).

use std::fmt::Write as _;

/// Characters written as `\u{..}` escapes: invisible or confusable in source, and the
/// bidirectional controls rustc rejects in literals.
fn needs_unicode_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{a0}' | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}'
            | '\u{17b5}' | '\u{180e}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{206f}' | '\u{3000}' | '\u{3164}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A Rust string literal for `s`: a raw string when `s` has quotes, backslashes or line
/// breaks (and nothing that needs an escape), a plain escaped one otherwise.
pub fn rust_str(s: &str) -> String {
    let plain_ok = !s
        .chars()
        .any(|c| c != '\n' && c != '\t' && needs_unicode_escape(c));
    if plain_ok && s.contains(['"', '\\', '\n']) {
        let mut hashes = 1;
        // The literal ends at `"` followed by as many `#`: use one more than any run in `s`.
        for (i, _) in s.match_indices('"') {
            let run = s[i + 1..].bytes().take_while(|&b| b == b'#').count();
            hashes = hashes.max(run + 1);
        }
        let h = "#".repeat(hashes);
        return format!("r{h}\"{s}\"{h}");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_unicode_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(rust_str("a"), "\"a\"");
        assert_eq!(rust_str("say \"hi\""), "r#\"say \"hi\"\"#");
        assert_eq!(rust_str("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(rust_str("a\u{a0}b"), "\"a\\u{a0}b\"");
        assert_eq!(rust_str("x\r\ny"), "\"x\\r\\ny\"");
        assert_eq!(rust_str("\u{202e}"), "\"\\u{202e}\"");
    }
}
