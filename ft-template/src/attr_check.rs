//! CHECK: attribute names, at compile time (issue 19). An `hx_*` name that is not an htmx
//! attribute, or a name a known HTML element does not have, is an error at the user's span
//! with the closest name (`hx_gett` -> `hx_get`, `hreff` -> `href`).
//!
//! Checked: every attribute written as an identifier (`hx_get`, `r#type`, `accept_charset`,
//! `data-x`), by its HTML name (SPEC 1B: `cls` is `class`, `_for` is `for`). Open by design:
//! - a string key (`"@click" = ..`, `"x-data" = ..`, `"my-attr" = ..`): the escape hatch, never
//!   checked; so is any name with HTML punctuation (`_at_click` is `@click`) and `_`
//!   (hyperscript);
//! - `data-*`, `aria-*`, `hx-on*` (`hx_on__after_request`, `hx_on_click`), response-targets'
//!   `hx-target-*`;
//! - every name but `hx-*` on an element whose tag the macro does not know: custom elements
//!   (`tag!("sl-x", ..)`), `<math>`, and helpers whose header does not name their element
//!   (`Card!`, `Titled!`, the SVG shape builders, and the void helpers `Hidden!`, `Jsd!`:
//!   `Jsd!` is `void("link")` and may build a `<script>`). The tag macros and the presets
//!   `A!`, `Form!`, `Script!`, `Style!` (`nonvoid("a")`) are checked as their element.
//!
//! htmx: the union of htmx 2's and htmx 4's attributes by default, as the macro cannot see the
//! app's `htmx4(true)`; ft-macros' feature `htmx2-only` or `htmx4-only` (ft-html's and
//! ft-web's `check-htmx2`/`check-htmx4`) narrows it to one version (both: the union again).
//! The attributes of the htmx extensions ft ships (`sse_connect`, `ws_send`, ..) are accepted
//! with either.

use crate::component::{AttrKey, Item};
use crate::suggest::did_you_mean;
use ft_tags::attrs::{self, Htmx, has, is_svg};
use syn::Ident;

/// Which htmx versions' attributes are accepted.
const HTMX2: bool = cfg!(feature = "htmx2-only") || !cfg!(feature = "htmx4-only");
const HTMX4: bool = cfg!(feature = "htmx4-only") || !cfg!(feature = "htmx2-only");
const HTMX: Htmx = Htmx {
    v2: HTMX2,
    v4: HTMX4,
};

/// The items' attributes checked, for the element `tag` (`None`: a tag the macro does not
/// know); `params` are the helper's own keywords (`Card!(header = ..)`), never checked.
pub(crate) fn check_items(tag: Option<&str>, params: &[&Ident], items: &[Item]) -> syn::Result<()> {
    for item in items {
        if let Item::Attr { name, key, .. } = item {
            if key.ident.as_ref().is_some_and(|i| params.contains(&i)) {
                continue;
            }
            check(tag, name, key)?;
        }
    }
    Ok(())
}

/// One attribute's HTML `name`, as written (`key`), on the element `tag`.
pub(crate) fn check(tag: Option<&str>, name: &str, key: &AttrKey) -> syn::Result<()> {
    match problem(tag, name, &key.written) {
        None => Ok(()),
        Some(message) => Err(syn::Error::new(key.span, message)),
    }
}

/// The message for an attribute the check refuses, if it does.
fn problem(tag: Option<&str>, name: &str, written: &str) -> Option<String> {
    // String keys are the user's own; `target_id` is FastHTML's `hx-target` (SPEC 1.26).
    if written.starts_with('"') || written == "target_id" || attrs::accepts(tag, name, HTMX) {
        return None;
    }
    let own = format!("(an attribute of your own is written as a string key: `\"{name}\" = ..`)");
    if name.starts_with("hx-") {
        let mut known: Vec<&str> = Vec::new();
        if HTMX2 {
            known.extend(attrs::HTMX2);
        }
        if HTMX4 {
            known.extend(attrs::HTMX4);
        }
        known.extend(attrs::HTMX_EXT);
        let versions = match (HTMX2, HTMX4) {
            (true, true) => "htmx 2 or htmx 4",
            (true, false) => "htmx 2 (feature `htmx2-only`)",
            _ => "htmx 4 (feature `htmx4-only`)",
        };
        let hint = hint(name, written, &known);
        return Some(format!(
            "`{written}` is not an attribute of {versions} or of the htmx extensions ft ships{hint} {own}"
        ));
    }
    let tag = tag?;
    let mut known: Vec<&str> = attrs::of_tag(tag).to_vec();
    known.extend(attrs::GLOBAL);
    known.extend(attrs::FASTHTML);
    known.extend(attrs::EVENTS);
    known.extend(attrs::HTMX_EXT);
    if is_svg(tag) {
        known.extend(attrs::SVG);
    }
    let mut hint = hint(name, written, &known);
    if hint.is_empty() {
        let others: Vec<String> = attrs::PER_TAG
            .iter()
            .filter(|(_, names)| has(names, name))
            .map(|(t, _)| format!("`<{t}>`"))
            .collect();
        if !others.is_empty() {
            hint = format!(", an attribute of {} only", others.join(", "));
        }
    }
    Some(format!(
        "`<{tag}>` has no attribute `{written}`{hint} {own}"
    ))
}

