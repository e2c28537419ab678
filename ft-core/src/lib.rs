//! # ft-core: the FT value
//!
//! HTML as Rust values, the way FastHTML's FT components work: every HTML tag is a macro
//! taking children positionally and attributes as `name = value`, returning an [`Ft`] tree
//! that can be inspected and changed, then rendered once into one buffer with
//! context-aware escaping.
//!
//! ```
//! use ft_core::prelude::*;
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
//! Attribute names follow FastHTML (SPEC 1B): `cls` -> `class`, `r#for`/`fr` -> `for`,
//! `_` -> `-`, `hx_on__after_request` -> `hx-on--after-request`, `"@click" = ..` for any other
//! name; `true` renders a bare attribute, `false`/`None` omit it.

#[path = "../../ft-macros/src/names.rs"]
mod names;

pub mod attr;
pub mod component;
mod element;
pub mod escape;
pub mod forms;
mod ft;
pub mod html2ft;
pub mod js;
pub mod pico;
mod render;
pub mod sse;
pub mod svg;
mod tags;
mod text;
pub mod xtend;

pub use attr::{Attr, AttrValue, IntoAttr, IntoTarget};
pub use component::Component;
pub use element::{Element, NAMED_TAGS, VOID_TAGS};
pub use ft::{Each, Fragment, Ft, IntoFt, each};
pub use names::attr_name;
pub use render::to_xml_all;
pub use text::{NotStr, Raw, Text};

#[doc(hidden)]
pub use ft_macros as __macros;

/// Everything an app needs: the FT types and traits, and every tag and helper macro.
pub mod prelude {
    pub use crate::*;
    pub use crate::forms::*;
    pub use crate::js::*;
    pub use crate::sse::*;
    pub use crate::xtend::*;
    pub use crate::{
        AttrValue, Each, Element, Fragment, Ft, IntoAttr, IntoFt, NotStr, Raw, Text, each,
    };
}
