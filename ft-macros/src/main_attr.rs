//! `#[ft_web::main]` and `#[ft_web::test]`: run an `async fn` on the actix runtime, without
//! the user naming actix or tokio.

use crate::krate::path_to;
use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

/// The `async fn` under the attribute, or the compile error that says where it goes.
fn async_fn(item: TokenStream, attr: &str, what: &str) -> Result<ItemFn, TokenStream> {
    let func: ItemFn = syn::parse2(item).map_err(|e| e.to_compile_error())?;
    if func.sig.asyncness.is_none() {
        return Err(syn::Error::new_spanned(
            func.sig.fn_token,
            format!("#[ft_web::{attr}] goes on an `async fn {what}`"),
        )
        .to_compile_error());
    }
    Ok(func)
}

/// `#[ft_web::test]`: a `#[test]` whose async body runs on a fresh actix system (what
/// `#[actix_web::test]` does, without the app naming actix-web).
pub fn expand_test(item: TokenStream) -> TokenStream {
    let func = match async_fn(item, "test", "test_name()") {
        Ok(f) => f,
        Err(e) => return e,
    };
    let krate = path_to(&["ft-web"]);
    let (attrs, vis, body, ident) = (&func.attrs, &func.vis, &func.block, &func.sig.ident);
    let output = &func.sig.output;
    quote! {
        #[::core::prelude::v1::test]
        #(#attrs)*
        #vis fn #ident() #output {
            async fn __ft_test() #output #body
            #krate::actix_web::rt::System::new().block_on(__ft_test())
        }
    }
}

pub fn expand(item: TokenStream) -> TokenStream {
    let func = match async_fn(item, "main", "main") {
        Ok(f) => f,
        Err(e) => return e,
    };
    let krate = path_to(&["ft-web"]);
    let (attrs, vis, body, ident) = (&func.attrs, &func.vis, &func.block, &func.sig.ident);
    let output = &func.sig.output;
    // The body keeps its declared return type (for `?`) in an inner async fn; the process's
    // exit prints an error with `Display` (a startup error is a sentence, not a Debug struct).
    quote! {
        #(#attrs)*
        #vis fn #ident() -> ::std::process::ExitCode {
            async fn __ft_main() #output #body
            #krate::__private::MainResult::exit(
                #krate::actix_web::rt::System::new().block_on(__ft_main()),
            )
        }
    }
}
