//! The declarative rules of `#[derive(FormFields)]` fields: read from `#[form(..)]`, checked
//! where the macro can (a regex that compiles, a date bound in ISO form, a rule name that
//! exists), and turned into calls of `ft_html::forms::rules`, whose trait bounds reject a rule
//! on a field of the wrong type at the rule's span.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Expr, ExprArray, Lit, LitStr, Token};

/// Every word a field's `#[form(..)]` takes, for "did you mean" and the error's list.
pub(super) const FIELD_WORDS: &[&str] = &[
    "rename", "skip", "default", "optional", "required", "min", "max", "min_len", "max_len",
    "pattern", "email", "url", "one_of", "check",
];

pub(super) enum Kind {
    Required,
    Min(Expr),
    Max(Expr),
    MinLen(Expr),
    MaxLen(Expr),
    Pattern(LitStr),
    Email,
    Url,
    OneOf(ExprArray),
    Check(Expr),
}

pub(super) struct Rule {
    kind: Kind,
    span: Span,
    message: Option<LitStr>,
}

impl Rule {
    pub(super) fn is_required(&self) -> bool {
        matches!(self.kind, Kind::Required)
    }
    pub(super) fn message(&self) -> Option<&LitStr> {
        self.message.as_ref()
    }
}

/// Reads the rule `meta` names, or `None` when the word is not a rule.
pub(super) fn parse(meta: &ParseNestedMeta) -> syn::Result<Option<Rule>> {
    let Some(word) = meta.path.get_ident().map(|i| i.to_string()) else {
        return Ok(None);
    };
    let span = meta.path.segments[0].ident.span();
    let flag = |kind: Kind| -> syn::Result<Option<Rule>> {
        let message = if meta.input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in meta.input);
            Some(message_only(&content, &word)?)
        } else {
            None
        };
        Ok(Some(Rule {
            kind,
            span,
            message,
        }))
    };
    match word.as_str() {
        "required" => flag(Kind::Required),
        "email" => flag(Kind::Email),
        "url" => flag(Kind::Url),
        "min" | "max" | "min_len" | "max_len" | "pattern" | "one_of" | "check" => {
            let (kind, message) = valued(meta, &word)?;
            Ok(Some(Rule {
                kind,
                span,
                message,
            }))
        }
        _ => Ok(None),
    }
}

/// `name = value` or `name(value, message = "..")`.
fn valued(meta: &ParseNestedMeta, word: &str) -> syn::Result<(Kind, Option<LitStr>)> {
    if meta.input.peek(Token![=]) {
        let input = meta.value()?;
        return Ok((value_of(input, word)?, None));
    }
    if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let kind = value_of(&content, word)?;
        let message = if content.is_empty() {
            None
        } else {
            content.parse::<Token![,]>()?;
            Some(message_only(&content, word)?)
        };
        return Ok((kind, message));
    }
    Err(meta.error(format!(
        "`{word}` needs a value: `{word} = ..` or `{word}(.., message = \"..\")`"
    )))
}

/// `message = "..."`, the only thing a flag rule's parentheses hold.
fn message_only(input: ParseStream, word: &str) -> syn::Result<LitStr> {
    let key: syn::Ident = input.parse()?;
    if key != "message" {
        return Err(syn::Error::new(
            key.span(),
            format!("expected `message = \"..\"` in `{word}(..)`"),
        ));
    }
    input.parse::<Token![=]>()?;
    let lit: LitStr = input.parse()?;
    if !input.is_empty() {
        return Err(input.error("unexpected tokens after the message"));
    }
    Ok(lit)
}

