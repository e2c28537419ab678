//! Classes of tags that decide how an element is built, rendered or read back. Each class is
//! written once, here: ft-macros (compile time), ft-html (run time, html2ft) and ft-web read
//! it, so a tag never renders one way and compiles or parses another.

/// Elements ft writes without an end tag, and whose tag macros take no children: HTML's void
/// elements plus FastHTML's extras (`!doctype`, and the obsolete `command`, `keygen`,
/// `param`) (SPEC 1.3).
pub const VOID: &[&str] = &[
    "!doctype", "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Obsolete elements a browser's parser still closes at once although ft never writes them
/// void: html2ft reads markup as a browser does, so these and [`VOID`] end where they start.
pub const OBSOLETE_VOID: &[&str] = &["basefont", "bgsound", "frame"];

/// Elements whose content is raw text: never escaped (ft only breaks up a closing tag in it)
/// and never compiled into a template by the tag macros.
pub const RAW_TEXT: &[&str] = &["script", "style"];

/// Tags on which `id = x` also sets `name = x` unless a name is given (FastHTML's
/// auto-name, SPEC 1.55).
pub const AUTO_NAME: &[&str] = &[
    "a", "button", "form", "frame", "iframe", "img", "input", "map", "meta", "object", "param",
    "select", "textarea",
];

/// Tags that start on a line of their own in the indented form (`to_xml`, FastHTML's block
/// list, SPEC 1.62); every other tag stays inline.
pub const BLOCK: &[&str] = &[
    "!doctype",
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "html",
    "input",
    "li",
    "link",
    "meta",
    "nav",
    "ol",
    "p",
    "script",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Tags whose subtree is never re-indented, because whitespace in it shows (SPEC 1.64).
pub const WS_SIGNIFICANT: &[&str] = &["pre", "code", "textarea", "script"];

/// Obsolete elements whose text a browser also keeps exactly; html2ft keeps theirs, with
/// [`WS_SIGNIFICANT`] and [`RAW_TEXT`].
pub const OBSOLETE_PREFORMATTED: &[&str] = &["plaintext", "listing", "xmp"];

/// Tags a full page moves from the handler's top-level content into `<head>`, as FastHTML
/// does.
pub const HEAD: &[&str] = &["title", "meta", "link", "style", "base"];

/// The attributes `A!` sets first (FastHTML's `A`): a link that goes nowhere by default, for
/// htmx to act on. A value given for one of them replaces it in place.
pub const A_PRESET: &[(&str, &str)] = &[("href", "#")];

/// The attributes `Form!` sets first (FastHTML's `Form`): file uploads work by default.
pub const FORM_PRESET: &[(&str, &str)] = &[("enctype", "multipart/form-data")];

/// Is `name` in `class`? A `const fn`, so tag descriptors can be built at compile time.
pub const fn contains(class: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < class.len() {
        if bytes_eq(class[i].as_bytes(), name.as_bytes()) {
            return true;
        }
        i += 1;
    }
    false
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag_list;

    /// The void elements of the HTML standard (§13.1.2).
    const STANDARD_VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];

    fn sorted(class: &[&'static str]) -> Vec<&'static str> {
        let mut v = class.to_vec();
        v.sort_unstable();
        v
    }

    #[test]
    fn every_class_is_lower_case_and_has_no_repeats() {
        for class in [
            VOID,
            OBSOLETE_VOID,
            RAW_TEXT,
            AUTO_NAME,
            BLOCK,
            WS_SIGNIFICANT,
            OBSOLETE_PREFORMATTED,
            HEAD,
        ] {
            let mut v = sorted(class);
            v.dedup();
            assert_eq!(v.len(), class.len(), "{class:?}");
            assert!(
                class.iter().all(|t| *t == t.to_ascii_lowercase()),
                "{class:?}"
            );
        }
    }

    #[test]
    fn void_is_the_standards_list_plus_fasthtmls_extras() {
        let extras: Vec<&str> = sorted(VOID)
            .into_iter()
            .filter(|t| !STANDARD_VOID.contains(t))
            .collect();
        assert_eq!(extras, ["!doctype", "command", "keygen", "param"]);
        assert!(STANDARD_VOID.iter().all(|t| contains(VOID, t)));
        assert!(OBSOLETE_VOID.iter().all(|t| !contains(VOID, t)));
    }

    #[test]
    fn the_void_tag_macros_are_the_void_tags() {
        for (name, tag) in tag_list::VOID {
            assert!(contains(VOID, tag), "{name}");
        }
        for (name, tag) in tag_list::HTML.iter().chain(tag_list::SVG) {
            assert!(!contains(VOID, tag), "{name}");
        }
    }

    #[test]
    fn raw_text_ws_significant_and_head_tags() {
        assert_eq!(RAW_TEXT, ["script", "style"]);
        assert_eq!(
            sorted(WS_SIGNIFICANT),
            ["code", "pre", "script", "textarea"]
        );
        assert_eq!(sorted(HEAD), ["base", "link", "meta", "style", "title"]);
        // Every head tag but `<title>` is void or raw text: none holds markup.
        assert!(
            HEAD.iter()
                .all(|t| *t == "title" || contains(VOID, t) || contains(RAW_TEXT, t))
        );
    }

    #[test]
    fn auto_name_tags_are_the_ones_with_a_name_attribute() {
        // Form controls and the elements HTML gives a `name` (SPEC 1.55).
        for t in [
            "input", "select", "textarea", "button", "form", "iframe", "object",
        ] {
            assert!(contains(AUTO_NAME, t), "{t}");
        }
        for t in ["div", "span", "label", "p"] {
            assert!(!contains(AUTO_NAME, t), "{t}");
        }
    }

    #[test]
    fn block_tags_are_known_tags() {
        let known = |t: &str| {
            t == "!doctype"
                || t == "html"
                || [tag_list::HTML, tag_list::VOID]
                    .iter()
                    .any(|l| l.iter().any(|(_, tag)| *tag == t))
        };
        assert!(BLOCK.iter().all(|t| known(t)));
        assert!(!contains(BLOCK, "span") && !contains(BLOCK, "a"));
    }

    #[test]
    fn presets() {
        assert_eq!(A_PRESET, [("href", "#")]);
        assert_eq!(FORM_PRESET, [("enctype", "multipart/form-data")]);
    }

    #[test]
    fn contains_works_in_const_context() {
        const { assert!(contains(VOID, "br") && !contains(VOID, "div")) };
        assert!(!contains(VOID, "b"));
    }
}
