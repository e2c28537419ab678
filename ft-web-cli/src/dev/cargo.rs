//! Running `cargo build` for `ft dev` and reading its JSON messages: the executable it
//! produced, and on failure the compiler's first error for the browser.
//!
//! Cargo runs with `--message-format=json-diagnostic-rendered-ansi`: every compiler message is
//! a line of JSON on stdout whose `rendered` field is the text rustc would have printed (with
//! its colours). The runner prints those texts to the terminal, so it shows what `cargo
//! build` shows, and keeps the first error's text. Cargo's own messages (progress, "could not
//! compile") still go straight to the terminal. No JSON crate: cargo writes one compact
//! object per line and the few fields read here are found by name (see [`json_str_field`]).

use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// What a build gave.
#[derive(Debug, PartialEq)]
pub(crate) enum Built {
    /// The executable, and whether cargo left it as it was (`"fresh": true`: nothing it is
    /// made of changed).
    Ok { exe: PathBuf, fresh: bool },
    /// The build failed: the first error's text (ANSI codes stripped) for the browser.
    Failed { first_error: String },
    /// The build worked but made no executable, or cargo could not run.
    Unusable(String),
}

/// The compiler messages of one build, read line by line from cargo's stdout.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    exe: Option<(PathBuf, bool)>,
    first_error: Option<String>,
    errors: usize,
}

impl Messages {
    /// Takes one line of cargo's output; returns the text to show in the terminal, if any.
    pub(crate) fn line(&mut self, line: &str) -> Option<String> {
        if line.contains("\"reason\":\"compiler-artifact\"") {
            if let Some(path) = json_str_field(line, "executable") {
                let fresh = line.contains("\"fresh\":true");
                self.exe = Some((PathBuf::from(path), fresh));
            }
            return None;
        }
        if !line.contains("\"reason\":\"compiler-message\"") {
            return None;
        }
        // The diagnostic's own `level` comes before its children's, and only the diagnostic
        // itself has a `rendered` string (the children's are null).
        let rendered = json_str_field(line, "rendered")?;
        if json_str_field(line, "level").as_deref() == Some("error") {
            let plain = strip_ansi(&rendered);
            // rustc's closing "aborting due to N previous errors" is not an error of its own.
            if !plain.starts_with("error: aborting due to") {
                self.errors += 1;
                if self.first_error.is_none() {
                    self.first_error = Some(plain.trim_end().to_string());
                }
            }
        }
        Some(rendered)
    }

    /// What the build gave, given whether cargo succeeded.
    pub(crate) fn finish(self, success: bool) -> Built {
        if !success {
            let first_error = match self.first_error {
                Some(first) if self.errors > 1 => format!(
                    "{first}\n\n... and {} more error{} (see the terminal)",
                    self.errors - 1,
                    if self.errors == 2 { "" } else { "s" }
                ),
                Some(first) => first,
                None => CARGO_FAILED.to_string(),
            };
            return Built::Failed { first_error };
        }
        match self.exe {
            Some((exe, fresh)) => Built::Ok { exe, fresh },
            None => Built::Unusable(
                "the build produced no executable: pass `--bin NAME` or `--example NAME`".into(),
            ),
        }
    }
}

/// A failed build's "first error" when cargo itself refused (a missing feature, a bad
/// manifest) and the compiler said nothing.
pub(crate) const CARGO_FAILED: &str = "the build failed: cargo's message is in the terminal";

/// `cargo build ARGS`, its compiler messages printed as cargo would print them.
pub(crate) fn build(args: &[String]) -> Built {
    let mut child = match Command::new(cargo())
        .arg("build")
        .arg("--message-format=json-diagnostic-rendered-ansi")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Built::Unusable(format!("cannot run cargo: {e}")),
    };
    let colour = std::io::stderr().is_terminal();
    let mut messages = Messages::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(text) = messages.line(&line) {
                let text = if colour { text } else { strip_ansi(&text) };
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(text.as_bytes());
                if !text.ends_with('\n') {
                    let _ = err.write_all(b"\n");
                }
            }
        }
    }
    match child.wait() {
        Ok(status) => messages.finish(status.success()),
        Err(e) => Built::Unusable(format!("cargo: {e}")),
    }
}

