//! `ft dev`'s side: a source file's tag macro calls expanded as the compiler expands them, and
//! the decision between applying an edit's markup to the running app and rebuilding.

use super::headers::header;
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// A compiled template's description, at the location it was compiled from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Line (from 1) and column (from 0) of the first token inside its macro call.
    pub line: usize,
    pub col: usize,
    /// Its index among that call's templates.
    pub idx: u32,
    /// The description (`ft_tags::wire`).
    pub nodes: String,
}

/// One tag macro call: its expansion with its templates' descriptions and its nested calls'
/// tokens masked, and those descriptions.
#[derive(Debug, Clone)]
struct Call {
    name: String,
    line: usize,
    masked: String,
    templates: Vec<Template>,
    /// The nested calls compiled into its templates, by name.
    names: BTreeSet<String>,
}

/// A source file as `ft dev` compares it: the code around the tag macro calls, and the calls.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    rest: String,
    /// The identifiers of `rest`, but for macro calls' names.
    idents: BTreeSet<String>,
    calls: Vec<Call>,
    /// Where each `line!()` / `column!()` is: its value is where it is written.
    places: Vec<(usize, usize)>,
}

/// What an edit needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nothing that ends up in the program changed (comments, spacing). The file is as built:
    /// after a hot reload of an earlier save, the app still renders that save's markup until it
    /// is sent the file's empty list (`ft_html::hot::apply(file, &[])`).
    Unchanged,
    /// Only markup changed: these templates (at the locations the app was built with) take
    /// these descriptions; the file's other templates are as built.
    Hot(Vec<Template>),
    /// Anything else: a rebuild, and why.
    Rebuild(String),
}

/// Expands every tag macro call of `src` (a Rust source file) as the compiler does.
pub fn scan(src: &str) -> Result<Scan, String> {
    // Spans of earlier scans are never read again: free their source text.
    proc_macro2::extra::invalidate_current_thread_spans();
    // rustc drops a leading byte order mark before it counts lines and columns, and reads
    // `\r\n` as `\n` (in a raw string literal too).
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let src = src.replace("\r\n", "\n");
    let tokens: TokenStream = src.parse().map_err(|e| format!("{e}"))?;
    let mut places = Vec::new();
    find_places(tokens.clone(), &mut places);
    let mut calls = Vec::new();
    let rest = walk(tokens, &mut calls);
    let mut idents = BTreeSet::new();
    collect_idents(rest.clone(), &mut idents);
    Ok(Scan {
        rest: rest.to_string(),
        idents,
        calls,
        places,
    })
}

/// `before` is the file as the running app was built from, `after` as saved now.
pub fn decide(before: &Scan, after: &Scan) -> Decision {
    if before.rest != after.rest {
        return Decision::Rebuild("Rust code outside the tag macros changed".into());
    }
    if before.places != after.places {
        return Decision::Rebuild("a line!() or column!() moved: its value changed".into());
    }
    if before.calls.len() != after.calls.len() {
        return Decision::Rebuild("a tag macro call was added or removed".into());
    }
    let mut hot = Vec::new();
    for (b, a) in before.calls.iter().zip(&after.calls) {
        if b.name != a.name {
            return Decision::Rebuild(format!("line {}: {}! became {}!", a.line, b.name, a.name));
        }
        if b.masked != a.masked && b.templates.is_empty() {
            return Decision::Rebuild(format!(
                "{}! at line {}: not compiled into a template (no nested tags), so its markup is code",
                a.name, a.line
            ));
        }
        if b.masked != a.masked || b.templates.len() != a.templates.len() {
            return Decision::Rebuild(format!(
                "{}! at line {}: values, code or structure changed, not only markup",
                a.name, a.line
            ));
        }
        // A tag name new to the call is compiled as ft's tag, as the compiler would, unless
        // the file names something else so (`use my::Hr;`, `macro_rules! Hr`): the
        // compiler's check that the name is ft's macro is then needed (a glob import of
        // another macro of that name is only caught by the next rebuild).
        if let Some(new) = a
            .names
            .difference(&b.names)
            .find(|n| after.idents.contains(*n))
        {
            return Decision::Rebuild(format!(
                "{}! at line {}: {new}! is named elsewhere in the file; the compiler checks which macro it is",
                a.name, a.line
            ));
        }
        // A call of another macro of the same name (`use ft_html::Span as Em;`, a
        // `macro_rules! Em` of the file's) is compiled as that macro's, not as scanned here.
        let changed = b
            .templates
            .iter()
            .zip(&a.templates)
            .any(|(b, a)| b.nodes != a.nodes);
        if changed && after.idents.contains(&a.name) {
            return Decision::Rebuild(format!(
                "{}! at line {}: the file names {}! otherwise; the compiler decides which macro it is",
                a.name, a.line, a.name
            ));
        }
        for (bt, at) in b.templates.iter().zip(&a.templates) {
            if bt.nodes != at.nodes {
                hot.push(Template {
                    nodes: at.nodes.clone(),
                    ..bt.clone()
                });
            }
        }
    }
    if hot.is_empty() {
        Decision::Unchanged
    } else {
        Decision::Hot(hot)
    }
}

