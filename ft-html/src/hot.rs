//! Markup hot reload: compiled templates whose markup `ft dev` replaced while the app runs.
//!
//! In debug builds every compiled template knows where it was written ([`Site`]: the file,
//! and the line and column of the first token inside its macro call). When a saved file
//! only changes markup (text, attribute values, static elements; ft-template decides), `ft
//! dev` sends the edited templates' new descriptions to the app (ft-web's dev channel), which
//! hands them to [`apply`]; from then on those templates render, and read back, the new
//! description with the values the handler gives them. Release builds carry none of this:
//! templates have no site and [`apply`] refuses.
//!
//! ```
//! # use ft_html::hot;
//! // What `ft dev` sends for the template at line 12, column 8 of src/main.rs: `<p>Hi</p>`.
//! let r = hot::apply("/home/me/app/src/main.rs", &[(12, 8, 0, "On1:pT2:HiE")]);
//! // A debug build takes it (no template of this program was written there, so nothing
//! // renders differently); a release build refuses.
//! if cfg!(debug_assertions) {
//!     assert_eq!(r, Ok(1));
//! } else {
//!     assert!(r.is_err());
//! }
//! ```

use crate::tmpl::{Node, Step, Tmpl};

/// Where a compiled template was written (debug builds; the macros write it).
#[derive(Debug)]
#[doc(hidden)]
pub struct Site {
    /// `file!()` at the macro call: relative to the workspace or package root.
    pub file: &'static str,
    /// The calling package's directory (`CARGO_MANIFEST_DIR`, when Cargo built it): `file` is
    /// relative to it or to one of the directories above it.
    pub dir: Option<&'static str>,
    /// Line (from 1) and column (from 0) of the first token inside the call.
    pub line: u32,
    pub col: u32,
    /// Which of the call's templates.
    pub idx: u32,
}

/// The location the macros give a template: `Some(&Site)` in debug builds, `None` in release
/// builds (so these carry no locations).
#[cfg(debug_assertions)]
#[doc(hidden)]
#[macro_export]
macro_rules! __ft_site {
    ($line:literal, $col:literal, $idx:literal) => {
        ::core::option::Option::Some(&$crate::hot::Site {
            file: ::core::file!(),
            dir: ::core::option_env!("CARGO_MANIFEST_DIR"),
            line: $line,
            col: $col,
            idx: $idx,
        })
    };
}

/// The location the macros give a template: `None` in release builds.
#[cfg(not(debug_assertions))]
#[doc(hidden)]
#[macro_export]
macro_rules! __ft_site {
    ($line:literal, $col:literal, $idx:literal) => {
        ::core::option::Option::None
    };
}

/// Replaces the markup of the templates written in `file` (an absolute path, or one relative
/// to the app's workspace): each `(line, col, idx, description)` gives the template at that
/// location the description (`ft_tags::wire`); the file's templates not listed go back to
/// their built markup. Returns how many templates the list names; an invalid description
/// changes nothing and says why. A description that does not fit the template built there
/// (other slots, or another element for a template of the element itself: one made for
/// another build of the file) cannot be told here, before a template is rendered: it is
/// taken, and the template renders as built. Debug builds only.
pub fn apply(file: &str, templates: &[(u32, u32, u32, &str)]) -> Result<usize, String> {
    imp::apply(file, templates)
}

impl Tmpl {
    /// The replacement `ft dev` gave this template, if any.
    pub(crate) fn hot(&self) -> Option<&'static Hot> {
        #[cfg(debug_assertions)]
        {
            imp::find(self)
        }
        #[cfg(not(debug_assertions))]
        {
            None
        }
    }
}

/// A template's replacement description and its render steps.
pub(crate) struct Hot {
    pub(crate) nodes: &'static [Node],
    pub(crate) steps: &'static [Step],
    /// Whether it fits the template met at its site (that template's address, and the
    /// verdict): checked once, not on every render.
    #[cfg(debug_assertions)]
    fit: std::sync::OnceLock<(usize, bool)>,
}

#[cfg(not(debug_assertions))]
mod imp {
    pub(super) fn apply(_: &str, _: &[(u32, u32, u32, &str)]) -> Result<usize, String> {
        Err("markup hot reload needs a debug build".into())
    }
}

#[cfg(debug_assertions)]
mod imp {
    use super::{Hot, Node, Tmpl};
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{PoisonError, RwLock};

    /// (line, col, idx) to the files' replacements there.
    type Table = HashMap<(u32, u32, u32), Vec<(String, &'static Hot)>>;

    /// Set once anything was replaced: until then a render costs one load.
    static ANY: AtomicBool = AtomicBool::new(false);
    static TABLE: RwLock<Option<Table>> = RwLock::new(None);

    pub(super) fn find(t: &Tmpl) -> Option<&'static Hot> {
        if !ANY.load(Ordering::Acquire) {
            return None;
        }
        let site = t.site?;
        let table = TABLE.read().unwrap_or_else(PoisonError::into_inner);
        let list = table.as_ref()?.get(&(site.line, site.col, site.idx))?;
        list.iter()
            .find(|(file, _)| same_file(file, site.file, site.dir))
            .map(|(_, hot)| *hot)
            .filter(|hot| {
                let at = std::ptr::from_ref(t) as usize;
                match hot.fit.get() {
                    Some(&(seen, ok)) if seen == at => ok,
                    _ => {
                        let ok = fits(t, hot.nodes);
                        let _ = hot.fit.set((at, ok));
                        ok
                    }
                }
            })
    }