/// `text` without ANSI escape sequences (colours, bold: `ESC [ ... letter`, and `ESC ] ...`
/// titles and links ended by BEL or `ESC \`).
pub(crate) fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            // A two-character escape (`ESC (B` and the like take one more).
            Some('(' | ')') => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

/// The value of the first `"key":"..."` string field in one line of JSON (cargo's messages are
/// one compact object per line). An escaped quote inside a string reads `\"`, so the pattern
/// never matches inside a string value.
pub(crate) fn json_str_field(line: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\":\"");
    let start = line.find(&pat)? + pat.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let unit = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cargo's output for a real failing build (`cargo build
    /// --message-format=json-diagnostic-rendered-ansi`, rustc 1.95, a binary with two type
    /// errors), after the warning line of the same program's earlier, good build (rustc
    /// reports no lints once type checking failed).
    const FAILING: &str = include_str!("testdata/failing-build.jsonl");

    #[test]
    fn reads_cargo_json() {
        let line = r#"{"reason":"compiler-artifact","package_id":"x","executable":"/t/a \"b\"\\c\u00e9","fresh":false}"#;
        assert_eq!(
            json_str_field(line, "executable").as_deref(),
            Some("/t/a \"b\"\\cé")
        );
        assert_eq!(json_str_field(r#"{"executable":null}"#, "executable"), None);
    }

    #[test]
    fn strips_ansi() {
        assert_eq!(
            strip_ansi(
                "\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror[E0308]\u{1b}[0m\u{1b}[0m\u{1b}[1m: mismatched\u{1b}[0m"
            ),
            "error[E0308]: mismatched"
        );
        assert_eq!(
            strip_ansi("a\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(strip_ansi("plain <b>&</b>\n"), "plain <b>&</b>\n");
    }

    #[test]
    fn takes_the_first_error_of_a_failing_build() {
        let mut m = Messages::default();
        let shown: Vec<String> = FAILING.lines().filter_map(|l| m.line(l)).collect();
        // Every compiler message reaches the terminal: the warning, the errors, the summary.
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(shown[0].contains("unused variable"), "{shown:?}");
        assert!(shown[3].contains("rustc --explain E0308"), "{shown:?}");
        assert!(shown.iter().all(|t| !t.contains("\"reason\"")));
        let Built::Failed { first_error } = m.finish(false) else {
            panic!("a failed build");
        };
        assert!(
            first_error.starts_with("error[E0308]: mismatched types\n"),
            "{first_error}"
        );
        assert!(first_error.contains("src/main.rs:"), "{first_error}");
        assert!(!first_error.contains('\u{1b}'), "{first_error}");
        assert!(!first_error.contains("unused variable"), "{first_error}");
        assert!(
            first_error.ends_with("... and 1 more error (see the terminal)"),
            "{first_error}"
        );
    }

    #[test]
    fn a_good_build_gives_its_executable() {
        let mut m = Messages::default();
        let art = r#"{"reason":"compiler-artifact","package_id":"p","target":{"kind":["bin"]},"executable":"/t/debug/app","fresh":true}"#;
        assert_eq!(m.line(art), None);
        assert_eq!(
            m.line(r#"{"reason":"build-finished","success":true}"#),
            None
        );
        assert_eq!(
            m.finish(true),
            Built::Ok {
                exe: "/t/debug/app".into(),
                fresh: true
            }
        );
        let m = Messages::default();
        assert!(matches!(m.finish(true), Built::Unusable(_)));
        // A failure without compiler messages (a broken Cargo.toml) still says something.
        let Built::Failed { first_error } = Messages::default().finish(false) else {
            panic!("failed");
        };
        assert!(first_error.contains("terminal"));
    }
}
