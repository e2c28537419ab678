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

/// The sync fn that runs the async one on a fresh actix system. The body keeps its declared
/// return type (for `?`) in an inner `async fn __ft_body`; `finish` turns the system's
/// `block_on(__ft_body())` into what the outer fn returns, `outer_output` its return type.
fn on_actix(
    func: &ItemFn,
    before: TokenStream,
    outer_output: TokenStream,
    finish: impl FnOnce(TokenStream) -> TokenStream,
) -> TokenStream {
    let krate = path_to(&["ft-web"]);
    let (attrs, vis, body, ident) = (&func.attrs, &func.vis, &func.block, &func.sig.ident);
    let output = &func.sig.output;
    let run = finish(quote!(#krate::actix_web::rt::System::new().block_on(__ft_body())));
    quote! {
        #before
        #(#attrs)*
        #vis fn #ident() #outer_output {
            async fn __ft_body() #output #body
            #run
        }
    }
}

/// `#[ft_web::test]`: a `#[test]` whose async body runs on a fresh actix system (what
/// `#[actix_web::test]` does, without the app naming actix-web).
pub fn expand_test(item: TokenStream) -> TokenStream {
    match async_fn(item, "test", "test_name()") {
        Ok(func) => {
            let output = &func.sig.output;
            on_actix(
                &func,
                quote!(#[::core::prelude::v1::test]),
                quote!(#output),
                |run| run,
            )
        }
        Err(e) => e,
    }
}

/// `#[ft_web::main]`: the process's exit prints an error with `Display` (a startup error is a
/// sentence, not a Debug struct).
pub fn expand(item: TokenStream) -> TokenStream {
    match async_fn(item, "main", "main") {
        Ok(func) => {
            let krate = path_to(&["ft-web"]);
            on_actix(
                &func,
                TokenStream::new(),
                quote!(-> ::std::process::ExitCode),
                |run| quote!(#krate::__private::MainResult::exit(#run)),
            )
        }
        Err(e) => e,
    }
}
