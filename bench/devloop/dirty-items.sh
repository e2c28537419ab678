#!/usr/bin/env bash
# Which items an edit dirties for rustc's incremental cache, when an attribute macro wrote them
# (docs/compile-time.md, "Which items an edit dirties"). Self-contained: a 30-line attribute macro,
# no ft code, plain rustc.
#
#   bench/devloop/dirty-items.sh [WORK]
#
# The macro turns `#[route(V)] fn pK() -> usize { body }` into `struct pK;` and
# `impl pK { fn call() -> usize { body } }`. The app has four such functions; the first one's
# string grows between two builds. `#[rustc_clean(cfg = "rev2")]` on pK (rustc's own test
# attribute, with -Z query-dep-graph under RUSTC_BOOTSTRAP=1) makes the second build name
# each item whose HIR or later queries had to be redone. Three versions of the macro:
#
#   call-site  every token it writes has Span::call_site(), as quote! gives it
#   resolved   those tokens resolved at the user's function name (ft-macros' anchor)
#   resolved+vec  the same, with a vec![..] in each body (any macro call in the body)
set -euo pipefail
work=${1:-$(mktemp -d /tmp/ft-dirty.XXXXXX)}
mkdir -p "$work"
cd "$work"
cat >pm.rs <<'EOF'
extern crate proc_macro;
use proc_macro::{Delimiter, Group, Span, TokenStream, TokenTree};

fn respan(ts: TokenStream, to: Option<Span>) -> TokenStream {
    ts.into_iter()
        .map(|t| match (t, to) {
            (TokenTree::Group(g), Some(s)) => {
                let mut n = Group::new(g.delimiter(), respan(g.stream(), to));
                n.set_span(s);
                TokenTree::Group(n)
            }
            (mut t, Some(s)) => { t.set_span(s); t }
            (t, None) => t,
        })
        .collect()
}

#[proc_macro_attribute]
pub fn route(attr: TokenStream, item: TokenStream) -> TokenStream {
    let toks: Vec<TokenTree> = item.into_iter().collect();
    let name = toks.iter().skip_while(|t| t.to_string() != "fn").nth(1).unwrap().clone();
    let TokenTree::Group(body) = toks.last().unwrap().clone() else { panic!("a body") };
    let to = (attr.to_string() != "call_site").then(|| Span::call_site().resolved_at(name.span()));
    let made = |s: &str| respan(s.parse().unwrap(), to);
    let mut out = made("#[rustc_clean(cfg = \"rev2\")] #[allow(non_camel_case_types)] struct");
    out.extend([name.clone()]);
    out.extend(made("; impl"));
    out.extend([name.clone()]);
    let mut inner = made("#[rustc_clean(cfg = \"rev2\")] fn call() -> usize");
    inner.extend([TokenTree::Group(body)]);
    let mut block = Group::new(Delimiter::Brace, inner);
    block.set_span(to.unwrap_or_else(Span::call_site));
    out.extend([TokenTree::Group(block)]);
    out
}
EOF
rustc --edition 2021 --crate-type proc-macro pm.rs -o libpm.so

app() { # version, the first string, the body's form
  echo '#![feature(rustc_attrs)] #![allow(internal_features, dead_code)] extern crate pm;'
  for k in 0 1 2 3; do
    s="\"text $k\""
    [ "$k" = 0 ] && s="\"$2\""
    [ "$3" = vec ] && body="vec![$s].len()" || body="$s.len()"
    printf '#[pm::route(%s)]\nfn p%s() -> usize { %s }\n' "$1" "$k" "$body"
  done
  echo 'fn main() {}'
}

for v in call_site resolved resolved+vec; do
  mac=${v%+vec}
  form=$([ "$v" = resolved+vec ] && echo vec || echo len)
  rm -rf inc
  app "$mac" "text 0" "$form" >app.rs
  RUSTC_BOOTSTRAP=1 rustc --edition 2021 app.rs --extern pm=libpm.so -C incremental=inc \
    -Z query-dep-graph --cfg rev1 -o app 2>/dev/null
  app "$mac" "text 0, longer" "$form" >app.rs
  dirty=$(RUSTC_BOOTSTRAP=1 rustc --edition 2021 app.rs --extern pm=libpm.so -C incremental=inc \
    -Z query-dep-graph --cfg rev2 -o app 2>&1 | grep -oE '`[a-z_]+\([a-z0-9_:]+\)` should be clean' |
    grep -v 'p0' | sed 's/ should be clean//' | sort -u | paste -sd' ' || true)
  echo "$v: items after the edit redone: ${dirty:-none}"
done
