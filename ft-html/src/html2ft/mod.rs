//! `html2ft`: HTML text in, Rust source using ft's tag macros out (SPEC 1.110, 1.111).
//!
//! FastHTML's `html2ft` turns a snippet of HTML into the Python FT expression that builds
//! it; this is the same for ft: paste a page or a component from a design into
//! [`html2ft`] (or the `html2ft` binary) and get `Div!(..)` source back.
//!
//! ```
//! use ft_html::html2ft::html2ft;
//! let src = html2ft(r#"<div class="a b" id="x"><label for="i">L</label><input disabled hx-get="/y" @click="z"><!-- c --></div>"#);
//! assert_eq!(src, r#"Div!(
//!     Label!("L", r#for = "i"),
//!     Input!(disabled = true, hx_get = "/y", "@click" = "z"),
//!     id = "x",
//!     cls = "a b",
//! )"#);
//! ```
//!
//! What the output looks like:
//!
//! - Tags are the tag macros (`Div!`, `Input!`, SVG's `LinearGradient!`); other tags are
//!   `tag!("sl-dropdown", ..)`. The helpers are used where their defaults add nothing the
//!   HTML lacks: `A!` for an `<a>` with an `href` (else `TagA!`), `Form!` for a form with
//!   `enctype="multipart/form-data"` (else `TagForm!`), `Script!`/`Style!` (their content is
//!   unescaped, as in HTML), `Html!` for `<!doctype html><html>` (`doctype = false` for a
//!   lone `<html>`).
//! - Attribute names are the inverse of ft's mapping (SPEC 1B): `class` -> `cls`,
//!   `for` -> `r#for`, `hx-get` -> `hx_get`, keywords as raw identifiers (`r#type`), any other
//!   name as a string key (`"@click" = ..`, `"x-on:click" = ..`). Bare and empty boolean-style
//!   attributes are `true`; `alt=""`, `value=""` and the like stay `""`.
//! - On tags where ft copies `id` into `name` (SPEC 1.55) and the HTML has no `name`,
//!   `name = false` is added, so the output renders exactly the HTML given.
//! - Comments are dropped. Whitespace-only text between blocks is dropped (as FastHTML does),
//!   between inline elements it becomes one space; runs of whitespace with a line break in
//!   text become one space, and text is trimmed next to block boundaries. Inside `pre`,
//!   `code`, `textarea`, `script` and `style` text is kept exactly.
//! - Several top-level nodes become `Fragment([..])`.
//!
//! Any input is accepted (the HTML tokenizer never fails); the output is always valid Rust.

mod literals;
mod names;
mod parse;
mod whitespace;
mod writer;

pub use literals::rust_str;
pub use names::tag_macro;
pub use parse::{HtmlElement, HtmlNode, MAX_DEPTH, parse};
pub use writer::{Options, html2ft, html2ft_with};
