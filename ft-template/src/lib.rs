//! The compiler behind ft's tag macros, as a library.
//!
//! `ft-macros` calls [`expand`] for every `Div!(..)`-style call (the `macro_rules!` wrappers
//! in ft-html forward to it), and `ft dev` runs the same code on a saved source file to
//! decide whether an edit only changed markup ([`hot`]). Apps never name this
//! crate.

mod attr_check;
mod component;
pub mod hot;
pub mod suggest;
mod tmpl;

use ft_tags::{names, tag_list};
use proc_macro2::TokenStream;

/// The expansion of one tag or component macro call (ft-html's wrappers write its input).
pub fn expand(input: TokenStream) -> TokenStream {
    let site = hot::site_of(&input);
    hot::expanding(site, || component::expand(input))
}

/// How the tag macros write a template (several nested tag calls compiled into one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Templates {
    /// A type and an unrolled renderer per template: the fastest render, and most of an
    /// app's compile time. Release builds.
    Compiled,
    /// The template's description and its values as `Ft`s, rendered by ft-html's
    /// interpreter: the same output and reading back, a fraction of the code. Debug builds,
    /// where rebuild time matters more than render time.
    Data,
}

thread_local! {
    static TEMPLATES: std::cell::Cell<Option<Templates>> = const { std::cell::Cell::new(None) };
}

impl Templates {
    /// The mode in effect: [`Templates::Data`] when this crate is built with debug assertions
    /// (cargo builds proc macros with the profile's), unless [`Templates::set`] chose.
    pub fn current() -> Templates {
        TEMPLATES
            .with(|t| t.get())
            .unwrap_or(if cfg!(debug_assertions) {
                Templates::Data
            } else {
                Templates::Compiled
            })
    }

    /// Chooses the mode on this thread (`None`: back to the build's default); for tests.
    pub fn set(mode: Option<Templates>) {
        TEMPLATES.with(|t| t.set(mode));
    }
}

/// `tag_lists!(m)`: the lists of tag names, for ft-html's tag macros.
pub fn tag_lists(input: TokenStream) -> TokenStream {
    tmpl::tag_lists(input)
}
