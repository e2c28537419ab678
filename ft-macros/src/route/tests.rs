use super::*;
use crate::item_input::inner_of;

fn args(src: &str) -> syn::Result<Args> {
    syn::parse_str(src)
}

fn ty(src: &str) -> Type {
    syn::parse_str(src).unwrap()
}

fn expand_str(verb: Option<&str>, attr: &str, item: &str) -> String {
    expand(verb, attr.parse().unwrap(), item.parse().unwrap()).to_string()
}

#[test]
fn path_params_are_the_names_in_braces() {
    assert_eq!(path_params("/todos/{id}"), ["id"]);
    // A pattern after `:` is not part of the name.
    assert_eq!(
        path_params("/u/{name}/f/{rest:.*}/{n:\\d+}"),
        ["name", "rest", "n"]
    );
    assert!(path_params("/").is_empty());
    assert!(path_params("/plain/path").is_empty());
    // An unclosed brace ends the names.
    assert_eq!(path_params("/a/{x}/{y"), ["x"]);
}

#[test]
fn arguments_are_a_path_and_options() {
    let a = args(r#""/p", methods = ["GET", put], name = "n", router = ADMIN"#).unwrap();
    assert_eq!(a.path.unwrap().value(), "/p");
    let methods: Vec<String> = a.methods.unwrap().into_iter().map(|m| m.0).collect();
    assert_eq!(methods, ["get", "put"]);
    assert_eq!(a.name.unwrap().value(), "n");
    assert!(a.router.is_some());
    let a = args("").unwrap();
    assert!(a.path.is_none() && a.methods.is_none());
    // Options without a path.
    assert_eq!(args("methods = [post]").unwrap().methods.unwrap().len(), 1);
}

#[test]
fn argument_mistakes_are_named() {
    let e = |src: &str| args(src).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        e(r#""/p", methods = ["fetch"]"#),
        "unknown HTTP method `fetch`: use one of get, post, put, delete, patch, head, trace, options"
    );
    assert_eq!(
        e(r#""/p", verb = 1"#),
        "unknown route option `verb`: expected a path string, `methods = [..]`, `router = CONST`, `name = \"..\"`, `before = check` or `cancel_on_disconnect`"
    );
}

#[test]
fn parameter_types_are_read_through_option_and_vec() {
    let opt = ty("Option<i64>");
    assert_eq!(type_name(inner_of(&opt, "Option").unwrap()).unwrap(), "i64");
    assert!(inner_of(&opt, "Vec").is_none());
    let v = ty("std::vec::Vec<String>");
    assert_eq!(type_name(inner_of(&v, "Vec").unwrap()).unwrap(), "String");
    assert!(inner_of(&ty("i64"), "Option").is_none());
    for t in ["i64", "u8", "String", "bool", "f64", "chrono::NaiveDate"] {
        assert!(is_scalar(&ty(t)), "{t}");
    }
    for t in ["Tbl<Todo>", "Session", "&str", "Option<i64>", "(i64, i64)"] {
        assert!(!is_scalar(&ty(t)), "{t}");
    }
}

#[test]
fn query_methods_are_for_every_query_value_type() {
    let shape = |t: &str| match query_shape(&ty(t)) {
        Some(QueryShape::One(t)) => format!("one {}", quote!(#t)),
        Some(QueryShape::Many(t)) => format!("many {}", quote!(#t)),
        None => "none".to_owned(),
    };
    assert_eq!(shape("Sort"), "one Sort");
    assert_eq!(shape("Option<u32>"), "one u32");
    assert_eq!(
        shape("Option<chrono::NaiveDate>"),
        "one chrono :: NaiveDate"
    );
    assert_eq!(shape("Vec<String>"), "many String");
    assert_eq!(shape("Query<Option<Sort>>"), "one Sort");
    for t in [
        "Session",
        "Tbl<Todo>",
        "Option<Auth<User>>",
        "Vec<UploadFile>",
        "Result<Todo, FieldErrors>",
        "Header<String>",
        "Json<Todo>",
        "&str",
        "(i64, i64)",
        "Option<Vec<u8>>",
    ] {
        assert_eq!(shape(t), "none", "{t}");
    }
}

#[test]
fn a_path_must_start_with_a_slash_and_name_the_parameters() {
    let out = expand_str(None, r#""todos""#, "fn list() -> Ft { todo!() }");
    assert!(
        out.contains(r#"a route path starts with `/`: write \"/todos\""#),
        "{out}"
    );
    let out = expand_str(
        Some("get"),
        r#""/todos/{id}/{tab}""#,
        "fn show(id: i64) -> Ft { todo!() }",
    );
    assert!(
        out.contains("the path has `{tab}` but `show` has no parameter named `tab`"),
        "{out}"
    );
    let out = expand_str(None, "", "fn show(self) -> Ft { todo!() }");
    assert!(out.contains("a route handler is a free function"), "{out}");
    let out = expand_str(None, "", "fn show((a, b): (i64, i64)) -> Ft { todo!() }");
    assert!(out.contains("route parameters are found by name"), "{out}");
}

#[test]
fn the_default_path_and_methods_come_from_the_function() {
    let out = expand_str(None, "", "fn index() -> Ft { todo!() }");
    assert!(out.contains(r#"String :: from ("/")"#), "{out}");
    assert!(
        out.contains("Method :: Get") && out.contains("Method :: Post"),
        "{out}"
    );
    // A function named after a verb answers that verb.
    let out = expand_str(None, "", "fn delete() -> Ft { todo!() }");
    assert!(out.contains(r#"String :: from ("/delete")"#), "{out}");
    assert!(
        out.contains("Method :: Delete") && !out.contains("Method :: Get"),
        "{out}"
    );
    // `#[put]` whatever the name; `methods` for `#[rt]`.
    let out = expand_str(Some("put"), r#""/x""#, "fn save() -> Ft { todo!() }");
    assert!(
        out.contains("Method :: Put") && !out.contains("Method :: Post"),
        "{out}"
    );
    let out = expand_str(
        None,
        r#""/x", methods = [patch]"#,
        "fn save() -> Ft { todo!() }",
    );
    assert!(
        out.contains("Method :: Patch") && !out.contains("Method :: Get"),
        "{out}"
    );
    // A router's prefix goes before the path.
    let out = expand_str(
        None,
        r#""/x", router = ADMIN"#,
        "fn save() -> Ft { todo!() }",
    );
    assert!(out.contains("(ADMIN) . prefix ()"), "{out}");
}

#[test]
fn route_options_before_and_cancel_on_disconnect() {
    // SPEC 2.49: one beforeware or a list; SPEC 7.14: a flag, on async functions only.
    let a = args(r#""/p", before = [a, b], cancel_on_disconnect"#).unwrap();
    assert_eq!(a.before.len(), 2);
    assert!(a.cancel_on_disconnect.is_some());
    assert_eq!(args(r#""/p", before = check"#).unwrap().before.len(), 1);
    let e = |src: &str| args(src).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        e(r#""/p", cancel_on_disconnect = true"#),
        "`cancel_on_disconnect` takes no value"
    );
    assert_eq!(e(r#""/p", name "x""#), "expected `=` after `name`");
    let out = expand_str(
        Some("get"),
        r#""/s", cancel_on_disconnect"#,
        "fn slow() -> Ft { todo!() }",
    );
    assert!(
        out.contains("cancel_on_disconnect needs an `async fn`"),
        "{out}"
    );
    let out = expand_str(
        Some("get"),
        r#""/s", cancel_on_disconnect, before = check"#,
        "async fn slow() -> Ft { todo!() }",
    );
    assert!(out.contains("Disconnect :: of"), "{out}");
    assert!(out.contains("run_route_befores"), "{out}");
}

#[test]
fn route_group_mistakes_are_named() {
    // SPEC 2.9
    let out = expand_str(None, r#""/c""#, "impl Cards { fn helper() {} }");
    assert!(
        out.contains("a route group needs a function named after an HTTP verb"),
        "{out}"
    );
    let out = expand_str(None, r#""/c""#, "impl Show for Cards { fn get() {} }");
    assert!(out.contains("not a trait impl"), "{out}");
    let out = expand_str(
        None,
        r#""/c", methods = [get]"#,
        "impl Cards { fn get() {} }",
    );
    assert!(out.contains("drop `methods`"), "{out}");
    let out = expand_str(None, r#""/c""#, "impl<T> Cards<T> { fn get() {} }");
    assert!(out.contains("cannot be generic"), "{out}");
    // The default path and name: the type's name, first letter lower-cased.
    let out = expand_str(None, "", "impl MyThing { fn post() -> Ft { todo!() } }");
    assert!(out.contains(r#"String :: from ("/myThing")"#), "{out}");
    assert!(out.contains(r#"name : "myThing""#), "{out}");
    assert!(out.contains("const post : __ft_MyThing_post"), "{out}");
}

#[test]
fn an_impl_block_is_told_by_its_first_tokens() {
    let is = |src: &str| is_impl(&src.parse().unwrap());
    assert!(is("impl Admin { fn a() {} }"));
    assert!(is("#[doc = \"x\"] #[allow(x)] pub(crate) impl Admin {}"));
    assert!(is("unsafe impl Admin {}"));
    assert!(!is("fn impl_x() {}"));
    assert!(!is(
        "#[doc = \"impl\"] pub async fn index() -> &'static str { \"impl\" }"
    ));
    assert!(!is("const fn f() {}"));
    assert!(!is(""));
    // `$v impl ..` in a `macro_rules!`: the visibility comes in an invisible group.
    let vis = proc_macro2::Group::new(proc_macro2::Delimiter::None, "pub".parse().unwrap());
    let mut item: TokenStream = proc_macro2::TokenTree::Group(vis).into();
    item.extend("impl Admin {}".parse::<TokenStream>().unwrap());
    assert!(is_impl(&item));
}

#[test]
fn a_handler_body_goes_back_out_as_written() {
    let src = "#[doc = \"d\"] pub(crate) async fn page(id: i64) -> String { let x = Div!(P!(\"a\"), id = id); format!(\"{x}\") }";
    let whole: ItemFn = syn::parse_str(src).unwrap();
    let func = crate::route_value::parse_fn(src.parse().unwrap()).unwrap();
    // The same item, token for token, with the signature parsed.
    assert_eq!(
        quote::ToTokens::to_token_stream(&func).to_string(),
        quote::ToTokens::to_token_stream(&whole).to_string()
    );
    assert_eq!(func.sig.ident, "page");
    assert_eq!(func.sig.inputs.len(), 1);
    assert_eq!(func.attrs.len(), 1);
    // No body: parsed whole, so syn reports it.
    let err = crate::route_value::parse_fn("fn f();".parse().unwrap()).unwrap_err();
    assert!(err.to_string().contains("expected curly braces"), "{err}");
    // A signature syn refuses is still an error.
    assert!(crate::route_value::parse_fn("fn (x: i64) {}".parse().unwrap()).is_err());
}
