//! Content inserted as written: `ScriptX`/`StyleX` (a file's code or CSS, formatted),
//! `File` (a file's markup) and `Nbsp`.

use super::presets::script;
use super::{loose_format, replace_css_vars};
use crate::element::Element;
use crate::text::Raw;
use crate::{Ft, Str};
use std::fmt;
use std::path::Path;

/// `ScriptX(path, kw)`: a `<script>` holding the file's code, loose-formatted with `kw`
/// (SPEC 1.87). Add script attributes with [`Ft::attr`].
///
/// Deliberate difference: a missing or unreadable file is an `Err`, never a panic.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_scriptx.js");
/// std::fs::write(&path, "let a = {v}; if (x) { y(); }").unwrap();
/// let s = ScriptX(&path, &[("v", &42)]).unwrap().attr("defer", true);
/// assert_eq!(s.render(), "<script defer>let a = 42; if (x) { y(); }</script>");
/// assert!(ScriptX("/no/such/file.js", &[]).is_err());
/// ```
#[allow(non_snake_case)]
pub fn ScriptX(path: impl AsRef<Path>, kw: &[(&str, &dyn fmt::Display)]) -> std::io::Result<Ft> {
    let code = std::fs::read_to_string(path)?;
    Ok(script(loose_format(&code, kw)))
}

/// `StyleX(path, kw)`: a `<style>` holding the file's CSS with `var(--tpl-NAME)` replaced
/// from `kw` (SPEC 1.87). Add style attributes (`media`, ...) with [`Ft::attr`].
///
/// Deliberate difference: a missing or unreadable file is an `Err`, never a panic.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_stylex.css");
/// std::fs::write(&path, "a { color: var(--tpl-main-color); }").unwrap();
/// let s = StyleX(&path, &[("main_color", &"red")]).unwrap().attr("media", "screen");
/// assert_eq!(s.render(), r#"<style media="screen">a { color: red; }</style>"#);
/// ```
#[allow(non_snake_case)]
pub fn StyleX(path: impl AsRef<Path>, kw: &[(&str, &dyn fmt::Display)]) -> std::io::Result<Ft> {
    let css = std::fs::read_to_string(path)?;
    let mut el = Element::new_static("style", false);
    el.push(Raw(Str::from(replace_css_vars(&css, kw))));
    Ok(Ft::Element(el))
}

/// `File(path)`: the file's content inserted as it is (trusted markup, like `NotStr`),
/// SPEC 1.90. A missing or unreadable file is an `Err`.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_file.html");
/// std::fs::write(&path, "<b>raw</b>").unwrap();
/// assert_eq!(Div!(File(&path).unwrap()).render(), "<div><b>raw</b></div>");
/// ```
#[allow(non_snake_case)]
pub fn File(path: impl AsRef<Path>) -> std::io::Result<Ft> {
    Ok(Ft::Raw(Raw(Str::from(std::fs::read_to_string(path)?))))
}

/// `Nbsp()`: a non-breaking space, `&nbsp;`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Span!("a", Nbsp(), "b").render(), "<span>a&nbsp;b</span>");
/// ```
#[allow(non_snake_case)]
pub fn Nbsp() -> Ft {
    Ft::Raw(Raw(Str::from_static("&nbsp;")))
}