/// `tokens` with each tag macro call's arguments replaced by a marker, the calls (and the
/// calls left in their expansions) appended to `calls` in source order.
fn walk(tokens: TokenStream, calls: &mut Vec<Call>) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        // Left as written: any edit there is Rust code changed.
        if let Some(n) = opaque_at(&trees, i) {
            out.extend(trees[i..i + n].iter().cloned());
            i += n;
            continue;
        }
        if call_at(&trees, i).is_some() && !ours(&trees, i) {
            out.extend(trees[i..i + 3].iter().cloned());
            i += 3;
            continue;
        }
        if let Some((name, group)) = call_at(&trees, i) {
            // `Td!(@__ft_plain_tag)`: a resolution check the expansion wrote, not a call.
            if !is_check(group) {
                expand_call(&name.to_string(), group, calls);
            }
            out.extend(trees[i..i + 2].iter().cloned());
            out.push(masked_group(group));
            i += 3;
            continue;
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), walk(g.stream(), calls));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            t => out.push(t.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// A tag macro call `Name!(..)` (any delimiter) starting at `i`.
fn call_at(trees: &[TokenTree], i: usize) -> Option<(&Ident, &Group)> {
    match (trees.get(i)?, trees.get(i + 1)?, trees.get(i + 2)?) {
        (TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(g))
            if bang.as_char() == '!' && header(&name.to_string()).is_some() =>
        {
            Some((name, g))
        }
        _ => None,
    }
}

/// The std macros whose arguments are expressions, compiled where they are written: tag
/// macro calls in them are calls of their own.
const PLAIN_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "dbg",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "matches",
    "panic",
    "print",
    "println",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];

