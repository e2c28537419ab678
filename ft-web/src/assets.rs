//! The default `<head>` content (SPEC 5.2, 5.3, 5.11).

use ft_core::prelude::*;

/// htmx, surreal, css-scope-inline and Pico, as FastHTML links them.
pub(crate) const HTMX_CDN: &str = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.7/dist/htmx.js";
pub(crate) const FASTHTML_JS_CDN: &str =
    "https://cdn.jsdelivr.net/gh/answerdotai/fasthtml-js@1.0.12/fasthtml.js";
pub(crate) const SURREAL_CDN: &str =
    "https://cdn.jsdelivr.net/gh/answerdotai/surreal@main/surreal.js";
pub(crate) const CSS_SCOPE_CDN: &str =
    "https://cdn.jsdelivr.net/gh/gnat/css-scope-inline@main/script.js";

/// The default headers, in FastHTML's order: charset, viewport, htmx, fasthtml.js, surreal,
/// css-scope-inline, then Pico.
pub(crate) fn default_headers(
    default_hdrs: bool,
    htmx: bool,
    surreal: bool,
    pico: bool,
) -> Vec<Ft> {
    let mut out = Vec::new();
    if default_hdrs {
        out.push(Meta!(charset = "utf-8"));
        out.push(Meta!(
            name = "viewport",
            content = "width=device-width, initial-scale=1, viewport-fit=cover"
        ));
        if htmx {
            out.push(TagScript!(src = HTMX_CDN));
            out.push(TagScript!(src = FASTHTML_JS_CDN));
        }
        if surreal {
            out.push(TagScript!(src = SURREAL_CDN));
            out.push(TagScript!(src = CSS_SCOPE_CDN));
        }
    }
    if pico {
        out.push(ft_core::pico::picolink());
    }
    out
}
