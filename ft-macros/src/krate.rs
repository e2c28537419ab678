//! Which path generated code uses to reach the runtime: `::ft_html` when the user's crate
//! depends on ft-html, else the ft-web (or ft-data) that re-exports it — found from the user's
//! Cargo.toml, so a user never has to name a crate they did not add.

use proc_macro_crate::{FoundCrate, crate_name};
use proc_macro2::{Span, TokenStream};
use quote::quote;

/// The first of `crates` the user's crate depends on (or is), as a path; the first entry
/// when none is found.
pub fn path_to(crates: &[&str]) -> TokenStream {
    for name in crates {
        match crate_name(name) {
            Ok(FoundCrate::Itself) => {
                let id = syn::Ident::new(&name.replace('-', "_"), Span::call_site());
                return quote!(::#id);
            }
            Ok(FoundCrate::Name(n)) => {
                let id = syn::Ident::new(&n, Span::call_site());
                return quote!(::#id);
            }
            Err(_) => continue,
        }
    }
    let id = syn::Ident::new(&crates[0].replace('-', "_"), Span::call_site());
    quote!(::#id)
}

/// The path to ft-data's items: `::ft_data`, or ft-web's re-export `::ft_web::data`.
pub fn data_path() -> TokenStream {
    if crate_name("ft-data").is_ok() {
        return path_to(&["ft-data"]);
    }
    match crate_name("ft-web") {
        Ok(FoundCrate::Name(n)) => {
            let id = syn::Ident::new(&n, Span::call_site());
            quote!(::#id::data)
        }
        _ => quote!(::ft_data),
    }
}