fn value_of(input: ParseStream, word: &str) -> syn::Result<Kind> {
    Ok(match word {
        "min" | "max" => {
            let e: Expr = input.parse()?;
            if let Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) = &e
                && !iso_date_or_time(&s.value())
            {
                return Err(syn::Error::new(
                    s.span(),
                    "a date or time bound is written in ISO form: \"2024-01-31\", \"2024-01-31T09:30\" or \"09:30\"",
                ));
            }
            if word == "min" {
                Kind::Min(e)
            } else {
                Kind::Max(e)
            }
        }
        "min_len" => Kind::MinLen(input.parse()?),
        "max_len" => Kind::MaxLen(input.parse()?),
        "pattern" => {
            let lit: LitStr = input.parse()?;
            if let Err(e) = regex_syntax::Parser::new().parse(&lit.value()) {
                let first = e.to_string();
                let last = first.lines().last().unwrap_or("").trim();
                let last = last.strip_prefix("error: ").unwrap_or(last);
                return Err(syn::Error::new(
                    lit.span(),
                    format!("this pattern is not a valid regex: {last}"),
                ));
            }
            Kind::Pattern(lit)
        }
        "one_of" => Kind::OneOf(input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "`one_of` takes a list: `one_of = [Plan::Free, Plan::Pro]`",
            )
        })?),
        _ => Kind::Check(input.parse()?),
    })
}

/// The closest known word to a misspelt one (shared with the attribute check).
pub(super) use ft_template::suggest::did_you_mean;

