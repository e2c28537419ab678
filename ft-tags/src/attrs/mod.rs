//! The attribute names the tag macros check at compile time: HTML's (the WHATWG HTML
//! standard's attribute index: the global attributes, the event handlers, each element's own),
//! SVG's, htmx 2's and htmx 4's, and those of the htmx extensions ft ships (`sse-connect`,
//! `ws-send`, ...). Names are the HTML names the macros compute (`hx_get` is `hx-get`,
//! `accept_charset` is `accept-charset`, `viewBox` is `viewbox`: SPEC 1B lower-cases them).
//!
//! Every list is sorted (a test checks it), so a lookup is a binary search ([`has`]).
//! What is open by design (`data-*`, `aria-*`, `hx-on*`, string keys, custom elements) is
//! decided by the check in ft-macros, not listed here.

/// Whether the sorted list holds `name`.
pub fn has(list: &[&str], name: &str) -> bool {
    list.binary_search(&name).is_ok()
}

/// Which htmx versions' `hx-*` attributes are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Htmx {
    pub v2: bool,
    pub v4: bool,
}

impl Htmx {
    /// htmx 2's and htmx 4's attributes together (the default).
    pub const BOTH: Htmx = Htmx { v2: true, v4: true };
}

/// Whether the tag macros accept the attribute `name` (its HTML name, SPEC 1B) written as
/// an identifier key on the element `tag` (`None`: an element the macro does not know):
/// - names with HTML punctuation (`@click`), `_`, `data-*` and `aria-*` are open;
/// - an `hx-*` name must be htmx's ([`is_htmx`]), on any element;
/// - on an HTML or SVG element the check knows ([`is_known_tag`]), any other name must be one
///   of its attributes ([`is_attr_of`]); on any other element (custom elements, `<math>`,
///   `None`) it is open.
///
/// String keys are never checked (the caller skips them). html2ft writes a string key for a
/// name this refuses, so its output compiles.
pub fn accepts(tag: Option<&str>, name: &str, htmx: Htmx) -> bool {
    if name == "_"
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || name.starts_with("data-")
        || name.starts_with("aria-")
    {
        return true;
    }
    if name.starts_with("hx-") {
        return is_htmx(name, htmx);
    }
    match tag.filter(|t| is_known_tag(t)) {
        Some(tag) => is_attr_of(tag, name),
        None => true,
    }
}

/// Whether an `hx-*` name is htmx's in the versions given, or an extension's: `hx-on-*`
/// (`hx-on--after-request`, `hx-on-click`) and response-targets' `hx-target-*` are open.
///
/// htmx 4 also reads `name:inherited`, `name:append` and `name:inherited:append`, and
/// `hx-status:404`; with FastHTML's `-` meta character (ft's `htmx4(true)` sets it) they are
/// `hx-headers-inherited`, `hx-vals-append`, `hx-status-404`, which are identifiers.
pub fn is_htmx(name: &str, htmx: Htmx) -> bool {
    if name.starts_with("hx-on-")
        || name.starts_with("hx-target-")
        || (htmx.v2 && has(HTMX2, name))
        || (htmx.v4 && has(HTMX4, name))
        || has(HTMX_EXT, name)
    {
        return true;
    }
    if !htmx.v4 {
        return false;
    }
    if name.starts_with("hx-status-") {
        return true;
    }
    ["-inherited-append", "-inherited", "-append"]
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .any(|base| has(HTMX4, base) || has(HTMX_EXT, base))
}

/// Whether `name` is one of the attributes of `tag` (an element [`is_known_tag`] knows):
/// global, event handler, an extension's, its own, or SVG's on an SVG element.
pub fn is_attr_of(tag: &str, name: &str) -> bool {
    has(GLOBAL, name)
        || has(EVENTS, name)
        || has(HTMX_EXT, name)
        || has(FASTHTML, name)
        || has(of_tag(tag), name)
        || (is_svg(tag) && has(SVG, name))
}

/// The SVG element tags (`tag_list::SVG`, in SVG's case) and `<svg>` itself.
pub fn is_svg(tag: &str) -> bool {
    tag == "svg" || crate::tag_list::SVG.iter().any(|(_, t)| *t == tag)
}

/// A tag whose attributes the check knows: the HTML and SVG tags of the tag macros
/// (`<math>` is MathML's: not checked).
pub fn is_known_tag(tag: &str) -> bool {
    use crate::tag_list::{HTML, SVG, VOID};
    tag != "math"
        && [HTML, VOID, SVG]
            .iter()
            .any(|list| list.iter().any(|(_, t)| *t == tag))
}

mod html;
mod htmx;
mod svg;

pub use html::{EVENTS, FASTHTML, GLOBAL, PER_TAG, of_tag};
pub use htmx::{HTMX_EXT, HTMX2, HTMX4};
pub use svg::SVG;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_sorted_and_without_repeats() {
        let lists: [(&str, &[&str]); 7] = [
            ("GLOBAL", GLOBAL),
            ("FASTHTML", FASTHTML),
            ("EVENTS", EVENTS),
            ("HTMX2", HTMX2),
            ("HTMX4", HTMX4),
            ("HTMX_EXT", HTMX_EXT),
            ("SVG", SVG),
        ];
        for (name, list) in lists.into_iter().chain(PER_TAG.iter().copied()) {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{name} is not sorted");
        }
        assert!(PER_TAG.windows(2).all(|w| w[0].0 < w[1].0), "PER_TAG");
    }

    #[test]
    fn lookups() {
        assert!(has(GLOBAL, "tabindex"));
        assert!(has(EVENTS, "onclick") && !has(EVENTS, "onclik"));
        assert!(has(HTMX2, "hx-ext") && !has(HTMX4, "hx-ext"));
        assert!(has(HTMX4, "hx-action") && !has(HTMX2, "hx-action"));
        assert!(has(of_tag("input"), "placeholder"));
        assert!(has(of_tag("a"), "href") && !has(of_tag("div"), "href"));
        assert!(of_tag("span").is_empty());
        assert!(has(SVG, "viewbox") && has(SVG, "stroke-width"));
        let both = Htmx::BOTH;
        assert!(accepts(Some("div"), "hx-get", both) && !accepts(Some("div"), "hx-gett", both));
        assert!(!accepts(None, "hx-gett", both) && accepts(None, "hreff", both));
        assert!(accepts(Some("my-el"), "anything", both));
        assert!(accepts(Some("div"), "@click", both) && accepts(Some("div"), "data-x", both));
        assert!(!accepts(Some("div"), "n1", both) && !accepts(Some("a"), "hreff", both));
        let v2 = Htmx {
            v2: true,
            v4: false,
        };
        assert!(is_htmx("hx-ext", v2) && !is_htmx("hx-action", v2));
        assert!(is_htmx("sse-connect", v2) && is_htmx("hx-on--load", v2));
        assert!(is_htmx("hx-headers-inherited", both) && is_htmx("hx-vals-inherited-append", both));
        assert!(is_htmx("hx-status-404", both) && is_htmx("hx-ws-connect", both));
        assert!(!is_htmx("hx-headers-inherited", v2) && !is_htmx("hx-status-404", v2));
        assert!(!is_htmx("hx-gett-inherited", both));
        assert!(is_svg("linearGradient") && is_known_tag("td") && !is_known_tag("math"));
    }
}
