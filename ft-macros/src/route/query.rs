//! Which of a handler's parameters are query values, and of what shape: what the typed
//! link (`.to(..)` and its methods) is made of.

use crate::item_input::inner_of;
use syn::Type;

pub(super) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

pub(super) const SCALARS: &[&str] = &[
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "bool",
    "String",
    "char",
    "NaiveDate",
    "NaiveDateTime",
    "NaiveTime",
];

pub(super) fn is_scalar(ty: &Type) -> bool {
    type_name(ty).is_some_and(|n| SCALARS.contains(&n.as_str()))
}

/// ft-web's parameter types that are never read from the query string (and `Result`, a
/// struct's field errors), by name: their links get no method.
pub(super) const NOT_QUERY: &[&str] = &[
    "Request",
    "HttpRequest",
    "Session",
    "Htmx",
    "App",
    "Auth",
    "MaybeAuth",
    "State",
    "Tbl",
    "Db",
    "Hub",
    "UploadFile",
    "Files",
    "Body",
    "Json",
    "Form",
    "Header",
    "Cookie",
    "Valid",
    "Result",
    "CsrfToken",
    "OAuthClient",
    "WsSend",
    "WsId",
    "WsData",
    "Ctx",
];

/// How a query parameter is set in a link: one value, or one per item.
pub(super) enum QueryShape {
    One(Type),
    Many(Type),
}

/// The query method a parameter type gets: `Option<T>` and a required `T` one value of `T`,
/// `Vec<T>` several (`Query<..>` read through). Any type not known by name gets one: its
/// method takes `impl QueryArg<T>`, which only query values implement.
pub(super) fn query_shape(ty: &Type) -> Option<QueryShape> {
    let ty = inner_of(ty, "Query").unwrap_or(ty);
    let plain = |t: &Type| match t {
        Type::Path(p) if p.qself.is_none() => type_name(t)
            .filter(|n| !NOT_QUERY.contains(&n.as_str()) && n != "Option" && n != "Vec")
            .map(|_| t.clone()),
        _ => None,
    };
    if let Some(inner) = inner_of(ty, "Option") {
        plain(inner).map(QueryShape::One)
    } else if let Some(inner) = inner_of(ty, "Vec") {
        plain(inner).map(QueryShape::Many)
    } else {
        plain(ty).map(QueryShape::One)
    }
}