/// The checks of one field's rules on `__ft_r` (a reference to the value, or to the value in
/// its `Option` for every rule but `required`), each adding its message to `__errors`.
pub(super) fn checks(
    forms: &TokenStream,
    name: &str,
    rules: &[Rule],
    inner: Option<&syn::Type>,
    ty: &syn::Type,
) -> TokenStream {
    let one = |r: &Rule| -> TokenStream {
        // The types carry the rule's span: a rule on a field of the wrong type is reported at
        // the rule, not at the field's type.
        let value_ty = respan(inner.unwrap_or(ty), r.span);
        let ty = respan(ty, r.span);
        let rules = quote!(#forms::rules);
        let call = match &r.kind {
            Kind::Required => quote_spanned!(r.span=> #rules::required::<#ty>(__ft_whole)),
            Kind::Min(e) => quote_spanned!(r.span=> #rules::min::<#value_ty>(__ft_r, #e)),
            Kind::Max(e) => quote_spanned!(r.span=> #rules::max::<#value_ty>(__ft_r, #e)),
            Kind::MinLen(e) => quote_spanned!(r.span=> #rules::min_len::<#value_ty>(__ft_r, #e)),
            Kind::MaxLen(e) => quote_spanned!(r.span=> #rules::max_len::<#value_ty>(__ft_r, #e)),
            Kind::Email => quote_spanned!(r.span=> #rules::email::<#value_ty>(__ft_r)),
            Kind::Url => quote_spanned!(r.span=> #rules::url::<#value_ty>(__ft_r)),
            Kind::OneOf(list) => {
                quote_spanned!(r.span=> #rules::one_of::<#value_ty, _>(__ft_r, &#list))
            }
            // Called directly, so `&String` coerces to a function's `&str`.
            Kind::Check(f) => quote_spanned!(r.span=> {
                let __ft_check = #f;
                #rules::check_result(__ft_check(__ft_r))
            }),
            Kind::Pattern(lit) => quote_spanned! {r.span=> {
                static __FT_RE: ::std::sync::OnceLock<::core::option::Option<#forms::rules::Regex>> =
                    ::std::sync::OnceLock::new();
                match #rules::regex_of(&__FT_RE, #lit) {
                    ::core::option::Option::Some(__ft_re) => #rules::pattern::<#value_ty>(__ft_r, __ft_re, #lit),
                    ::core::option::Option::None => #rules::pattern_unavailable(),
                }
            }},
        };
        let message = match &r.message {
            Some(m) => quote!(::std::string::String::from(#m)),
            None => quote!(__ft_m),
        };
        quote! {
            if let ::core::result::Result::Err(__ft_m) = #call {
                let _ = &__ft_m;
                __errors.add(#name, #message);
            }
        }
    };
    let (whole, inside): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.is_required());
    let whole = whole.into_iter().map(one);
    let inside: Vec<TokenStream> = inside.into_iter().map(one).collect();
    let inside = if inside.is_empty() {
        quote!()
    } else if inner.is_some() {
        // `None` and blank text (an empty box is `Some("")` for text) are not checked.
        // (Nested `if`s: the user's crate may be on an edition without `let` chains.)
        quote!(if let ::core::option::Option::Some(__ft_r) = __ft_whole.as_ref() {
            if !#forms::rules::is_blank(__ft_r) { #(#inside)* }
        })
    } else {
        quote!({ let __ft_r = __ft_whole; #(#inside)* })
    };
    quote!(#(#whole)* #inside)
}

/// `tokens` with every token moved to `span`.
fn respan(tokens: &impl quote::ToTokens, span: Span) -> TokenStream {
    tokens
        .to_token_stream()
        .into_iter()
        .map(|mut t| {
            if let proc_macro2::TokenTree::Group(g) = &t {
                let mut inner = proc_macro2::Group::new(g.delimiter(), respan(&g.stream(), span));
                inner.set_span(span);
                t = proc_macro2::TokenTree::Group(inner);
            } else {
                t.set_span(span);
            }
            t
        })
        .collect()
}

/// `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.f]]` with an optional `Z`/`±HH:MM`, or
/// `HH:MM[:SS[.f]]`, with every part in range.
fn iso_date_or_time(s: &str) -> bool {
    fn num(s: &str, len: usize, lo: u32, hi: u32) -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|n| (lo..=hi).contains(n))
    }
    fn date(s: &str) -> bool {
        let p: Vec<&str> = s.split('-').collect();
        let [y, m, d] = p[..] else { return false };
        let (Some(y), Some(m)) = (num(y, 4, 0, 9999), num(m, 2, 1, 12)) else {
            return false;
        };
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        num(d, 2, 1, days[m as usize - 1]).is_some()
    }
    fn time(s: &str) -> bool {
        let s = s
            .strip_suffix('Z')
            .or_else(|| {
                let cut = s.len().checked_sub(6)?;
                let (t, off) = s.split_at(cut);
                (off.starts_with(['+', '-']) && time_hm(&off[1..])).then_some(t)
            })
            .unwrap_or(s);
        let (hms, frac) = s.split_once('.').unwrap_or((s, "0"));
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        match hms.split(':').collect::<Vec<_>>()[..] {
            [h, m] => time_hm(&format!("{h}:{m}")),
            [h, m, sec] => time_hm(&format!("{h}:{m}")) && num(sec, 2, 0, 60).is_some(),
            _ => false,
        }
    }
    fn time_hm(s: &str) -> bool {
        s.split_once(':')
            .is_some_and(|(h, m)| num(h, 2, 0, 23).is_some() && num(m, 2, 0, 59).is_some())
    }
    match s.split_once(['T', ' ']) {
        Some((d, t)) => date(d) && time(t),
        None => date(s) || (s.len() <= 18 && !s.contains('-') && time(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_bounds() {
        for ok in [
            "2024-01-31",
            "2024-02-29",
            "2024-01-31T09:30",
            "2024-01-31 09:30:05.25",
            "2024-01-31T09:30:00Z",
            "2024-01-31T09:30:00+02:00",
            "09:30",
            "23:59:59",
        ] {
            assert!(iso_date_or_time(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-1",
            "31/01/2024",
            "24:00",
            "9:30",
            "x",
            "",
        ] {
            assert!(!iso_date_or_time(bad), "{bad}");
        }
    }

    #[test]
    fn misspelt_words_get_a_suggestion() {
        assert_eq!(did_you_mean("emial", FIELD_WORDS), Some("email"));
        assert_eq!(did_you_mean("minlen", FIELD_WORDS), Some("min_len"));
        assert_eq!(did_you_mean("oneof", FIELD_WORDS), Some("one_of"));
        assert_eq!(did_you_mean("zzzzzzzz", FIELD_WORDS), None);
    }
}
