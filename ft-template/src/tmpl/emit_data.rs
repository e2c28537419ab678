//! GENERATE, as data: a `Program` as its template and its values as `Ft`s, no new types.
//!
//! A compiled template (`emit`) is fast to render but costs the compiler a struct, a
//! `SlotSet` impl and an unrolled renderer per template: most of an app's expanded code, and of
//! a debug rebuild's time. In debug builds the macros write each template as data instead: the
//! same static description and the values converted to the `Ft`s that untyped slots hold (a
//! loop's items as one fragment of all their values, as `SlotSet::into_fts` gives them), which
//! ft-html's template interpreter renders. Output, reading back and evaluation order are the
//! compiled template's; only the code per template shrinks.

use super::Program;
use super::program::Slot;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

/// Each slot's value as an expression giving what it adds to the values: an `Ft`, or for a
/// section `[Ft; 2]` (its items, then what renders in its place); an `Else` adds nothing.
fn values(krate: &TokenStream, slots: &[Slot]) -> Vec<TokenStream> {
    slots.iter().map(|s| value(krate, s)).collect()
}

fn value(krate: &TokenStream, slot: &Slot) -> TokenStream {
    let typed = quote!(#krate::__private::typed);
    match slot {
        // (Data templates run a `format!` as written: `fmt_pieces` keeps none as pieces.)
        Slot::Value(v) | Slot::Fmt(v, ..) => quote!(#typed::ft(#v)),
        Slot::Else => quote!(()),
        Slot::Loop {
            iter,
            bind,
            body,
            section,
        } => {
            let pushes = pushes(krate, &body.slots, &format_ident!("__ft_w"));
            let (start, end) = if *section {
                (
                    quote! {
                        #[allow(unused_imports)]
                        use #typed::{SectionAny as _, SectionTyped as _};
                        let (__ft_iter, __ft_other) = (&&&#typed::Val::new(#iter)).ft_section().into_parts();
                    },
                    quote!([#krate::Ft::Fragment(__ft_w), #typed::other(__ft_other)]),
                )
            } else {
                (
                    quote!(let __ft_iter = ::std::iter::IntoIterator::into_iter(#iter);),
                    quote!(#krate::Ft::Fragment(__ft_w)),
                )
            };
            quote! {{
                #start
                let mut __ft_w = ::std::vec::Vec::new();
                for __ft_item in __ft_iter {
                    #bind
                    #pushes
                }
                #end
            }}
        }
    }
}

/// The statements pushing each slot's value onto `into`.
fn pushes(krate: &TokenStream, slots: &[Slot], into: &Ident) -> TokenStream {
    let all = slots.iter().map(|s| add(s, &value(krate, s), into));
    quote!(#(#all)*)
}

/// The statement adding `v`, the value of `slot`, to `into`.
fn add(slot: &Slot, v: &TokenStream, into: &Ident) -> TokenStream {
    match slot {
        Slot::Else => quote!(),
        Slot::Loop { section: true, .. } => quote!(#into.extend(#v);),
        _ => quote!(#into.push(#v);),
    }
}

/// The vector of the values, from `values` (expressions or the locals holding them).
fn vector(slots: &[Slot], values: &[TokenStream]) -> TokenStream {
    let v = Ident::new("__ft_v", Span::mixed_site());
    let n = slots.len();
    let adds = slots.iter().zip(values).map(|(s, x)| add(s, x, &v));
    quote! {{
        let mut #v = ::std::vec::Vec::with_capacity(#n);
        #(#adds)*
        #v
    }}
}

impl Program {
    /// The template as data: the statements of `emit_with` for debug builds.
    pub(super) fn emit_data(
        slots: &[Slot],
        keys: Vec<Vec<u32>>,
        krate: &TokenStream,
        bind: bool,
    ) -> (Vec<(Vec<u32>, TokenStream)>, TokenStream) {
        let values = values(krate, slots);
        if !bind {
            return (Vec::new(), vector(slots, &values));
        }
        let locals: Vec<TokenStream> = (0..values.len())
            .map(|i| {
                let l = format_ident!("__ft_s{}", i, span = Span::mixed_site());
                quote!(#l)
            })
            .collect();
        let lets = locals
            .iter()
            .zip(&values)
            .zip(keys)
            .map(|((l, v), key)| (key, quote!(let #l = #v;)))
            .collect();
        (lets, vector(slots, &locals))
    }
}
