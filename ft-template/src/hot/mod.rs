//! Markup hot reload's compile-time half: where each template comes from, and what an edit
//! changed.
//!
//! Every compiled template carries its source location (debug builds only: ft-html's
//! `__ft_site!` is `None` in release builds): the line and column of the first token the user
//! wrote inside the macro call, and its index among the templates of that call. `ft dev`
//! runs this same compiler over a saved file ([`scan`]) in a recording mode, where each
//! template's description is recorded and masked out of the expansion. Two versions of a file
//! whose masked expansions and surrounding code are equal differ only in markup, and
//! [`decide`] gives the new descriptions to send to the running app, keyed by the locations
//! the app was built with; anything else is a rebuild, with the reason.

mod headers;
mod scan;
#[cfg(test)]
mod tests;

pub use scan::{Decision, Scan, Template, decide, scan};

use ft_tags::markup;
use proc_macro2::Ident;
use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::quote;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// The expansion under way: its location, its templates so far, and whether it is recorded.
#[derive(Default)]
struct State {
    /// Where the call comes from.
    site: Option<Site>,
    next: u32,
    /// `Some` in `ft dev`'s recording mode: what was met.
    record: Option<Recorded>,
}

/// What a recorded expansion met.
#[derive(Default)]
struct Recorded {
    templates: Vec<Template>,
    /// The nested tag calls compiled into its templates, by name (the compiler checks each
    /// name resolves to ft's macro).
    names: BTreeSet<String>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Where a call comes from: the first of the user's tokens.
pub(crate) struct Site {
    /// Line from 1, column from 0.
    line: usize,
    col: usize,
    /// The token's span, whose file is the one `file!()` names.
    span: proc_macro2::Span,
}

/// Where a call whose input is `input` comes from (ft-html's wrappers write the header, `;`,
/// then the user's tokens): the first of the user's tokens.
pub(crate) fn site_of(input: &TokenStream) -> Option<Site> {
    first_user_token(input).map(|t| {
        let span = t.span();
        let at = span.start();
        Site {
            line: at.line,
            col: at.column,
            span,
        }
    })
}

/// Runs `f` as the expansion of one macro call from `site`; the previous state is restored
/// after, so nested expansions keep their own numbering.
pub(crate) fn expanding<R>(site: Option<Site>, f: impl FnOnce() -> R) -> R {
    let saved = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let record = s.record.as_ref().map(|_| Recorded::default());
        std::mem::replace(
            &mut *s,
            State {
                site,
                next: 0,
                record,
            },
        )
    });
    let out = f();
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let inner = std::mem::replace(&mut *s, saved);
        if let (Some(outer), Some(inner)) = (s.record.as_mut(), inner.record) {
            outer.templates.extend(inner.templates);
            outer.names.extend(inner.names);
        }
    });
    out
}

/// The first token after the header's top-level `;`.
fn first_user_token(input: &TokenStream) -> Option<TokenTree> {
    let mut it = input.clone().into_iter();
    it.by_ref().find(
        |t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';' && p.spacing() == Spacing::Alone),
    )?;
    it.next()
}

/// A template met while expanding: the `Option<&Site>` expression for its `Tmpl::at`, and
/// whether its description and renderer are to be masked (recording mode: recorded here).
pub(crate) fn template(
    krate: &TokenStream,
    nodes: &[markup::Node<'_>],
    names: &[Ident],
) -> (TokenStream, bool) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let idx = s.next;
        s.next += 1;
        let Some((line, col, span)) = s.site.as_ref().map(|t| (t.line, t.col, t.span)) else {
            return (quote!(::core::option::Option::None), false);
        };
        if let Some(record) = s.record.as_mut() {
            record.templates.push(Template {
                line,
                col,
                idx,
                nodes: ft_tags::wire::encode(nodes),
            });
            record.names.extend(names.iter().map(Ident::to_string));
            // The location moves with edits above it; what matters is compared by order.
            return (quote!(__ft_site), true);
        }
        let (line, col) = (line as u32, col as u32);
        if crate::Templates::current() == crate::Templates::Compiled {
            return (quote!(#krate::__ft_site!(#line, #col, #idx)), false);
        }
        // Debug builds: the `Site` itself, what `__ft_site!` gives there, with no macro of
        // its own to expand (`file!()` is the span's file; cargo sets the package's folder).
        let file = span.file();
        let dir = match std::env::var("CARGO_MANIFEST_DIR") {
            Ok(d) => quote!(::core::option::Option::Some(#d)),
            Err(_) => quote!(::core::option::Option::None),
        };
        let site =
            quote!(#krate::hot::Site { file: #file, dir: #dir, line: #line, col: #col, idx: #idx });
        (quote!(::core::option::Option::Some(&#site)), false)
    })
}

/// Expands `input` in recording mode: the masked expansion and what it met.
fn record(input: TokenStream) -> (TokenStream, Recorded) {
    let saved = STATE.with(|s| s.borrow_mut().record.replace(Recorded::default()));
    let out = crate::expand(input);
    let got = STATE.with(|s| {
        let mut s = s.borrow_mut();
        std::mem::replace(&mut s.record, saved)
    });
    (out, got.unwrap_or_default())
}
