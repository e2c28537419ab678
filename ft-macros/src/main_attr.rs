//! `#[ft_web::main]`: runs an `async fn main` on the actix runtime, without the user naming
//! actix or tokio.

use crate::krate::path_to;
use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

pub fn expand(item: TokenStream) -> TokenStream {
    let func: ItemFn = match syn::parse2(item) {
        Ok(f) => f,
        Err(e) => return e.to_compile_error(),
    };
    if func.sig.asyncness.is_none() {
        return syn::Error::new_spanned(
            func.sig.fn_token,
            "#[ft_web::main] goes on an `async fn main`",
        )
        .to_compile_error();
    }
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