/// `: did you mean `x`?` with the closest known name, written as the user writes names
/// (`hx_get` for `hx-get` unless the name was written with hyphens; `r#loop` for a keyword).
fn hint(name: &str, written: &str, known: &[&str]) -> String {
    let Some(best) = did_you_mean(name, known) else {
        return String::new();
    };
    let hyphens = written.contains('-');
    let shown = if hyphens {
        best.to_string()
    } else {
        match best {
            "loop" | "as" => format!("r#{best}"),
            _ => best.replace('-', "_"),
        }
    };
    format!("; did you mean `{shown}`?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(tag: Option<&str>, written: &str) -> Option<String> {
        problem(tag, &crate::names::attr_name(written), written)
    }

    #[test]
    fn misspelt_names_are_refused_with_the_closest_name() {
        let m = p(Some("div"), "hx_gett").unwrap();
        assert!(
            m.contains("`hx_gett`") && m.contains("did you mean `hx_get`?"),
            "{m}"
        );
        let m = p(Some("a"), "hreff").unwrap();
        assert!(
            m.contains("`<a>` has no attribute `hreff`; did you mean `href`?"),
            "{m}"
        );
        let m = p(Some("input"), "typ").unwrap();
        assert!(m.contains("did you mean `type`?"), "{m}");
        let m = p(Some("button"), "onclik").unwrap();
        assert!(m.contains("did you mean `onclick`?"), "{m}");
        let m = p(Some("div"), "hx-swapp").unwrap();
        assert!(m.contains("did you mean `hx-swap`?"), "{m}");
        let m = p(Some("div"), "href").unwrap();
        assert!(
            m.contains(", an attribute of `<a>`, `<area>`, `<base>`, `<link>` only"),
            "{m}"
        );
        assert!(
            p(None, "hx_gett").is_some(),
            "hx-* is checked on any element"
        );
        assert!(
            p(Some("div"), "hx_zzzzzzzz")
                .unwrap()
                .contains("not an attribute of htmx")
        );
    }

    #[test]
    fn fasthtml_names_and_open_forms_pass() {
        for (tag, written) in [
            ("div", "cls"),
            ("div", "klass"),
            ("div", "_class"),
            ("label", "_for"),
            ("label", "fr"),
            ("label", "r#for"),
            ("input", "r#type"),
            ("input", "type"),
            ("div", "_id"),
            ("div", "hx_get"),
            ("div", "hx_on__after_request"),
            ("div", "hx_on_click"),
            ("div", "hx_target_404"),
            ("div", "target_id"),
            ("div", "hx_action"),
            ("div", "hx_ext"),
            ("div", "sse_connect"),
            ("div", "ws_send"),
            ("div", "data_foo_bar"),
            ("div", "data-x"),
            ("div", "aria_label"),
            ("div", "_at_click"),
            ("div", "_"),
            ("div", "\"x-data\""),
            ("div", "\"anything\""),
            ("div", "onclick"),
            ("div", "popover"),
            ("div", "itemscope"),
            ("html", "xmlns"),
            ("form", "accept_charset"),
            ("meta", "http_equiv"),
            ("meta", "property"),
            ("g", "stroke_width"),
            ("svg", "viewBox"),
            ("math", "display"),
        ] {
            assert_eq!(p(Some(tag), written), None, "{tag} {written}");
        }
        // Tags the macro does not know: everything but `hx-*`.
        assert_eq!(p(Some("my-widget"), "whatever"), None);
        assert_eq!(p(None, "hreff"), None);
    }

    #[test]
    fn lookups() {
        use attrs::{is_attr_of, is_htmx, is_known_tag};
        let is_htmx = |n| is_htmx(n, HTMX);
        assert!(is_htmx("hx-get") && is_htmx("hx-swap-oob") && is_htmx("hx-on--before-request"));
        assert!(is_htmx("hx-action") && is_htmx("hx-ext") && is_htmx("sse-swap"));
        assert!(!is_htmx("hx-gett"));
        assert!(is_attr_of("input", "placeholder") && !is_attr_of("div", "placeholder"));
        assert!(is_attr_of("td", "colspan") && is_attr_of("span", "tabindex"));
        assert!(is_attr_of("g", "fill") && !is_attr_of("div", "fill"));
        assert!(is_known_tag("linearGradient") && !is_known_tag("my-widget"));
    }
}
