//! SPEC 1N: JS helper headers (`fasthtml.js`). Expected strings are FastHTML 0.14.14's output
//! unless a comment names a deliberate difference.

use ft_html::prelude::*;

// SPEC 1.122. Deliberate difference: FastHTML's script sets `innerHTML` to marked's HTML as it
// is, so Markdown text holding `<img src=x onerror=..>` runs script in every visitor's page
// (stored XSS, SPEC Appendix B). ft's default sanitizes it with DOMPurify (served by ft-web at
// `/_ft/`); `.trusted()` is FastHTML's exact script.
#[test]
fn markdown_js() {
    const FASTHTML: &str = "<script type=\"module\">import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\nproc_htmx('.marked', e => e.innerHTML = marked.parse(e.textContent));</script>";
    assert_eq!(MarkdownJS().trusted().into_ft().render(), FASTHTML);
    assert_eq!(
        MarkdownJS().into_ft().render(),
        "<script type=\"module\">import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\n\
         import '/_ft/purify-3.5.0.min.js';\n\
         const clean = html => DOMPurify.sanitize(html, {FORBID_TAGS: ['style', 'form']});\n\
         proc_htmx('.marked', e => e.innerHTML = clean(marked.parse(e.textContent)));</script>"
    );
    // The same single module script otherwise; `purify_src` moves DOMPurify and re-enables it.
    let moved = MarkdownJS()
        .trusted()
        .purify_src("/static/purify.min.js")
        .into_ft()
        .render();
    assert!(
        moved.contains("import '/static/purify.min.js';\n"),
        "{moved}"
    );
    assert!(moved.contains("e.innerHTML = clean(marked.parse(e.textContent))"));
    assert!(
        MarkdownJS()
            .sel("#doc .md")
            .into_ft()
            .render()
            .contains("proc_htmx('#doc .md', ")
    );
}

// SPEC 1.122 (deliberate difference: FastHTML pastes the selector into the JS string as it is,
// `proc_htmx('.a'b', ...)`; ft escapes it for a single-quoted string).
#[test]
fn markdown_js_escapes_selector() {
    assert!(
        MarkdownJS()
            .sel(".a'b")
            .into_ft()
            .render()
            .contains(r"proc_htmx('.a\'b', ")
    );
}

// SPEC 1.123
#[test]
fn highlight_js() {
    let h = HighlightJS().langs(["python", "js"]);
    assert_eq!(h.items().len(), 8);
    let expected = "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/styles/atom-one-dark.css\" media=\"(prefers-color-scheme: dark)\">
<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/styles/atom-one-light.css\" media=\"(prefers-color-scheme: light)\">
<script src=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/highlight.min.js\"></script><script src=\"https://cdn.jsdelivr.net/gh/arronhunt/highlightjs-copy/dist/highlightjs-copy.min.js\"></script><link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/gh/arronhunt/highlightjs-copy/dist/highlightjs-copy.min.css\">
<script src=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/languages/python.min.js\"></script><script src=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/languages/js.min.js\"></script><script type=\"module\">
hljs.addPlugin(new CopyButtonPlugin());
hljs.configure({'cssSelector': 'pre code:not([data-highlighted=\"yes\"])'});
htmx.onLoad(hljs.highlightAll);</script>";
    assert_eq!(h.into_ft().to_xml(), expected);
    // Defaults: one language (python), 7 items.
    let d = HighlightJS();
    assert_eq!(d.items().len(), 7);
    assert!(d.into_ft().render().contains("languages/python.min.js"));
    let themed = HighlightJS()
        .light("github")
        .dark("github-dark")
        .into_ft()
        .render();
    assert!(themed.contains("styles/github.css\" media=\"(prefers-color-scheme: light)\""));
    assert!(themed.contains("styles/github-dark.css\" media=\"(prefers-color-scheme: dark)\""));
}

// Self-hosted highlight.js: every URL under the given folders, none on the CDN; the same
// elements otherwise.
#[test]
fn highlight_js_self_hosted() {
    let h = HighlightJS()
        .langs(["rust"])
        .light("github")
        .base("/static/hljs/")
        .copy_base("/static/hljs-copy");
    let urls: Vec<String> = h
        .items()
        .iter()
        .filter_map(|e| e.get_str("src").or_else(|| e.get_str("href")))
        .map(|u| u.into_owned())
        .collect();
    assert_eq!(
        urls,
        [
            "/static/hljs/styles/atom-one-dark.css",
            "/static/hljs/styles/github.css",
            "/static/hljs/highlight.min.js",
            "/static/hljs-copy/highlightjs-copy.min.js",
            "/static/hljs-copy/highlightjs-copy.min.css",
            "/static/hljs/languages/rust.min.js",
        ]
    );
    let cdn = HighlightJS()
        .langs(["rust"])
        .light("github")
        .into_ft()
        .to_xml();
    let local = h.into_ft().to_xml();
    assert!(!local.contains("cdn.jsdelivr"), "{local}");
    assert_eq!(
        local
            .replace(
                "/static/hljs-copy",
                "https://cdn.jsdelivr.net/gh/arronhunt/highlightjs-copy/dist"
            )
            .replace(
                "/static/hljs",
                "https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build"
            ),
        cdn
    );
}

