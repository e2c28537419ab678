//! Identifier case conversion as fastcore writes it (`to_camel`, `to_kebab`), for `HtmxOn`.

/// Splits an identifier into words like fastcore's `id_words`: at `-`, `_`, space and `:`
/// (runs give empty words) and at case boundaries.
fn id_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in s.split(['-', '_', ' ', ':']) {
        let cs: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in cs.iter().enumerate() {
            if i > 0 {
                let p = cs[i - 1];
                let lower_digit = p.is_ascii_lowercase() || p.is_ascii_digit();
                let split = (lower_digit && c.is_ascii_uppercase())
                    || (p.is_ascii_uppercase()
                        && c.is_ascii_uppercase()
                        && cs.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
                if split {
                    words.push(std::mem::take(&mut cur));
                }
            }
            cur.push(c);
        }
        words.push(cur);
    }
    words
}

/// Python's `str.title()`.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut prev_cased = false;
    for c in w.chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

/// Python's `str.isupper()`.
fn is_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// `camelCase` as fastcore's `to_camel` writes it.
pub(super) fn to_camel(s: &str) -> String {
    let ws = id_words(s);
    let mut out = ws[0].to_lowercase();
    for w in &ws[1..] {
        if is_upper(w) {
            out.push_str(w);
        } else {
            out.push_str(&title_case(w));
        }
    }
    out
}

/// `kebab-case` as fastcore's `to_kebab` writes it.
pub(super) fn to_kebab(s: &str) -> String {
    id_words(s)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}
