//! Procedural macros of ft. Users never name this crate: ft-core's `Div!(..)`-style macros
//! and ft-web's attributes forward here with a path to the runtime (`$crate`).

mod component;
mod names;

use proc_macro::TokenStream;

/// The expansion behind every tag and component macro. Not for direct use: call `Div!(..)`,
/// `Card!(..)` and the like from ft-core.
#[proc_macro]
pub fn component(input: TokenStream) -> TokenStream {
    component::expand(input.into()).into()
}