// SPEC 1.124
#[test]
fn sortable_and_mermaid_js() {
    assert_eq!(
        SortableJS().into_ft().render(),
        "<script type=\"module\">\nimport {Sortable} from 'https://cdn.jsdelivr.net/npm/sortablejs/+esm';\nproc_htmx('.sortable', Sortable.create);\n</script>"
    );
    let m = MermaidJS().into_ft().render();
    assert!(m.contains("mermaid@11"));
    assert!(m.contains("theme: 'base'"));
    let expected = "<script type=\"module\">\nimport mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs';\n\nmermaid.initialize({\n    startOnLoad: false,\n    theme: 'base',\n    securityLevel: 'loose',\n    flowchart: { useMaxWidth: false, useMaxHeight: false }\n});\n\nfunction renderMermaidDiagrams(element, index) {\n    try {\n        const graphDefinition = element.textContent;\n        const graphId = `mermaid-diagram-${index}`;\n        mermaid.render(graphId, graphDefinition)\n            .then(({svg, bindFunctions}) => {\n                element.innerHTML = svg;\n                bindFunctions?.(element);\n            })\n            .catch(error => {\n                console.error(`Error rendering Mermaid diagram ${index}:`, error);\n                element.innerHTML = `<p>Error rendering diagram: ${error.message}</p>`;\n            });\n    } catch (error) {\n        console.error(`Error processing Mermaid diagram ${index}:`, error);\n    }\n}\n\n// Assuming proc_htmx is a function that triggers rendering\nproc_htmx('.language-mermaid', renderMermaidDiagrams);\n</script>";
    assert_eq!(m, expected);
    let custom = MermaidJS().sel(".mmd").theme("dark").into_ft().render();
    assert!(
        custom.contains("theme: 'dark'")
            && custom.contains("proc_htmx('.mmd', renderMermaidDiagrams);")
    );
}

// SPEC 1.125. Deliberate differences: FastHTML writes `if ([['equation',...]].includes(env))`
// (a list inside a list, so no environment ever matches); ft writes `['equation',...]`. And,
// as MarkdownJS, ft sanitizes the HTML with DOMPurify by default (`.trusted()` does not).
#[test]
fn katex_markdown_js() {
    let k = KatexMarkdownJS();
    let (script, css) = k.parts();
    assert_eq!(k.build().children().len(), 2);
    assert_eq!(
        css.render(),
        r#"<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.css">"#
    );
    let attrs: Vec<_> = script
        .as_element()
        .map(|e| e.attrs().to_vec())
        .unwrap_or_default();
    assert_eq!(attrs.len(), 1);
    assert_eq!(attrs[0].name, "type");
    assert!(attrs[0].value.is("module"));
    // FastHTML's script, with the environment list fixed.
    let fasthtml = "<script type=\"module\">import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\nimport katex from \"https://cdn.jsdelivr.net/npm/katex/dist/katex.mjs\";\n\nconst renderMath = (tex, displayMode) => { return katex.renderToString(tex, {\n    throwOnError: false, displayMode: displayMode, output: 'html', trust: true\n}) };\n\nconst processLatexEnvironments = (content) => {\n    return content.replace(/\\\\begin{(\\w+)}([\\s\\S]*?)\\\\end{\\1}/g, (match, env, innerContent) => {\n        if ([['equation','align','gather','multline']].includes(env)) { return `\\$\\$${match}\\$\\$`; }\n        return match;\n}) };\n\nproc_htmx('.marked', e => {\n    let content = processLatexEnvironments(e.textContent);\n    // Display math (including environments)\n    content = content.replace(/\\$\\$([\\s\\S]+?)\\$\\$/gm, (_, tex) => renderMath(tex.trim(), true));\n    // Inline math\n    content = content.replace(/(?<!\\w)\\$([^\\$\\s](?:[^\\$]*[^\\$\\s])?)\\$(?!\\w)/g, (_, tex) => renderMath(tex.trim(), false));\n    e.innerHTML = marked.parse(content);\n});\n\n</script>";
    let fixed = fasthtml.replace(
        "[['equation','align','gather','multline']]",
        "['equation','align','gather','multline']",
    );
    assert_eq!(KatexMarkdownJS().trusted().parts().0.render(), fixed);
    let sanitized = fixed
        .replace(
            "katex.mjs\";\n",
            "katex.mjs\";\nimport '/_ft/purify-3.5.0.min.js';\n\
             const clean = html => DOMPurify.sanitize(html, {FORBID_TAGS: ['style', 'form']});\n",
        )
        .replace(
            "e.innerHTML = marked.parse(content);",
            "e.innerHTML = clean(marked.parse(content));",
        );
    assert_eq!(script.render(), sanitized);
    // Custom delimiters are regex-escaped like Python's re.escape.
    let (s, _) = KatexMarkdownJS()
        .sel(".m")
        .inline_delim(r"\(")
        .display_delim(r"\[")
        .math_envs(["a", "b"])
        .parts();
    let s = s.render();
    assert!(s.contains(r"if (['a','b'].includes(env)) { return `\\\[${match}\\\[`; }"));
    assert!(s.contains(r"content.replace(/\\\[([\s\S]+?)\\\[/gm"));
    assert!(s.contains(r"/(?<!\w)\\\(([^\\\(\s](?:[^\\\(]*[^\\\(\s])?)\\\((?!\w)/g"));
    assert!(s.contains("proc_htmx('.m', e => {"));
}

// SPEC 1.126
#[test]
fn light_and_dark_media() {
    assert_eq!(
        light_media("a{}").render(),
        "<style>@media (prefers-color-scheme: light) {a{}}</style>"
    );
    assert_eq!(
        dark_media("b{}").render(),
        "<style>@media (prefers-color-scheme:  dark) {b{}}</style>"
    );
    assert_eq!(
        light_media("a{}").to_xml(),
        "<style>@media (prefers-color-scheme: light) {a{}}</style>\n"
    );
}
