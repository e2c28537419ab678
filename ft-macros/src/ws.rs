//! `#[ws("/path", conn = on_connect, disconn = on_disconnect)]`: a function becomes a websocket
//! route value.
//!
//! ```text
//! #[ws("/chat/{room}", conn = joined)]
//! async fn chat(room: String, msg: String, hub: Hub) -> Result<()> { .. }
//! ```
//! expands to a unit struct `chat` (the route value, usable in `routes![..]` and as
//! `ws_connect = chat`) with `chat::call(..)` (the function itself), `impl Route` (a GET route
//! whose handler accepts the websocket handshake) and `IntoAttr`/`Display` (its path). The
//! generated message handler extracts every parameter by name and type from a message
//! (`<T as Extract<WsCtx>>::extract`, the trait HTTP handlers use), calls the function and returns its result as an FT.

use crate::handler_args::{named_param, parse_options};
use crate::krate::path_to;
use crate::route_value::RouteValue;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, ItemFn, LitStr};

#[derive(Default)]
struct Args {
    path: Option<LitStr>,
    conn: Option<Expr>,
    disconn: Option<Expr>,
    router: Option<Expr>,
    name: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args::default();
        args.path = parse_options(
            input,
            "websocket",
            "a path string, `conn = hook`, `disconn = hook`, `router = CONST` or `name = \"..\"`",
            |key, input| {
                match key.to_string().as_str() {
                    "conn" => args.conn = Some(input.parse()?),
                    "disconn" => args.disconn = Some(input.parse()?),
                    "router" => args.router = Some(input.parse()?),
                    "name" => args.name = Some(input.parse()?),
                    _ => return Ok(false),
                }
                Ok(true)
            },
        )?;
        Ok(args)
    }
}

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    match try_expand(attr, item) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

fn try_expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(attr)?;
    let func: ItemFn = crate::route_value::parse_fn(item)?;
    let krate = path_to(&["ft-web"]);
    let value = RouteValue::new(
        &krate,
        &func,
        args.path.as_ref(),
        args.router.as_ref(),
        args.name.as_ref(),
        "websocket",
    )?;
    let name = &func.sig.ident;

    let mut extracts = Vec::new();
    let mut arg_idents = Vec::new();
    for arg in &func.sig.inputs {
        let (ident, pt) = named_param(arg, "websocket")?;
        let pname = ident.to_string().trim_start_matches("r#").to_owned();
        let (pat, ty) = (&pt.pat, &pt.ty);
        extracts.push(quote_spanned! {ty.span()=>
            let #pat = <#ty as #krate::Extract<#krate::ws::WsCtx>>::extract(__ft_w, #pname, #krate::__private::Where::Auto).await?;
        });
        arg_idents.push(ident);
    }

    let await_call = value.await_call();
    let route_name = &value.name;
    let hook = |h: &Option<Expr>, fname: &str| match h {
        Some(e) => {
            let f = Ident::new(fname, Span::call_site());
            (
                quote_spanned! {e.span()=>
                    fn #f(
                        __ft_w: &mut #krate::ws::WsCtx,
                    ) -> ::core::pin::Pin<::std::boxed::Box<dyn ::core::future::Future<Output = ::core::result::Result<#krate::Ft, #krate::Error>> + '_>> {
                        #krate::ws::__private::run_hook(__ft_w, #e)
                    }
                },
                quote!(::core::option::Option::Some(#f)),
            )
        }
        None => (quote!(), quote!(::core::option::Option::None)),
    };
    let (conn_fn, conn_val) = hook(&args.conn, "__ft_conn");
    let (disconn_fn, disconn_val) = hook(&args.disconn, "__ft_disconn");

    let def = quote! {
        fn __ft_on_message<'a>(
            __ft_w: &'a mut #krate::ws::WsCtx,
        ) -> #krate::ws::__private::MsgFuture<'a> {
            ::std::boxed::Box::pin(async move {
                #(#extracts)*
                let __ft_out = #name::call(#(#arg_idents),*)#await_call;
                ::core::result::Result::Ok(#krate::IntoFt::into_ft(__ft_out))
            })
        }
        #conn_fn
        #disconn_fn
        fn __ft_handler(__ft_ctx: #krate::Ctx) -> #krate::HandlerFuture {
            ::std::boxed::Box::pin(#krate::__private::ws_upgrade(
                __ft_ctx,
                #krate::ws::__private::WsSpec {
                    on_message: __ft_on_message,
                    conn: #conn_val,
                    disconn: #disconn_val,
                },
            ))
        }
        #krate::RouteDef {
            path: self.path(),
            methods: &[#krate::Method::Get],
            name: #route_name,
            handler: __ft_handler,
        }
    };
    Ok(value.emit(
        "The websocket's path (with its router's prefix).",
        quote!(),
        def,
    ))
}
