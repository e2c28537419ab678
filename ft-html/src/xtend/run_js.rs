//! `run_js` and `run_js!`: an out-of-band script running code with JSON-encoded arguments.

use super::format::py_format;
use super::py_dumps;
use crate::attr::{AttrValue, IntoAttr};
use crate::element::Element;
use crate::text::Raw;
use crate::{Ft, Str};
use serde_json::Value;
use std::borrow::Cow;

/// `run_js(js, id, args)`: a `<script hx-swap-oob="true" id=..>` running `js`, with each
/// `{name}` replaced by the JSON encoding of its argument (SPEC 1.80). The `run_js!` macro is
/// the short form.
///
/// Deliberate differences: the id is given explicitly (Rust has no "calling function's name");
/// `{{`/`}}` give braces as in Python, but a `{..}` that names no argument is left as it is
/// instead of raising; and the arguments can never close the `<script>` (SPEC 1.81): the
/// renderer writes `</script` as `<\/script`, which JavaScript reads the same.
///
/// ```
/// use ft_html::prelude::*;
/// use serde_json::json;
/// let s = run_js("alert({msg})", "h", &[("msg", json!("it's <ok>"))]);
/// assert_eq!(s.render(), r#"<script hx-swap-oob="true" id="h">alert("it's <ok>")</script>"#);
/// ```
pub fn run_js(js: &str, id: impl IntoAttr, args: &[(&str, Value)]) -> Ft {
    let encoded: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, py_dumps(v, None))).collect();
    let code = py_format(js, &|name| {
        encoded
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    });
    let mut el = Element::new_static("script", false);
    el.push(Raw(Str::from(code)));
    el.put(
        Cow::Borrowed("hx-swap-oob"),
        Some(AttrValue::Trusted(Str::from_static("true"))),
    );
    el.put(Cow::Borrowed("id"), id.into_attr());
    Ft::Element(el)
}

/// `run_js!(js, id = .., name = value, ..)`: [`run_js`] with the arguments as keywords; each
/// value is anything `serde::Serialize`, JSON-encoded like Python's `json.dumps`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     run_js!("f({a}, {b})", id = "r", a = "</script>", b = vec![1, 2]).render(),
///     r#"<script hx-swap-oob="true" id="r">f("<\/script>", [1, 2])</script>"#
/// );
/// ```
#[macro_export]
macro_rules! run_js {
    ($js:expr, id = $id:expr $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::xtend::run_js(
            ::std::convert::AsRef::<str>::as_ref(&$js),
            $id,
            &[$((::std::stringify!($k), $crate::xtend::to_json_value(&$v))),*],
        )
    };
}
