//! Procedural macros of ft. Users never name this crate: ft-core's `Div!(..)`-style macros
//! and ft-web's attributes forward here with a path to the runtime (`$crate`).

mod component;
mod form;
mod krate;
mod names;

use proc_macro::TokenStream;

/// The expansion behind every tag and component macro. Not for direct use: call `Div!(..)`,
/// `Card!(..)` and the like from ft-core.
#[proc_macro]
pub fn component(input: TokenStream) -> TokenStream {
    component::expand(input.into()).into()
}

/// `#[derive(FormFields)]`: implements `ft_core::forms::FormFields` (fields read by name, for
/// `fill_form`) and `ft_core::forms::FillFrom` (fields set from another value, for
/// `fill_dataclass`) on a struct with named fields. Use it as `ft_core::forms::FormFields` (it is in
/// ft-core's prelude); see `ft_core::forms` for the field types and the
/// `#[form(rename = "x")]`, `#[form(skip)]` and `#[form(crate = "path")]` attributes.
#[proc_macro_derive(FormFields, attributes(form))]
pub fn derive_form_fields(input: TokenStream) -> TokenStream {
    form::expand(input.into()).into()
}