    /// Can `nodes` replace `t`'s description: do they use the slots the template's values
    /// fill, each as the built description does (a value, as a child or an attribute: the
    /// same value can be either, `format!(..)`; a loop of as many values per item, alike
    /// inside), and describe one element of the same tag when the template is whole? `ft dev`
    /// only sends such descriptions; one that does not fit (sent for another build of the
    /// file) is not used, so the values are never read as what they are not and the element
    /// keeps its own tag.
    fn fits(t: &Tmpl, nodes: &[Node]) -> bool {
        let (built, whole) = t.built();
        if whole && root(built).map(|n| n.name()) != root(nodes).map(|n| n.name()) {
            return false;
        }
        uses(built) == uses(nodes)
    }

    /// The tag of the one element `nodes` describe (opened first, closed last).
    fn root(nodes: &[Node]) -> Option<&'static crate::TagDesc> {
        let Some(Node::Open(d)) = nodes.first() else {
            return None;
        };
        let mut depth = 0usize;
        for (i, n) in nodes.iter().enumerate() {
            match n {
                Node::Open(_) => depth += 1,
                Node::Close => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return (i + 1 == nodes.len()).then_some(*d);
                    }
                }
                Node::Repeat { .. } if depth == 0 => return None,
                _ => {}
            }
        }
        None
    }

    /// How a description uses its slots, by slot (a loop's items with their own uses).
    #[derive(PartialEq, PartialOrd, Eq, Ord, Debug)]
    enum Use {
        Value(u16),
        Repeat(u16, u16, Vec<Use>),
    }

    fn uses(nodes: &[Node]) -> Vec<Use> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            match nodes[i] {
                Node::Child(s) | Node::AttrSlot(_, s) => out.push(Use::Value(s)),
                Node::Repeat { slot, width, len } => {
                    let body = ft_tags::markup::repeat_body(nodes, i, len);
                    out.push(Use::Repeat(slot, width, uses(body)));
                    i += body.len();
                }
                _ => {}
            }
            i += 1;
        }
        out.sort();
        out
    }

    /// `given` (from `ft dev`: absolute, or relative as `file!()` is) names the file `built`
    /// (`file!()`: relative to the workspace root, a directory at or above `dir`, the package's)?
    /// Without `dir`, any directory `built` is under.
    fn same_file(given: &str, built: &str, dir: Option<&str>) -> bool {
        let given = given.replace('\\', "/");
        let built = built.replace('\\', "/");
        if given == built {
            return true;
        }
        let Some(dir) = dir else {
            return given
                .strip_suffix(built.as_str())
                .is_some_and(|head| head.ends_with('/'));
        };
        // `given` is `built` under `dir` or a directory above it.
        let dir = dir.replace('\\', "/");
        let mut at = dir.trim_end_matches('/');
        loop {
            if given.strip_prefix(at).and_then(|r| r.strip_prefix('/')) == Some(built.as_str()) {
                return true;
            }
            match at.rfind('/') {
                Some(i) => at = &at[..i],
                None => return false,
            }
        }
    }

    pub(super) fn apply(file: &str, templates: &[(u32, u32, u32, &str)]) -> Result<usize, String> {
        // Decode everything first: a bad description changes nothing.
        let mut new = Vec::with_capacity(templates.len());
        for &(line, col, idx, text) in templates {
            // Replacements live as long as the process: `ft dev` sends a few per save.
            let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
            let ours = crate::tmpl::from_wire(text)
                .map_err(|e| format!("template at {line}:{col}: {e}"))?;
            let nodes: &'static [Node] = Box::leak(ours.into_boxed_slice());
            let steps = Box::leak(ft_tags::markup::compile(nodes).into_boxed_slice());
            let hot: &'static Hot = Box::leak(Box::new(Hot {
                nodes,
                steps,
                fit: std::sync::OnceLock::new(),
            }));
            new.push(((line, col, idx), hot));
        }
        let mut table = TABLE.write().unwrap_or_else(PoisonError::into_inner);
        let table = table.get_or_insert_with(HashMap::new);
        for list in table.values_mut() {
            list.retain(|(f, _)| f != file);
        }
        table.retain(|_, list| !list.is_empty());
        let n = new.len();
        for (key, hot) in new {
            table.entry(key).or_default().push((file.to_owned(), hot));
        }
        ANY.store(true, Ordering::Release);
        Ok(n)
    }

    #[cfg(test)]
    mod tests {
        use super::same_file;

        #[test]
        fn files_match_by_whole_path_components() {
            for dir in [None, Some("/home/me/app"), Some(r"C:\app")] {
                let ok = |given| same_file(given, "src/main.rs", dir);
                assert!(ok("src/main.rs"));
                assert!(ok("/home/me/app/src/main.rs") || dir == Some(r"C:\app"));
                assert!(ok(r"C:\app\src\main.rs") || dir == Some("/home/me/app"));
                assert!(!ok("/home/me/app/xsrc/main.rs"));
                assert!(!same_file("/home/me/app/src/main.rs", "src/lib.rs", dir));
            }
        }

        #[test]
        fn a_workspace_members_file_is_not_the_root_packages() {
            // The root package's `src/lib.rs` and the member `sub`'s (`sub/src/lib.rs`).
            let root = Some("/ws");
            let sub = Some("/ws/sub");
            assert!(same_file("/ws/src/lib.rs", "src/lib.rs", root));
            assert!(!same_file("/ws/sub/src/lib.rs", "src/lib.rs", root));
            assert!(same_file("/ws/sub/src/lib.rs", "sub/src/lib.rs", sub));
            assert!(!same_file("/ws/src/lib.rs", "sub/src/lib.rs", sub));
            assert!(!same_file(
                "/elsewhere/sub/src/lib.rs",
                "sub/src/lib.rs",
                sub
            ));
        }
    }
}
