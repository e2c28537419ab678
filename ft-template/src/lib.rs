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

/// `tag_lists!(m)`: the lists of tag names, for ft-html's tag macros.
pub fn tag_lists(input: TokenStream) -> TokenStream {
    tmpl::tag_lists(input)
}
