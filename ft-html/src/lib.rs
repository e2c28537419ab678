//! # ft-html: the FT value
//!
//! HTML as Rust values, the way FastHTML's FT components work: every HTML tag is a macro
//! taking children positionally and attributes as `name = value`, returning an [`Ft`] tree
//! that can be inspected and changed, then rendered once into one buffer with
//! context-aware escaping.
//!
//! ```
//! use ft_html::prelude::*;
//!
//! let page = Div!(
//!     H1!("Todos"),
//!     Ul!((1..=2).map(|i| Li!(format!("item {i}"), id = format!("todo-{i}")))),
//!     Button!("Add", hx_post = "/add", hx_target = "#list", cls = "primary"),
//!     id = "main",
//! );
//! assert_eq!(
//!     page.render(),
//!     "<div id=\"main\"><h1>Todos</h1><ul><li id=\"todo-1\">item 1</li><li id=\"todo-2\">item 2</li></ul>\
//!      <button hx-post=\"/add\" hx-target=\"#list\" class=\"primary\">Add</button></div>"
//! );
//! ```
//!
//! Tag calls nested in a tag macro, and `iter.map(|x| Tag!(..))` loops of them, are compiled
//! at build time into one static template with the run-time values as slots, so deep
//! markup costs few allocations and renders as merged pieces. The tree stays a tree:
//!
//! ```
//! use ft_html::prelude::*;
//! let names = ["a", "b<"];
//! let mut list = Ul!(names.iter().map(|n| Li!(B!(*n), " item")), id = "l");
//! assert_eq!(list.render(), r#"<ul id="l"><li><b>a</b> item</li><li><b>b&lt;</b> item</li></ul>"#);
//! assert_eq!(list.children()[1].children()[0].render(), "<b>b&lt;</b>");
//! list.push(Li!("c"));
//! assert_eq!(list.children().len(), 3);
//! ```
//!
//! Attribute names follow FastHTML (SPEC 1B): `cls` -> `class`, `r#for`/`fr` -> `for`,
//! `_` -> `-`, `hx_on__after_request` -> `hx-on--after-request`, `"@click" = ..` for any other
//! name; `true` renders a bare attribute, `false`/`None` omit it.

// Lets derive output (`::ft_html::...`) compile inside this crate too.
extern crate self as ft_html;

use ft_tags::{names, tag_list};

pub mod attr;
mod component;
mod element;
pub mod escape;
mod ext;
mod fmt;
pub mod forms;
mod ft;
pub mod hot;
pub mod html2ft;
pub mod js;
#[cfg(feature = "markdown")]
pub mod markdown;
pub mod pico;
mod render;
mod small_str;
pub mod sse;
pub mod svg;
mod tag;
mod tags;
mod text;
mod tmpl;
mod to_param;
mod typed;
pub mod values;
pub mod xtend;

pub use attr::{Attr, AttrValue, IntoAttr, IntoTarget};
pub use component::{Component, ft_hx};
pub use element::{Element, NAMED_TAGS, VOID_TAGS};
pub use ext::Ext;
pub use forms::FormFields;
pub use ft::{Each, Fragment, Ft, IntoFt, each};
pub use names::attr_name;
pub use render::to_xml_all;
pub use small_str::Str;
pub use tag::TagDesc;
pub use text::{NotStr, Raw, Text};

/// What the macros' expansions name: not an API (it changes without notice).
#[doc(hidden)]
pub mod __private {
    pub use ft_macros as macros;
    /// The tags' descriptors and the nested-call check.
    pub mod tags {
        pub use crate::tags::*;
    }
    /// Compiled templates' descriptions.
    pub mod tmpl {
        pub use crate::tmpl::*;
    }
    /// Compiled templates' typed values.
    pub mod typed {
        pub use crate::typed::*;
    }
    /// The macros' helpers for spreads and targets.
    pub mod component {
        pub use crate::component::*;
    }
    /// `format!(..)` values as pieces (a `Str` built in place, or a template's `Fmt`).
    pub mod fmt {
        pub use crate::fmt::*;
    }
}

/// Everything an app needs: the FT types and traits, and every tag and helper macro.
pub mod prelude {
    pub use crate::forms::*;
    pub use crate::js::*;
    #[cfg(feature = "markdown")]
    pub use crate::markdown::markdown;
    pub use crate::sse::*;
    pub use crate::values::StrEnum;
    pub use crate::xtend::*;
    pub use crate::*;
    pub use crate::{
        AttrValue, Each, Element, Fragment, Ft, IntoAttr, IntoFt, NotStr, Raw, Text, each,
    };
}

/// A fresh random id: `_` and 22 URL-safe base64 characters, as FastHTML's `unqid()` and
/// `id=True` give (SPEC 1.27). Unique in practice; not a secret.
///
/// ```
/// let id = ft_html::unqid();
/// assert_eq!(id.len(), 23);
/// assert!(id.starts_with('_'));
/// ```
pub fn unqid() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let word = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u64(salt);
        h.finish()
    };
    let bits = (u128::from(word(1)) << 64) | u128::from(word(2));
    let mut id = String::with_capacity(23);
    id.push('_');
    for i in 0..22 {
        id.push(ALPHABET[((bits >> (i * 6)) & 63) as usize] as char);
    }
    id
}
