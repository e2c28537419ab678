//! Procedural macros of ft. Users never name this crate: ft-core's `Div!(..)`-style macros
//! and ft-web's attributes forward here with a path to the runtime (`$crate`).

mod component;
mod form;
mod handler_args;
mod krate;
mod main_attr;
mod route;
mod str_enum;
mod tmpl;

use ft_tags::{names, tag_list};
mod ws;

use proc_macro::TokenStream;

/// The expansion behind every tag and component macro. Not for direct use: call `Div!(..)`,
/// `Card!(..)` and the like from ft-core.
#[proc_macro]
pub fn component(input: TokenStream) -> TokenStream {
    component::expand(input.into()).into()
}

/// ft-core's tag macros come from `tag_list.rs`: `tag_lists!(m)` expands to
/// `m! { $ html nonvoid false; TagA "a", .. }`, once per list (`html`, `void`, `svg`).
#[doc(hidden)]
#[proc_macro]
pub fn tag_lists(input: TokenStream) -> TokenStream {
    tmpl::tag_lists(input.into()).into()
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

mod table;

/// `#[derive(Record)]`: implements `ft_data::Record` (table schema and row conversions) on a
/// struct with named fields. Use it as `ft_data::Table`; see `ft_data` for the attributes
/// (`#[table(name = "..", pk = "a, b", crate = "path")]` on the struct, `#[table(pk)]`,
/// `#[table(rename = "..")]`, `#[table(skip)]`, `#[table(as_text)]`, `#[table(json)]` on
/// fields).
#[proc_macro_derive(Record, attributes(table))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    table::expand(input.into()).into()
}

/// `#[derive(StrEnum)]` on an enum of unit variants: read from and written as its variants'
/// names (or `#[str_enum(rename = "x")]`) — handler parameters, form fields (`fill_form`),
/// attribute values and content. Adds `as_str()`, `ALL`, `Display` and `FromStr`.
#[proc_macro_derive(StrEnum, attributes(str_enum))]
pub fn derive_str_enum(input: TokenStream) -> TokenStream {
    str_enum::expand(input.into()).into()
}

/// `#[ws("/path", conn = on_connect, disconn = on_disconnect)]`: the function becomes a
/// websocket route value (FastHTML's `@app.ws`, SPEC 7A). Its parameters are read from each
/// JSON message by name and type; its result is sent back. See `ft_web::ws`.
#[proc_macro_attribute]
pub fn ws(attr: TokenStream, item: TokenStream) -> TokenStream {
    ws::expand(attr.into(), item.into()).into()
}

/// `#[ft_web::main]` on `async fn main()`: runs it on the actix runtime.
#[proc_macro_attribute]
pub fn main(_attr: TokenStream, item: TokenStream) -> TokenStream {
    main_attr::expand(item.into()).into()
}

/// `#[ft_web::test]` on an `async fn` test: a `#[test]` that runs it on the actix runtime.
#[proc_macro_attribute]
pub fn test(_attr: TokenStream, item: TokenStream) -> TokenStream {
    main_attr::expand_test(item.into()).into()
}

macro_rules! route_attrs {
    ($($(#[$doc:meta])* $name:ident => $verb:expr;)*) => {$(
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(attr: TokenStream, item: TokenStream) -> TokenStream {
            route::expand($verb, attr.into(), item.into()).into()
        }
    )*};
}

route_attrs! {
    /// `#[rt]`, `#[rt("/path")]`, `#[rt("/path", methods = ["get", "put"], router = ADMIN)]`:
    /// the function becomes a route value. Without a path, the path is `/` + the function's name
    /// (`index` is `/`); without `methods`, a function named after an HTTP verb answers that
    /// verb, any other answers GET and POST (SPEC 2A). See `ft_web` for the whole story.
    rt => None;
    /// `#[get("/path")]`: a GET route (also answers HEAD).
    get => Some("get");
    /// `#[post("/path")]`: a POST route.
    post => Some("post");
    /// `#[put("/path")]`: a PUT route.
    put => Some("put");
    /// `#[delete("/path")]`: a DELETE route.
    delete => Some("delete");
    /// `#[patch("/path")]`: a PATCH route.
    patch => Some("patch");
    /// `#[head("/path")]`: a HEAD route.
    head => Some("head");
    /// `#[options("/path")]`: an OPTIONS route.
    options => Some("options");
}
