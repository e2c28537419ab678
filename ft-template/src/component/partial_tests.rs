//! Unit tests: a call cut short while the user types it (as rust-analyzer expands it, its
//! delimiters balanced) expands to its complete items, followed by an error at the broken one.

use super::expand;
use proc_macro2::{Group, TokenStream, TokenTree};

const DIV: &str = r#"{::k}, {mk()}, [], [], nonvoid("div", Div);"#;

/// The expansion of the tag call with header `header` and items `items`.
fn expand_items(header: &str, items: TokenStream) -> TokenStream {
    let mut input: TokenStream = header.parse().unwrap();
    input.extend(items);
    expand(input)
}

fn expand_str(header: &str, items: &str) -> String {
    expand_items(header, items.parse().unwrap()).to_string()
}

/// Whether `tokens` has a token written `token` (an identifier or a literal), at any depth;
/// a string literal may also be one of the strings of a template's description
/// (`ft_tags::wire`'s text, as debug builds write it).
fn has_token(tokens: &TokenStream, token: &str) -> bool {
    let text = token.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Group(g) => has_token(&g.stream(), token),
        TokenTree::Literal(l) if text.is_some_and(|x| wire_strings(&l).contains(&x.to_owned())) => {
            true
        }
        t => t.to_string() == token,
    })
}

/// The strings of a template's description, when `literal` is one.
fn wire_strings(literal: &proc_macro2::Literal) -> Vec<String> {
    use ft_tags::markup::Node;
    let Ok(syn::Lit::Str(s)) = syn::parse2::<syn::Lit>(TokenTree::Literal(literal.clone()).into())
    else {
        return Vec::new();
    };
    let text = s.value();
    let Ok(nodes) = ft_tags::wire::decode(&text) else {
        return Vec::new();
    };
    nodes
        .iter()
        .flat_map(|n| match n {
            Node::Text(t) => vec![t.to_string()],
            Node::Attr(name, value) => vec![name.to_string(), value.to_string()],
            _ => vec![],
        })
        .collect()
}

/// Whether the expansion `out` has a template whose description holds the text `x`.
fn has_text_x(out: &str) -> bool {
    out.contains(r#"Node :: Text ("x")"#) || out.contains("T1:x")
}

/// Every prefix of `tokens` cut at a token boundary, at any depth, the groups it cuts closed
/// (as rust-analyzer balances them), with how many of its top-level tokens are whole; the
/// whole of `tokens` last.
fn prefixes(tokens: &[TokenTree]) -> Vec<(usize, Vec<TokenTree>)> {
    let mut all = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        all.push((i, tokens[..i].to_vec()));
        if let TokenTree::Group(g) = t {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let mut cut = prefixes(&inner);
            cut.pop();
            for (_, p) in cut {
                let mut prefix = tokens[..i].to_vec();
                let group = Group::new(g.delimiter(), p.into_iter().collect());
                prefix.push(TokenTree::Group(group));
                all.push((i, prefix));
            }
        }
    }
    all.push((tokens.len(), tokens.to_vec()));
    all
}

/// Whether the prefix's last item is cut where no item can end: after a macro's `!` (its
/// arguments not yet written), an attribute's `=`, a `.`, a `:` or a `-`.
fn cut_short(prefix: &[TokenTree]) -> bool {
    match prefix.last() {
        Some(TokenTree::Punct(p)) => "!=.:-".contains(p.as_char()),
        _ => false,
    }
}

/// Each prefix of `items` expands to the items it has whole (each of `markers`, a token of
/// the item ending before top-level token number `end`, is in the expansion), and to one
/// `compile_error!` exactly when it is cut short.
fn check_prefixes(header: &str, items: &str, markers: &[(usize, &str)]) {
    let tokens: Vec<TokenTree> = items.parse::<TokenStream>().unwrap().into_iter().collect();
    let all = prefixes(&tokens);
    // Each top-level cut, at least one inside a group, and the whole.
    assert!(all.len() > tokens.len() + 1, "{}", all.len());
    for (whole, prefix) in all {
        let shown = prefix.iter().cloned().collect::<TokenStream>().to_string();
        let out = expand_items(header, prefix.iter().cloned().collect());
        let errors = out.to_string().matches("compile_error").count();
        let expected = usize::from(cut_short(&prefix));
        assert_eq!(errors, expected, "`{shown}`: {out}");
        for (end, marker) in markers {
            if *end <= whole {
                assert!(has_token(&out, marker), "`{shown}` lost {marker}: {out}");
            }
        }
    }
}

