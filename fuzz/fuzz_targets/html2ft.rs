//! html2ft on any text: it must not panic, and its output must be Rust that parses (the
//! module promises "any input is accepted; the output is always valid Rust"), with either
//! option.
#![no_main]

use ft_html::html2ft::{Options, html2ft_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the option, so both layouts are fuzzed from one corpus.
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(html) = std::str::from_utf8(rest) else {
        return;
    };
    let opts = Options::default().attrs_first(flags & 1 == 1);
    let src = html2ft_with(html, &opts);
    if let Err(e) = syn::parse_str::<syn::Expr>(&src) {
        panic!("html2ft's output is not a Rust expression ({e}):\n{src}\n--- from ---\n{html:?}");
    }
});