/// The length of what starts at `i` when it is code whose tag macro calls are not compiled
/// where they are written, so cannot be told from the text: a `macro_rules!` definition (its
/// calls are compiled once per use, with the use's tokens for its `$x`, at the definition's
/// location), or a call of another macro (which may hand its tokens to a tag macro of its
/// own, as part of that call's template). `ft dev` rebuilds for any edit there.
fn opaque_at(trees: &[TokenTree], i: usize) -> Option<usize> {
    let (TokenTree::Ident(name), TokenTree::Punct(bang)) = (trees.get(i)?, trees.get(i + 1)?)
    else {
        return None;
    };
    if bang.as_char() != '!' {
        return None;
    }
    let name = name.to_string();
    match trees.get(i + 2)? {
        TokenTree::Ident(_) if name == "macro_rules" => {
            matches!(trees.get(i + 3)?, TokenTree::Group(_)).then_some(4)
        }
        TokenTree::Group(_)
            if header(&name).is_none() && !PLAIN_MACROS.contains(&name.as_str()) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// Is the call at `i` by a bare name or by a path from `ft_html` (`ft_html::prelude::Div!`)?
/// Another path (`other::Div!`) names another crate's macro: left as written.
fn ours(trees: &[TokenTree], i: usize) -> bool {
    let colon =
        |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == ':');
    let mut j = i;
    let mut first = None;
    while j >= 2 && colon(trees.get(j - 1)) && colon(trees.get(j - 2)) {
        match j.checked_sub(3).and_then(|k| trees.get(k)) {
            Some(TokenTree::Ident(seg)) => {
                first = Some(seg.to_string());
                j -= 3;
            }
            // A leading `::`.
            _ => break,
        }
    }
    first.is_none_or(|f| f == "ft_html")
}

fn is_check(g: &Group) -> bool {
    matches!(g.stream().into_iter().next(), Some(TokenTree::Punct(p)) if p.as_char() == '@')
}

fn masked_group(g: &Group) -> TokenTree {
    let marker = TokenTree::Ident(Ident::new("__ft_call", Span::call_site()));
    TokenTree::Group(Group::new(g.delimiter(), marker.into()))
}

/// Expands one call in recording mode (its nested calls that stay calls are expanded in turn).
fn expand_call(name: &str, group: &Group, calls: &mut Vec<Call>) {
    // A call written exactly as before, at the same place, expands as before: most of a
    // file's calls on each save (`ft dev` scans the whole file).
    let key = group.span().source_text().map(|text| {
        let at = group.span().start();
        format!("{name} {}:{} {text}", at.line, at.column)
    });
    if let Some(hit) = key
        .as_ref()
        .and_then(|k| CACHE.with(|c| c.borrow().get(k).cloned()))
    {
        calls.extend(hit);
        return;
    }
    let at = calls.len();
    expand_uncached(name, group, calls);
    if let Some(key) = key {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CACHE_MAX {
                c.clear();
            }
            c.insert(key, calls[at..].to_vec());
        });
    }
}

/// Calls kept by [`expand_call`]'s cache (per thread) before it starts over.
const CACHE_MAX: usize = 20_000;

thread_local! {
    /// A call's expansion (with the calls it left), by name, place and exact source text.
    static CACHE: RefCell<HashMap<String, Vec<Call>>> = RefCell::new(HashMap::new());
}

#[cfg(test)]
thread_local! {
    /// How many calls this thread expanded (not from the cache).
    pub(super) static EXPANDED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn expand_uncached(name: &str, group: &Group, calls: &mut Vec<Call>) {
    #[cfg(test)]
    EXPANDED.with(|n| n.set(n.get() + 1));
    let line = group
        .stream()
        .into_iter()
        .next()
        .map_or(0, |t| t.span().start().line);
    let Some(head) = header(name).and_then(|h| h.parse::<TokenStream>().ok()) else {
        return;
    };
    let mut input = head;
    input.extend(";".parse::<TokenStream>().ok());
    input.extend(group.stream());
    let (expansion, recorded) = super::record(input);
    let at = calls.len();
    calls.push(Call {
        name: name.to_string(),
        line,
        masked: String::new(),
        templates: recorded.templates,
        names: recorded.names,
    });
    let masked = walk(expansion, calls);
    calls[at].masked = Group::new(Delimiter::None, masked).stream().to_string();
}

/// The identifiers of `tokens`, but for the names of macro calls (`Div` of `Div!(..)`): what
/// the file names otherwise (`use my::Em;`, `macro_rules! Em`).
fn collect_idents(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        let called = matches!(it.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
        match t {
            TokenTree::Ident(i) if !called => {
                out.insert(i.to_string());
            }
            TokenTree::Group(g) => collect_idents(g.stream(), out),
            _ => {}
        }
    }
}

/// The locations of the `line!` and `column!` calls in `tokens`.
fn find_places(tokens: TokenStream, out: &mut Vec<(usize, usize)>) {
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        let called = matches!(it.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
        match t {
            TokenTree::Ident(i) if called && (i == "line" || i == "column") => {
                let at = i.span().start();
                out.push((at.line, at.column));
            }
            TokenTree::Group(g) => find_places(g.stream(), out),
            _ => {}
        }
    }
}
