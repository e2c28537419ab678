//! Markup hot reload in the runner: the sources as the running app was built from them, and
//! what a save needs.
//!
//! When a build starts, the runner keeps the text of every watched `.rs` file ([`Built`]).
//! On a save, each changed file is compared with its built text by ft-template's
//! [`decide`], which expands the file's tag macro calls as the
//! compiler does: when every change is markup only (text, attribute values, static elements
//! inside compiled templates), the new descriptions go to the running app
//! ([`Plan::Markup`]) and no build runs; anything else (a Rust expression, a slot, control
//! flow, code outside the macros, another kind of file) is a rebuild, with the reason.

use super::channel::json_string;
use ft_template::hot::{Decision, Scan, Template, decide, scan};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The watched `.rs` files as the running app was built from them.
#[derive(Default)]
pub(crate) struct Built {
    text: HashMap<PathBuf, String>,
    /// Their scans, made on first need.
    scans: HashMap<PathBuf, Scan>,
    /// The files whose markup the running app has replaced (sent back to built markup when a
    /// later save returns them to it).
    patched: HashSet<PathBuf>,
}

/// What a save needs.
#[derive(Debug, PartialEq)]
pub(crate) enum Plan {
    /// Nothing that reaches the program changed.
    Nothing,
    /// Send each file's templates to the app (an empty list restores a file's built markup).
    Markup(Vec<(PathBuf, Vec<Template>)>),
    /// Build and restart, because of this.
    Rebuild(String),
}

impl Built {
    /// The `.rs` files under `roots` (as the runner watches them), read now: call when a build
    /// starts.
    pub(crate) fn snapshot(files: impl IntoIterator<Item = PathBuf>) -> Built {
        let text = files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
            .collect();
        Built {
            text,
            ..Built::default()
        }
    }

    /// Scans `paths` as built now, so that their next save only expands the calls it
    /// changed (the runner calls it with the files just saved, the likeliest to change next).
    pub(crate) fn warm(&mut self, paths: &[PathBuf]) {
        for p in paths {
            let _ = self.built_scan(p);
        }
    }

    /// What the saves of `changed` need, reading their current text from disk.
    pub(crate) fn plan(&mut self, changed: &[PathBuf]) -> Plan {
        let mut now = Vec::new();
        for path in changed {
            if path.is_dir() {
                return Plan::Rebuild(format!("{}/ came with sources", name(path)));
            }
            match std::fs::read_to_string(path) {
                Ok(text) => now.push((path.clone(), text)),
                Err(_) => return Plan::Rebuild(format!("{} was removed", path.display())),
            }
        }
        self.plan_texts(&now)
    }

    /// [`Built::plan`] with the files' current text given.
    pub(crate) fn plan_texts(&mut self, now: &[(PathBuf, String)]) -> Plan {
        let mut markup = Vec::new();
        for (path, text) in now {
            if path.extension().is_none_or(|e| e != "rs") {
                return Plan::Rebuild(format!("{} changed", name(path)));
            }
            let Some(built) = self.built_scan(path) else {
                return Plan::Rebuild(format!("{} is new", name(path)));
            };
            let saved = match scan(text) {
                Ok(s) => s,
                Err(e) => return Plan::Rebuild(format!("{} does not parse: {e}", name(path))),
            };
            match decide(built, &saved) {
                Decision::Rebuild(why) => return Plan::Rebuild(format!("{}: {why}", name(path))),
                Decision::Hot(templates) => markup.push((path.clone(), templates)),
                Decision::Unchanged if self.patched.contains(path) => {
                    markup.push((path.clone(), Vec::new()));
                }
                Decision::Unchanged => {}
            }
        }
        if markup.is_empty() {
            Plan::Nothing
        } else {
            Plan::Markup(markup)
        }
    }

    /// The app took `plan`'s markup.
    pub(crate) fn applied(&mut self, plan: &Plan) {
        if let Plan::Markup(files) = plan {
            for (path, templates) in files {
                if templates.is_empty() {
                    self.patched.remove(path);
                } else {
                    self.patched.insert(path.clone());
                }
            }
        }
    }

    fn built_scan(&mut self, path: &Path) -> Option<&Scan> {
        if !self.scans.contains_key(path) {
            let s = scan(self.text.get(path)?).ok()?;
            self.scans.insert(path.to_path_buf(), s);
        }
        self.scans.get(path)
    }
}

fn name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The dev channel's `markup` command for one file: JSON.
pub(crate) fn markup_json(file: &Path, templates: &[Template]) -> String {
    let list: Vec<String> = templates
        .iter()
        .map(|t| {
            format!(
                r#"{{"line":{},"col":{},"idx":{},"nodes":{}}}"#,
                t.line,
                t.col,
                t.idx,
                json_string(&t.nodes)
            )
        })
        .collect();
    format!(
        r#"{{"kind":"markup","file":{},"templates":[{}]}}"#,
        json_string(&file.to_string_lossy()),
        list.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = r#"
#[rt("/")]
fn index(name: String) -> Ft {
    Div!(H1!("Hello"), P!("Hi ", name), cls = "box")
}
"#;

    fn built(path: &str, text: &str) -> Built {
        let mut b = Built::default();
        b.text.insert(path.into(), text.into());
        b
    }

    #[test]
    fn markup_edits_are_sent_and_a_revert_restores_the_built_markup() {
        let mut b = built("src/main.rs", APP);
        let edited = APP.replace("Hello", "Welcome");
        let plan = b.plan_texts(&[("src/main.rs".into(), edited)]);
        let Plan::Markup(files) = &plan else {
            panic!("{plan:?}")
        };
        assert_eq!(files.len(), 1);
        assert!(files[0].1[0].nodes.contains("7:Welcome"));
        b.applied(&plan);
        // Saved back as built: the app must drop the replacement.
        let plan = b.plan_texts(&[("src/main.rs".into(), APP.into())]);
        assert_eq!(plan, Plan::Markup(vec![("src/main.rs".into(), Vec::new())]));
        b.applied(&plan);
        assert_eq!(
            b.plan_texts(&[("src/main.rs".into(), APP.into())]),
            Plan::Nothing
        );
    }

    #[test]
    fn code_edits_new_files_and_other_files_rebuild() {
        let mut b = built("src/main.rs", APP);
        let code = APP.replace("P!(\"Hi \", name)", "P!(\"Hi \", name.trim())");
        for (path, text, why) in [
            ("src/main.rs", code.as_str(), "not only markup"),
            ("src/other.rs", APP, "is new"),
            ("static/app.css", "body{}", "changed"),
            ("src/main.rs", "fn (", "does not parse"),
        ] {
            match b.plan_texts(&[(path.into(), text.into())]) {
                Plan::Rebuild(r) => assert!(r.contains(why), "{r}"),
                other => panic!("{path}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_command_is_json() {
        let t = Template {
            line: 3,
            col: 9,
            idx: 0,
            nodes: "T5:a\"b\\c".into(),
        };
        assert_eq!(
            markup_json(Path::new("/app/src/main.rs"), &[t]),
            r#"{"kind":"markup","file":"/app/src/main.rs","templates":[{"line":3,"col":9,"idx":0,"nodes":"T5:a\"b\\c"}]}"#
        );
    }
}
