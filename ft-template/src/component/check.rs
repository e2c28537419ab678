//! CHECK: errors at the user's span: void tag children, names given twice, `cls:`, helpers.

use super::parse::AttrKey;
use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

/// The argument of a nested call's resolution check (`Td!(@__ft_plain_tag)`, see `tmpl::check`):
/// ft's plain tag macros answer it with a marker in an arm of their own, so an expansion that
/// meets it here is one of ft's other macros, met under a tag's name.
pub(crate) const PLAIN_TAG_CHECK: &str = "__ft_plain_tag";

/// The error of the check meeting one of ft's other macros (a helper imported under a tag's
/// name: `use ft_html::svg::Svg as G;`).
const NOT_A_PLAIN_TAG: &str = "this nested call is one of ft's helpers under a tag's name, not ft's tag macro: a tag macro compiles the ft tags nested in it into its own template, which it cannot do with a helper; bind the helper's value first (`let x = ..;`, then nest `x`)";

/// Refuses the resolution check's argument (`@__ft_plain_tag`) when it reaches this
/// expansion: the call is one of ft's other macros, met under a tag's name.
pub(super) fn not_the_resolution_check(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![@]) {
        let fork = input.fork();
        fork.parse::<Token![@]>()?;
        if fork.parse::<Ident>().is_ok_and(|i| i == PLAIN_TAG_CHECK) && fork.is_empty() {
            return Err(syn::Error::new(input.span(), NOT_A_PLAIN_TAG));
        }
    }
    Ok(())
}

/// `name =` with nothing after it.
pub(super) fn no_value(written: &str, span: Span) -> syn::Error {
    syn::Error::new(
        span,
        format!("attribute `{written}` has no value: write `{written} = value`"),
    )
}

/// `name: value` or `name => value` instead of `name = value`.
pub(super) fn not_name_value(ident: &Ident) -> syn::Error {
    syn::Error::new(
        ident.span(),
        format!("attributes are written `name = value`: write `{ident} = ..`"),
    )
}

/// A child given to a void tag (`void_tag`, if the element is one).
pub(super) fn no_children(void_tag: Option<&LitStr>, expr: &Expr) -> syn::Result<()> {
    if let Some(tag) = void_tag {
        return Err(syn::Error::new(
            expr.span(),
            format!(
                "`<{}>` is a void element and cannot have children; give its content as an attribute instead (e.g. `value = ..`)",
                tag.value()
            ),
        ));
    }
    Ok(())
}

/// The attribute's HTML name (`target_id` is `hx-target`), refused when already given
/// (`hx_target` and `target_id` may both be given: `target_id` wins, SPEC 1.26).
pub(crate) fn checked_name(
    name: String,
    key: &AttrKey,
    seen: &mut Vec<(String, String)>,
) -> syn::Result<String> {
    let target_pair = |a: &str, b: &str| {
        matches!(
            (a, b),
            ("hx_target", "target_id") | ("target_id", "hx_target")
        )
    };
    let name = if key.written == "target_id" {
        "hx-target".to_string()
    } else {
        name
    };
    if let Some((_, before)) = seen
        .iter()
        .find(|(n, w)| *n == name && !target_pair(w, &key.written))
    {
        return Err(syn::Error::new(
            key.span,
            format!(
                "attribute `{name}` is given twice (as `{before}` and `{}`); keep one",
                key.written
            ),
        ));
    }
    seen.push((name.clone(), key.written.clone()));
    Ok(name)
}
