//! FastHTML's attribute-name mapping (SPEC 1B), shared by the macros (at compile time)
//! and by ft-html's run-time API, so both spell every name the same way.

/// Characters that mark a name as "already HTML": such names are passed through unchanged
/// (SPEC 1.12).
const PASS_THROUGH: &[char] = &[
    '@', '.', '-', '!', '~', ':', '[', ']', '(', ')', '{', '}', '$', '%', '^', '&', '*', '+', '=',
    '|', '/', '?', '<', '>', ',', '`',
];

/// Maps a Python/Rust-style keyword to its HTML attribute name, exactly as FastHTML's
/// component constructors do: everything is lower-cased first (SPEC 1.10), then `cls`/`klass`/`_class` -> `class`, `fr`/`_for` -> `for`,
/// `_at_x` -> `@x`, a bare `_` stays, names with HTML punctuation pass through, otherwise
/// strip leading underscores and turn every `_` into `-`.
/// A Rust raw identifier (`r#for`, `r#type`) loses its `r#`.
pub fn attr_name(name: &str) -> String {
    let lower = name.strip_prefix("r#").unwrap_or(name).to_lowercase();
    if lower.contains(PASS_THROUGH) {
        return lower;
    }
    match lower.as_str() {
        "cls" | "klass" | "_class" | "class" => return "class".into(),
        "fr" | "_for" | "for" => return "for".into(),
        "_" => return "_".into(),
        _ => {}
    }
    if let Some(rest) = lower.strip_prefix("_at_") {
        return format!("@{rest}");
    }
    lower.trim_start_matches('_').replace('_', "-")
}
