//! The expansion behind every tag and component macro (`Div!(..)`, `Card!(..)`).
//!
//! Input, as the `macro_rules!` wrappers in ft-html write it:
//! `{$crate}, {builder expr}, [named params], [positional params], void("tag") | nonvoid;`
//! (a positional parameter may also be given by name: `label = "Done"`)
//! (`nonvoid` may name its tag too: `nonvoid("div")`, and a plain tag macro its own name:
//! `nonvoid("tr", Tr)`, which lets it keep its attributes in its children's template; a
//! helper whose builder keeps compiled children as its template is `keeps_tmpl`, and Pico's
//! `Card!` is `card`: compiled as the `<article>` it renders when it can be)
//! followed by the user's tokens: children positionally, attributes as `name = value`,
//! `"any-name" = value`, `data-foo = value`, and `..pairs` to spread run-time attributes.
//!
//! The three steps, one module each: PARSE (`parse`: the header and the items into data),
//! CHECK (`check`: the mistakes reported at the user's span; `generate` checks each item as it
//! meets it, and leaves out an item it refuses) and GENERATE
//! (`generate`: the `Component` calls; `format`: `format!` as its pieces, with its guard).
//! Nested tag calls among the children are compiled into a template by `crate::tmpl`.
//!
//! An unfinished call (rust-analyzer expands the call while the user types it, its delimiters
//! balanced: `Div!(P!("x"), cls = )`) still expands to its complete items: PARSE reads the
//! items one by one and records an item that does not parse (skipped up to the next
//! top-level comma), the attribute check and GENERATE leave out an item they refuse, and the
//! expansion of the others is followed, in the same block, by a `compile_error!` for each, in
//! source order, at the item's span (`partial`). So completion, hover and go-to-definition
//! keep working on the complete children.

mod check;
mod format;
mod generate;
mod parse;
mod partial;
#[cfg(test)]
mod partial_tests;
#[cfg(test)]
pub(crate) mod tests;

pub(crate) use check::{PLAIN_TAG_CHECK, checked_name};
pub(crate) use format::{fmt_pieces, format_call, formatted};
pub(crate) use generate::{Conv, attr_value, child_tokens, slot, specialized};
pub(crate) use parse::{AttrKey, Item, parse_items};

use parse::Parsed;
use proc_macro2::TokenStream;

pub fn expand(input: TokenStream) -> TokenStream {
    match try_expand(input) {
        Ok(ts) => ts,
        Err(e) => e.to_compile_error(),
    }
}

/// PARSE, then GENERATE (which CHECKs each item as it meets it); the items that did not
/// parse or were refused are reported after the expansion of the others, in source order
/// (`partial`).
fn try_expand(input: TokenStream) -> syn::Result<TokenStream> {
    let Parsed {
        header,
        items,
        written_at,
        mut broken,
    } = syn::parse2(input)?;
    let (expansion, refused) = generate::expansion(header, items);
    let refused = refused.into_iter().map(|(i, error)| parse::Broken {
        at: written_at[i as usize],
        error,
        partial: None,
    });
    broken.extend(refused);
    if broken.is_empty() {
        return Ok(expansion);
    }
    broken.sort_by_key(|b| b.at);
    Ok(partial::with_broken(expansion, broken))
}
