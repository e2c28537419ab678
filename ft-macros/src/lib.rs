//! Procedural macros of ft. Users never name this crate: ft-html's `Div!(..)`-style macros
//! and ft-web's attributes forward here with a path to the runtime (`$crate`).

mod form;
mod handler_args;
mod item_input;
mod krate;
mod main_attr;
mod route;
mod route_value;
mod str_enum;

mod ws;

use proc_macro::TokenStream;

/// The expansion behind every tag and component macro. Not for direct use: call `Div!(..)`,
/// `Card!(..)` and the like from ft-html.
#[proc_macro]
pub fn component(input: TokenStream) -> TokenStream {
    ft_template::expand(input.into()).into()
}

/// ft-html's tag macros come from `tag_list.rs`: `tag_lists!(m)` expands to
/// `m! { $ html nonvoid false; TagA "a", .. }`, once per list (`html`, `void`, `svg`).
#[doc(hidden)]
#[proc_macro]
pub fn tag_lists(input: TokenStream) -> TokenStream {
    ft_template::tag_lists(input.into()).into()
}

/// `#[derive(FormFields)]` on a struct with named fields: the struct is a form's values. It
/// implements
/// - `ft_html::forms::FormFields`: fields read by name, for `fill_form`;
/// - `ft_html::forms::FillFrom`: fields set from another value, for `fill_dataclass`;
/// - `ft_html::values::FromValues`: the struct built from a request, so it can be a handler
///   parameter. Each field is read by its name (from the path, the query or the body). All
///   fields are checked; if any fails, the request is answered 400 with every field's message.
///   A `Valid<T>` (= `Result<T, FieldErrors>`) parameter gets the errors instead
///   (`ft_html::values::FieldErrors`: a message per field and every submitted value), so the
///   handler can show the form again, filled, with its messages.
///
/// It is in ft-html's and ft-web's preludes. Fields are strings, numbers, `bool`s, `char`s,
/// `serde_json::Value`s, `#[derive(StrEnum)]` enums, and `Option`s and `Vec`s of those (see
/// `ft_html::forms`). An absent `bool` is `false` (an unchecked checkbox sends nothing), an
/// absent `Option` is `None` and an absent `Vec` is empty; any other absent field is an
/// error, unless it has `#[form(default)]`.
///
/// Attributes:
/// - `#[form(default)]` on a field: when the request does not give it, the field is
///   `Default::default()` instead of an error ("required"). A value that is given but does not
///   convert is still an error. On the struct, it applies to every field.
/// - `#[form(rename = "html-name")]` on a field: the name in the form and in the request.
/// - `#[form(skip)]` on a field: not part of the form. It is never read or filled, it is
///   `Default::default()` when the struct is built from a request, and its type needs no trait.
/// - `#[form(optional)]` on a field: absent or blank, it is `Default::default()` and no other
///   rule runs; otherwise its rules apply.
/// - `#[form(crate = "path")]` on the struct: the path to ft-html. Use it when the crate
///   depends on neither ft-html nor ft-web directly, for example
///   `#[form(crate = "my_ui::ft_html")]`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::values::{FieldErrors, FromValues, MapSource, Source};
///
/// #[derive(FormFields, Debug, PartialEq)]
/// struct Signup {
///     email: String,
///     #[form(rename = "display-name")]
///     name: String,
///     #[form(default)]
///     age: u32,
///     newsletter: bool,
///     #[form(skip)]
///     id: u64,
/// }
///
/// // What a handler parameter `form: Signup` reads from a posted form.
/// let body = MapSource::new(Source::Body, [("email", "a@b.c"), ("display-name", "Ann")]);
/// let s = Signup::from_values(&body, "form").unwrap();
/// assert_eq!(
///     s,
///     Signup { email: "a@b.c".into(), name: "Ann".into(), age: 0, newsletter: false, id: 0 }
/// );
///
/// // Every failing field gets a message. A `Result<Signup, FieldErrors>` parameter receives
/// // them, with what was sent.
/// let bad = MapSource::new(Source::Body, [("display-name", "Ann"), ("age", "old")]);
/// let errors: FieldErrors = Result::<Signup, FieldErrors>::from_values(&bad, "form")
///     .unwrap()
///     .unwrap_err();
/// assert_eq!(errors.get("email"), Some("required"));
/// assert_eq!(errors.get("age"), Some("expected an integer (u32)"));
///
/// // The same names fill a form, the values or the sent values with the errors.
/// let form = TagForm!(Input!(name = "email"), Input!(name = "display-name"));
/// assert_eq!(
///     fill_form(&form, &s).render(),
///     r#"<form><input name="email" value="a@b.c"><input name="display-name" value="Ann"></form>"#
/// );
/// assert_eq!(
///     fill_form(&form, &errors).render(),
///     concat!(
///         r#"<form><input name="email" aria-invalid="true" aria-describedby="email-error">"#,
///         r#"<small id="email-error">required</small><input name="display-name" value="Ann"></form>"#,
///     )
/// );
/// ```
///
/// Rules (every one with an example in `ft_html::forms::rules` and the guide's "Validation
/// rules"): on a field, `required`, `optional`, `min = v`/`max = v` (numbers, ISO dates),
/// `min_len = n`/`max_len = n`, `pattern = "regex"`, `email`, `url`, `one_of = [..]` and
/// `check = path`; each takes its own message as `rule(value, message = "..")` or
/// `rule(message = "..")`. On the struct, `check = path` for a check across fields.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::values::{FromValues, MapSource, Source};
///
/// #[derive(FormFields, Debug)]
/// #[form(check = dates_in_order)]
/// struct Booking {
///     #[form(required, max_len = 40)]
///     name: String,
///     #[form(email(message = "Where should we send the confirmation?"))]
///     email: String,
///     #[form(min = 1, max = 8)]
///     guests: u8,
///     #[form(min = "2024-01-01")]
///     arrive: ft_web::chrono::NaiveDate,
///     leave: ft_web::chrono::NaiveDate,
/// }
///
/// fn dates_in_order(b: &Booking, errors: &mut FieldErrors) {
///     if b.leave <= b.arrive {
///         errors.add("leave", "must be after the arrival");
///     }
/// }
///
/// let sent = MapSource::new(Source::Body, [
///     ("name", " "), ("email", "x"), ("guests", "9"),
///     ("arrive", "2024-05-02"), ("leave", "2024-05-01"),
/// ]);
/// let errors = Valid::<Booking>::from_values(&sent, "b").unwrap().unwrap_err();
/// assert_eq!(errors.get("name"), Some("required"));
/// assert_eq!(errors.get("email"), Some("Where should we send the confirmation?"));
/// assert_eq!(errors.get("guests"), Some("must be at most 8"));
/// assert_eq!(errors.get("leave"), Some("must be after the arrival"));
/// ```
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
    /// (`index` is `/`). Without `methods`, a function named after an HTTP verb answers that
    /// verb, and any other answers GET and POST (SPEC 2A). `#[get]`, `#[post]`, ... are the same
    /// with one method. See `ft_web` for the whole story.
    ///
    /// The route is a unit struct named like the function: `routes![show]`, `hx_get = show`
    /// (its path), `show::call(..)` (the function itself), `show.path()`.
    ///
    /// **Parameters** are read by name and type from the path, the query and the body. They
    /// can also be special types (`Session`, `Htmx`, `Tbl<T>`, `Db`, `Hub`, ...; see
    /// `ft_web`). A `#[derive(FormFields)]` struct reads its fields by their own names, and
    /// `Result<T, FieldErrors>` hands the handler the field errors instead of a 400.
    ///
    /// **Typed links.** `show.to(..)` builds a link to the route. It takes the path
    /// parameters, then the required query parameters (the scalars, neither `Option` nor
    /// `Vec`), in the order the function declares them. A `String` parameter takes anything
    /// `Display`. Optional query parameters are methods of the link, named like them, taking
    /// the inner type: `.page(2)` for `page: Option<u32>` adds `page=2`, and `.tag(tags)` for
    /// `tag: Vec<String>` adds `tag=a&tag=b` for any iterator of `String`s. The link is `Display` (its URL) and an attribute
    /// value (`hx_get = show.to(3, "notes")`).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// use ft_web::values::FieldErrors;
    ///
    /// #[get("/todos/{id}")]
    /// fn show(id: i64, tab: String, page: Option<u32>, tag: Vec<String>) -> Ft {
    ///     P!(format!("{id} {tab} {page:?} {}", tag.join(",")))
    /// }
    ///
    /// #[derive(FormFields)]
    /// struct Todo { title: String }
    ///
    /// #[post("/todos")]
    /// fn add(todo: Result<Todo, FieldErrors>) -> Ft {
    ///     match todo {
    ///         Ok(todo) => P!("added ", todo.title),
    ///         Err(errors) => P!(errors.get("title").unwrap_or_default()),
    ///     }
    /// }
    ///
    /// assert_eq!(show.to(3, "notes").to_string(), "/todos/3?tab=notes");
    /// let link = show.to(3, "notes").page(2).tag(["a".to_string(), "b".to_string()]);
    /// assert_eq!(link.to_string(), "/todos/3?tab=notes&page=2&tag=a&tag=b");
    /// assert_eq!(
    ///     A!("next", hx_get = link.clone()).render(),
    ///     r##"<a href="#" hx-get="/todos/3?tab=notes&amp;page=2&amp;tag=a&amp;tag=b">next</a>"##
    /// );
    ///
    /// # ft_web::actix_web::rt::System::new().block_on(async {
    /// let app = fast_app().routes(routes![show, add]).secret_key("doc");
    /// let client = Client::new(app).await;
    /// let page = client.get(&link.to_string()).htmx().send().await;
    /// assert_eq!(page.text(), "<p>3 notes Some(2) a,b</p>");
    /// let added = client.post("/todos").form([("title", "milk")]).htmx().send().await;
    /// assert_eq!(added.text(), "<p>added milk</p>");
    /// let refused = client.post("/todos").htmx().send().await;
    /// assert_eq!(refused.text(), "<p>required</p>");
    /// # });
    /// ```
    ///
    /// **Route beforeware** (`before = check`, or `before = [a, b]`) runs after the app's
    /// beforewares and before the parameters are read; an answer (`Some(ft)`) is the response
    /// and the handler never runs (FastHTML's `@rt(.., before=f)`, SPEC 2.49). `check` is a
    /// `fn(&mut Ctx) -> Option<Ft>` or a [`Beforeware`](../ft_web/struct.Beforeware.html)
    /// (async ones through `Beforeware::new`), built once.
    ///
    /// **`cancel_on_disconnect`** (an `async fn` only) stops the handler when the client
    /// disconnects and answers 204 No Content (FastHTML's `@cancel_on_disconnect`, SPEC 7.14;
    /// see `ft_web::Disconnect`).
    ///
    /// ```
    /// use ft_web::prelude::*;
    ///
    /// fn admins_only(ctx: &mut Ctx) -> Option<Ft> {
    ///     (!ctx.query_pairs().iter().any(|(k, v)| k == "key" && v == "admin")).then(|| P!("blocked"))
    /// }
    ///
    /// #[get("/admin", before = admins_only)]
    /// fn admin() -> Ft { P!("welcome") }
    ///
    /// #[get("/report", cancel_on_disconnect)]
    /// async fn report() -> Ft { P!("done") }
    ///
    /// # ft_web::actix_web::rt::System::new().block_on(async {
    /// let client = Client::new(fast_app().routes(routes![admin, report])).await;
    /// assert_eq!(client.get("/admin").htmx().send().await.text(), "<p>blocked</p>");
    /// assert_eq!(client.get("/admin?key=admin").htmx().send().await.text(), "<p>welcome</p>");
    /// assert_eq!(client.get("/report").htmx().send().await.text(), "<p>done</p>");
    /// # });
    /// ```
    ///
    /// **Route groups.** `#[rt("/cards/{id}")]` on `impl Cards { .. }`: several verbs of one
    /// path in one impl block (FastHTML's class decorated with `@rt`, SPEC 2.9). Each function
    /// named after an HTTP verb (`get`, `post`, `put`, `delete`, `patch`, `head`, `trace`,
    /// `options`) is a route on the path answering that verb, a route value at `Cards::get`
    /// (`Cards::get.to(3)`, `hx_delete = Cards::delete`); other items stay in the impl. `Cards`,
    /// a unit struct you declare, is the group: `routes![Cards]` registers every route and as an
    /// attribute value it is the path. Without a path the path is `/` + the type's name with its
    /// first letter lower-cased (`/myThing`), also the routes' name. `router`, `name`, `before`
    /// and `cancel_on_disconnect` apply to every route of the group, as in `#[rt]`.
    ///
    /// ```
    /// use ft_web::prelude::*;
    ///
    /// struct Cards;
    ///
    /// #[rt("/cards/{id}")]
    /// impl Cards {
    ///     fn get(id: i64) -> Ft { P!("card ", id) }
    ///     async fn delete(id: i64) -> Ft { P!("deleted ", id) }
    /// }
    ///
    /// assert_eq!(Cards::get.to(3).to_string(), "/cards/3");
    /// assert_eq!(Button!("x", hx_delete = Cards::delete.to(3)).render(),
    ///            r#"<button hx-delete="/cards/3">x</button>"#);
    /// # ft_web::actix_web::rt::System::new().block_on(async {
    /// let client = Client::new(fast_app().routes(routes![Cards])).await;
    /// assert_eq!(client.get("/cards/3").htmx().send().await.text(), "<p>card 3</p>");
    /// assert_eq!(client.delete("/cards/4").htmx().send().await.text(), "<p>deleted 4</p>");
    /// assert_eq!(client.post("/cards/4").send().await.status(), 405);
    /// # });
    /// ```
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
