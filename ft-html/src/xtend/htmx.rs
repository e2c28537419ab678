//! htmx helpers: `HtmxOn` (a handler for an htmx event), `clear` (an out-of-band emptying)
//! and `upload_pb_attrs` (an upload progress bar).

use super::Preset;
use super::case::{to_camel, to_kebab};
use super::presets::script;
use crate::Ft;
use crate::attr::IntoAttr;
use std::borrow::Cow;

/// `HtmxOn(event, code)`: runs `code` on an htmx event, bound under both the htmx 2
/// (`htmx:afterRequest`) and htmx 4 (`htmx-after-request`) names (SPEC 1.82). `event` may be
/// `after_request`, `afterRequest` or `after-request`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     HtmxOn("after_request", "f()").render(),
///     "<script>domReadyExecute(function() {\n[\"htmx:afterRequest\",\"htmx-after-request\"].forEach(evt => document.body.addEventListener(evt, function(event) { f() }))\n})</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn HtmxOn(event: impl AsRef<str>, code: impl AsRef<str>) -> Ft {
    let event = event.as_ref();
    script(format!(
        "domReadyExecute(function() {{\n[\"htmx:{}\",\"htmx-{}\"].forEach(evt => document.body.addEventListener(evt, function(event) {{ {} }}))\n}})",
        to_camel(event),
        to_kebab(event),
        code.as_ref()
    ))
}

/// `clear(id)`: an empty `<div hx-swap-oob="innerHTML" id=..>`, which empties the element
/// with that id (SPEC 1.88).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(clear("msgs").render(), r#"<div hx-swap-oob="innerHTML" id="msgs"></div>"#);
/// ```
pub fn clear(id: impl IntoAttr) -> Ft {
    let mut el = Preset::new("div", false, &[("hx-swap-oob", "innerHTML")]).el;
    el.put(Cow::Borrowed("id"), id.into_attr());
    Ft::Element(el)
}

/// `upload_pb_attrs(id)`: the `hx-on::xhr:progress` attribute that shows and advances the
/// hidden `<progress id=..>` while a form uploads (SPEC 1.93). Spread it into any tag:
/// `Form!(.., ..upload_pb_attrs("uploadprog"))`. FastHTML's default id is `"uploadprog"`.
///
/// Deliberate difference: `'` and `\` in the id are escaped for the JavaScript string.
///
/// ```
/// use ft_html::prelude::*;
/// let f = Form!(Input!(r#type = "file"), ..upload_pb_attrs("pb"));
/// assert!(f.render().contains("hx-on::xhr:progress=\"{ const p=document.getElementById('pb');"));
/// ```
pub fn upload_pb_attrs(id: &str) -> [(&'static str, String); 1] {
    let id = id.replace('\\', "\\\\").replace('\'', "\\'");
    let js = format!(
        "{{ const p=document.getElementById('{id}');\n        if(event.detail.total) {{p.classList.remove('hidden'); p.value=event.detail.loaded/event.detail.total*100}} }}"
    );
    [("hx-on::xhr:progress", js)]
}