#[test]
fn every_prefix_of_a_call_keeps_its_complete_items() {
    // `P ! ("x") , Span ! (name) , cls = "a" , hx_get = url`: top-level tokens 0..=14.
    check_prefixes(
        DIV,
        r#"P!("x"), Span!(name), cls = "a", hx_get = url"#,
        &[(3, "\"x\""), (7, "name"), (11, "\"a\""), (15, "url")],
    );
    // Fields, paths, spreads and hyphenated names, given one by one (not a template).
    check_prefixes(
        DIV,
        "tt.field, a::bb, ..pairs, data-x = f(yy)",
        &[(3, "field"), (8, "bb"), (12, "pairs"), (19, "yy")],
    );
    // A helper's header (its children are given one by one).
    check_prefixes(
        "{::k}, {mk()}, [header], [], nonvoid;",
        r#"P!("x"), header = name, Li!(url)"#,
        &[(3, "\"x\""), (7, "name"), (11, "url")],
    );
}

/// The `compile_error!` messages of an expansion, in order.
fn errors(out: &str) -> Vec<&str> {
    out.split(":: core :: compile_error ! { \"")
        .skip(1)
        .map(|e| e.split("\" }").next().unwrap())
        .collect()
}

#[test]
fn each_broken_item_is_reported_in_source_order_after_the_others() {
    let out = expand_str(DIV, r#"P!("x"), cls = , ., a b, hx_get = "/a""#);
    assert_eq!(
        errors(&out),
        [
            "attribute `cls` has no value: write `cls = value`",
            "expected an expression; a tag macro takes children (`P!(\\\"text\\\")`) and attributes (`cls = \\\"x\\\"`), separated by commas",
            "expected `,` between items; a tag macro takes children and `name = value` attributes separated by commas",
        ],
        "{out}"
    );
    // The element built from the others is the block's value, after the errors.
    assert!(out.starts_with("{ let __ft_partial = {"), "{out}");
    assert!(out.ends_with("} __ft_partial }"), "{out}");
    assert!(has_text_x(&out), "{out}");
    assert!(
        out.contains(r#"AttrSlot ("hx-get""#)
            || out.contains(r#"Attr ("hx-get" , "/a")"#)
            || out.contains("S6:hx-get")
            || out.contains("A6:hx-get2:/a"),
        "{out}"
    );
}

#[test]
fn a_field_or_value_being_typed_is_kept_in_a_block_never_run() {
    let kept = |items: &str| {
        let out = expand_str(DIV, items);
        assert_eq!(errors(&out).len(), 1, "{out}");
        let blocks: Vec<String> = out
            .split("if false { let _ = & (")
            .skip(1)
            .map(|b| b.split(") ; }").next().unwrap().to_string())
            .collect();
        blocks
    };
    assert_eq!(kept(r#"P!("x"), t."#), ["t"]);
    assert_eq!(kept("cls = t.u."), ["t . u"]);
    assert_eq!(kept("..pairs."), ["pairs"]);
    assert_eq!(kept("data-x = f(y).len()."), ["f (y) . len ()"]);
    // Nothing that parses: the error only.
    for items in ["cls =", "t::", "a b", ". x", "..", "cls: x", "hx_get => u"] {
        assert!(kept(items).is_empty(), "{items}");
    }
}

#[test]
fn refused_items_are_reported_in_source_order_too_and_their_siblings_kept() {
    let out = expand_str(
        DIV,
        r#"P!("x"), hfer = y, cls = "a", class = "b", z., id = w"#,
    );
    let errors = errors(&out);
    assert_eq!(errors.len(), 3, "{out}");
    assert!(errors[0].contains("hfer"), "{out}");
    assert_eq!(
        errors[1],
        "attribute `class` is given twice (as `cls` and `class`); keep one"
    );
    assert!(errors[2].starts_with("expected identifier"), "{out}");
    assert!(has_text_x(&out), "{out}");
    let tokens = out.parse().unwrap();
    assert!(
        has_token(&tokens, r#""a""#) && has_token(&tokens, "w"),
        "{out}"
    );
    assert!(!has_token(&tokens, r#""b""#), "{out}");
    // The misspelt attribute's value is kept, like a partial item's.
    assert!(
        out.contains("if false { let _ = & (y) ; } if false { let _ = & (z) ; }"),
        "{out}"
    );
}
