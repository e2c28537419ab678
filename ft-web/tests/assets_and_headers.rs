//! Front-end assets / default headers (SPEC 5.2-5.6, 5.11, 5.12): the embedded assets, the
//! default headers, exts, htmx 4, Pico. Each test cites the SPEC item and says whether ft
//! matches FastHTML 0.14.14 or differs on purpose (and why). Static files are in
//! `static_files.rs`.

use ft_web::assets;
use ft_web::prelude::*;
use std::path::Path;

fn app() -> FastApp {
    fast_app().secret_key("test-key")
}

#[rt("/page")]
fn page() -> Ft {
    P!("x")
}

/// The `<head>` of a full page.
async fn head(app: FastApp) -> String {
    let cli = Client::new(app.routes(routes![page])).await;
    let r = cli.get("/page").send().await;
    assert_eq!(r.status(), 200);
    let text = r.text();
    let start = text.find("<head>").expect("head") + "<head>".len();
    let end = text.find("</head>").expect("end of head");
    text[start..end].to_owned()
}

/// The `src`s of the `<script>`s in `html`, in order.
fn script_srcs(html: &str) -> Vec<String> {
    html.split("<script src=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap_or(0)].to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Embedded assets
// ---------------------------------------------------------------------------------------------

/// Every asset is served at its versioned URL with its bytes, type and immutable caching.
#[actix_web::test]
async fn assets_are_served_immutable() {
    let cli = Client::new(app()).await;
    for a in assets::all() {
        let r = cli.get(&a.url()).send().await;
        assert_eq!(r.status(), 200, "{}", a.url());
        assert_eq!(r.bytes(), a.bytes(), "{}", a.url());
        assert_eq!(r.header("content-type"), Some(a.content_type()));
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        // The URL carries the version (or, for ft's own files, a content hash).
        if a.package() == "ft" {
            assert!(a.name().contains(&a.sha256()[..8]), "{}", a.name());
        } else {
            assert!(a.name().contains(a.version()), "{}", a.name());
        }
        let etag = r.header("etag").expect("etag").to_owned();
        let r = cli
            .get(&a.url())
            .header("If-None-Match", &etag)
            .send()
            .await;
        assert_eq!(r.status(), 304);
    }
    let htmx = cli.get("/_ft/htmx-2.0.7.min.js").send().await;
    assert_eq!(
        htmx.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(htmx.text().contains("2.0.7"));
    let pico = cli.get("/_ft/pico-2.1.1.min.css").send().await;
    assert_eq!(pico.header("content-type"), Some("text/css; charset=utf-8"));
    for p in [
        "/_ft/nope.js",
        "/_ft/..%2fCargo.toml",
        "/_ft/ft.js",
        "/_ft/",
        "/_ft/VERSIONS",
    ] {
        assert_eq!(cli.get(p).send().await.status(), 404, "{p}");
    }
    assert_eq!(
        cli.post("/_ft/htmx-2.0.7.min.js").send().await.status(),
        405
    );
}

/// `assets/VERSIONS` (written by scripts/vendor-assets) matches what the binary embeds.
#[test]
fn versions_file_matches_embedded_bytes() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/VERSIONS"))
            .expect("assets/VERSIONS");
    let lines: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        // The license is the rest of the line: an SPDX expression may hold spaces.
        .map(|l| l.splitn(5, ' ').collect())
        .collect();
    let vendored: Vec<_> = assets::all()
        .iter()
        .filter(|a| a.package() != "ft")
        .collect();
    assert_eq!(lines.len(), vendored.len());
    for f in &lines {
        let [file, package, version, sha, license] = f[..] else {
            panic!("bad VERSIONS line {f:?}")
        };
        let a = vendored
            .iter()
            .find(|a| a.file() == file)
            .unwrap_or_else(|| panic!("{file} not embedded"));
        assert_eq!(
            (a.package(), a.version(), a.license()),
            (package, version, license),
            "{file}"
        );
        assert_eq!(
            a.sha256(),
            sha,
            "{file}: embedded bytes differ from VERSIONS"
        );
        let on_disk = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets")
                .join(file),
        )
        .expect("asset");
        assert_eq!(on_disk, a.bytes());
    }
}

/// ft.js and surreal.js define what ft-html's helpers call (js.rs, xtend.rs).
#[test]
fn own_scripts_define_what_helpers_call() {
    let ft = std::str::from_utf8(assets::ft_js().bytes()).expect("utf-8");
    for f in [
        "w.proc_htmx",
        "w.domReadyExecute",
        "w.$ =",
        "w.$$ =",
        "w.$E =",
        "w.$H =",
    ] {
        assert!(ft.contains(f), "ft.js lacks {f}");
    }
    let surreal = std::str::from_utf8(assets::surreal_js().bytes()).expect("utf-8");
    for f in [
        "w.me =",
        "w.any =",
        "w.domReadyExecute",
        "e.on =",
        "e.fadeOut",
        "w.sleep",
        "w.tick",
        "w.onloadAdd",
    ] {
        assert!(surreal.contains(f), "surreal.js lacks {f}");
    }
    // What the helpers emit, for reference.
    assert!(MarkdownJS().into_ft().render().contains("proc_htmx("));
    assert!(Surreal("m.hide()").render().contains("domReadyExecute("));
}

// ---------------------------------------------------------------------------------------------
// 5. Default headers, exts, Pico
// ---------------------------------------------------------------------------------------------

// SPEC 5.2: the default headers in FastHTML's order: charset, viewport, htmx, fasthtml.js,
// surreal, css-scope-inline. Deliberate difference: ft links its own copies under /_ft/ (htmx
// minified, ft.js for fasthtml.js, ft's surreal.js), so pages work offline and nothing loads
// from a CDN unless asked.
#[actix_web::test]
async fn spec_5_2_default_headers_are_local() {
    let h = head(FastApp::new().secret_key("k")).await;
    assert!(h.starts_with(
        "<title>FastHTML page</title><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">"
    ), "{h}");
    assert_eq!(
        script_srcs(&h),
        [
            "/_ft/htmx-2.0.7.min.js".to_owned(),
            assets::ft_js().url(),
            assets::surreal_js().url(),
            "/_ft/css-scope-inline-1.0.0.js".to_owned(),
        ]
    );
    assert!(!h.contains("https://"), "{h}");
}

// SPEC 5.2 with `.cdn(true)`: exactly FastHTML's default headers.
#[actix_web::test]
async fn spec_5_2_cdn_headers_are_fasthtmls() {
    let h = head(FastApp::new().secret_key("k").cdn(true)).await;
    assert_eq!(
        h,
        "<title>FastHTML page</title><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\
         <script src=\"https://cdn.jsdelivr.net/npm/htmx.org@2.0.7/dist/htmx.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/answerdotai/fasthtml-js@1.0.12/fasthtml.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/answerdotai/surreal@main/surreal.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/gnat/css-scope-inline@main/script.js\"></script>"
    );
}

// SPEC 5.3: htmx(false) drops htmx and the helper script; surreal(false) drops surreal and
// css-scope-inline; default_hdrs(false) drops everything. Same.
#[actix_web::test]
async fn spec_5_3_header_switches() {
    let srcs = |h: String| script_srcs(&h);
    let no_htmx = srcs(head(FastApp::new().secret_key("k").htmx(false)).await);
    assert_eq!(
        no_htmx,
        [
            assets::surreal_js().url(),
            "/_ft/css-scope-inline-1.0.0.js".to_owned()
        ]
    );
    let no_surreal = srcs(head(FastApp::new().secret_key("k").surreal(false)).await);
    assert_eq!(
        no_surreal,
        ["/_ft/htmx-2.0.7.min.js".to_owned(), assets::ft_js().url()]
    );
    let none = head(FastApp::new().secret_key("k").default_hdrs(false)).await;
    assert_eq!(none, "<title>FastHTML page</title>");
}

// SPEC 5.5: `exts` adds one script per extension after the other headers (after Pico and the
// app's `hdrs`, as FastHTML). Local copies by default; with `.cdn(true)` FastHTML's URLs.
// `sse` is ft's addition (FastHTML has no key for it).
#[actix_web::test]
async fn spec_5_5_exts() {
    let h = head(app().exts(["ws", "preload"]).hdrs(Meta!(name = "mine"))).await;
    let tail = "<meta name=\"mine\"><script src=\"/_ft/htmx-ext-ws-2.0.3.min.js\"></script><script src=\"/_ft/htmx-ext-preload-2.1.1.min.js\"></script>";
    assert!(h.ends_with(tail), "{h}");
    let h = head(app().cdn(true).exts(["ws", "preload"])).await;
    assert!(h.ends_with(
        "<script src=\"https://cdn.jsdelivr.net/npm/htmx-ext-ws@2.0.3/ws.js\"></script><script src=\"https://cdn.jsdelivr.net/npm/htmx-ext-preload@2.1.1/preload.js\"></script>"
    ), "{h}");
    // Every known name loads a served asset; a repeated name is linked once.
    let names: Vec<&str> = assets::htmx_ext_names().collect();
    assert_eq!(
        names,
        [
            "morph",
            "head-support",
            "preload",
            "class-tools",
            "loading-states",
            "multi-swap",
            "path-deps",
            "remove-me",
            "debug",
            "ws",
            "chunked-transfer",
            "sse"
        ]
    );
    let h = head(app().exts(names.iter().chain(&["ws", "sse"]))).await;
    let srcs = script_srcs(&h);
    assert_eq!(srcs.len(), 4 + names.len());
    let cli = Client::new(app()).await;
    for src in &srcs {
        assert_eq!(cli.get(src).send().await.status(), 200, "{src}");
    }
    // Without the default headers the extensions are still added (FastHTML does the same).
    let h = head(
        FastApp::new()
            .secret_key("k")
            .default_hdrs(false)
            .exts(["sse"]),
    )
    .await;
    assert_eq!(script_srcs(&h), ["/_ft/htmx-ext-sse-2.2.4.min.js"]);
}

// SPEC 5.6: an unknown extension name fails at app construction (FastHTML: KeyError). ft:
// `exts` panics with the known names; `try_exts` returns the error. The htmx-4 names (ws4,
// sse4, live, multipart) are known; without `.htmx4(true)` the app's build fails saying so
// (FastHTML would link an htmx 4 extension into an htmx 2 page).
#[test]
#[should_panic(expected = "unknown htmx extension \"nope\"")]
fn spec_5_6_unknown_ext_panics() {
    let _ = fast_app().exts(["ws", "nope"]);
}

#[test]
fn spec_5_6_try_exts_errors() {
    let err = fast_app().try_exts(["nope"]).err().expect("error");
    assert!(
        err.message().contains("known: morph, head-support"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("ws4, sse4, live, multipart"),
        "{}",
        err.message()
    );
    let err = fast_app()
        .secret_key("k")
        .exts(["ws4"])
        .build()
        .err()
        .expect("ws4 without htmx 4");
    assert!(err.to_string().contains(".htmx4(true)"), "{err}");
    assert!(fast_app().try_exts(["ws", "sse"]).is_ok());
}

// SPEC 5.4: `htmx4(true)` writes FastHTML's htmx-config meta (`metaCharacter: -`) after the
// viewport, then htmx 4.0.0 and the helper script. With `.cdn(true)` the head is FastHTML's,
// byte for byte; by default ft links its vendored copies (htmx.org 4.0.0 from npm).
#[actix_web::test]
async fn spec_5_4_htmx4_head_is_fasthtmls() {
    let h = head(FastApp::new().secret_key("k").htmx4(true).cdn(true)).await;
    assert_eq!(
        h,
        "<title>FastHTML page</title><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\
         <meta name=\"htmx-config\" content='{\"metaCharacter\": \"-\"}'>\
         <script src=\"https://cdn.jsdelivr.net/npm/htmx.org@4.0.0/dist/htmx.min.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/answerdotai/fasthtml-js@1.0.12/fasthtml.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/answerdotai/surreal@main/surreal.js\"></script>\
         <script src=\"https://cdn.jsdelivr.net/gh/gnat/css-scope-inline@main/script.js\"></script>"
    );
}

// SPEC 5.4, local copies: the same meta, then /_ft/htmx-4.0.0.min.js (htmx.org 4.0.0, the
// bytes npm serves) and ft.js; the htmx 2 page has no config meta.
#[actix_web::test]
async fn spec_5_4_htmx4_head_is_local() {
    let h = head(FastApp::new().secret_key("k").htmx4(true)).await;
    assert!(
        h.contains(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\"><meta name=\"htmx-config\" content='{\"metaCharacter\": \"-\"}'><script src=\"/_ft/htmx-4.0.0.min.js\"></script>"
        ),
        "{h}"
    );
    assert_eq!(
        script_srcs(&h),
        [
            "/_ft/htmx-4.0.0.min.js".to_owned(),
            assets::ft_js().url(),
            assets::surreal_js().url(),
            "/_ft/css-scope-inline-1.0.0.js".to_owned(),
        ]
    );
    let js = assets::asset("htmx-4.0.0.min.js").expect("served");
    assert_eq!((js.package(), js.version()), ("htmx.org", "4.0.0"));
    assert!(std::str::from_utf8(js.bytes()).unwrap().contains("4.0.0"));
    let cli = Client::new(app()).await;
    assert_eq!(cli.get("/_ft/htmx-4.0.0.min.js").send().await.status(), 200);
    // htmx 2 pages: no config meta; htmx(false) drops the meta with htmx.
    assert!(!head(app()).await.contains("htmx-config"));
    let h = head(FastApp::new().secret_key("k").htmx4(true).htmx(false)).await;
    assert!(!h.contains("htmx-config") && !h.contains("htmx-4"), "{h}");
}

// SPEC 5.6: with `htmx4(true)`, `exts=['ws']` loads `ws4` (htmx.org 4.0.0's hx-ws), FastHTML's
// exact URL with `.cdn(true)`; `sse` loads `sse4` likewise. ws and ws4 together are one
// script. ft also maps `preload`/`head-support` to htmx 4's own; an htmx-2-only extension
// (`remove-me`) fails the build, saying why.
#[actix_web::test]
async fn spec_5_6_htmx4_maps_ws_to_ws4() {
    let h = head(app().htmx4(true).cdn(true).exts(["ws"])).await;
    assert!(
        h.ends_with(
            "<script src=\"https://cdn.jsdelivr.net/npm/htmx.org@4.0.0/dist/ext/hx-ws.min.js\"></script>"
        ),
        "{h}"
    );
    let h = head(
        app()
            .htmx4(true)
            .exts(["ws", "sse", "ws4", "live", "multipart"]),
    )
    .await;
    assert!(
        h.ends_with(
            "<script src=\"/_ft/htmx4-ext-ws-4.0.0.min.js\"></script><script src=\"/_ft/htmx4-ext-sse-4.0.0.min.js\"></script><script src=\"/_ft/htmx4-ext-live-4.0.0.min.js\"></script><script src=\"/_ft/htmx4-ext-multipart-4.0.0.min.js\"></script>"
        ),
        "{h}"
    );
    let h = head(app().htmx4(true).cdn(true).exts(["sse4"])).await;
    assert!(
        h.ends_with(
            "<script src=\"https://cdn.jsdelivr.net/npm/htmx.org@4.0.0/dist/ext/hx-sse.min.js\"></script>"
        ),
        "{h}"
    );
    let h = head(app().htmx4(true).exts(["preload", "head-support"])).await;
    assert!(
        h.ends_with(
            "<script src=\"/_ft/htmx4-ext-preload-4.0.0.min.js\"></script><script src=\"/_ft/htmx4-ext-head-4.0.0.min.js\"></script>"
        ),
        "{h}"
    );
    // The same names under htmx 2 load the htmx 2 extensions (SPEC 5.5).
    let h = head(app().exts(["ws"])).await;
    assert!(
        h.ends_with("<script src=\"/_ft/htmx-ext-ws-2.0.3.min.js\"></script>"),
        "{h}"
    );
    let err = app()
        .htmx4(true)
        .exts(["remove-me"])
        .build()
        .err()
        .expect("no htmx 4 remove-me");
    assert!(err.to_string().contains("no htmx 4 version"), "{err}");
    let cli = Client::new(app()).await;
    for f in [
        "htmx4-ext-ws-4.0.0.min.js",
        "htmx4-ext-sse-4.0.0.min.js",
        "htmx4-ext-live-4.0.0.min.js",
        "htmx4-ext-multipart-4.0.0.min.js",
    ] {
        let r = cli.get(&format!("/_ft/{f}")).send().await;
        assert_eq!(r.status(), 200, "{f}");
        assert!(r.text().contains("registerExtension"), "{f}");
    }
}

// SPEC 5.11: `fast_app()` adds Pico after the default headers: the stylesheet link and the
// `--pico-font-size` style. Deliberate difference: the vendored @picocss/pico 2.1.1 under
// /_ft/ (FastHTML links `@anyblades/pico@latest` from a CDN, unpinned); `.cdn(true)` gives
// FastHTML's link.
#[actix_web::test]
async fn spec_5_11_fast_app_head_has_pico() {
    let h = head(app()).await;
    assert!(h.ends_with(
        "<script src=\"/_ft/css-scope-inline-1.0.0.js\"></script><link rel=\"stylesheet\" href=\"/_ft/pico-2.1.1.min.css\"><style>:root { --pico-font-size: 100%; }</style>"
    ), "{h}");
    let h = head(app().cdn(true)).await;
    assert!(h.ends_with(
        "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css\"><style>:root { --pico-font-size: 100%; }</style>"
    ), "{h}");
}

// SPEC 5.12: `pico(false)` omits Pico; `default_hdrs(false)` omits it too unless
// `pico(true)`; user `hdrs` come after the Pico link. Same.
#[actix_web::test]
async fn spec_5_12_pico_switches() {
    assert!(!head(app().pico(false)).await.contains("pico"));
    assert_eq!(
        head(app().default_hdrs(false)).await,
        "<title>FastHTML page</title>"
    );
    let h = head(
        app()
            .default_hdrs(false)
            .pico(true)
            .hdrs(Meta!(name = "mine")),
    )
    .await;
    assert_eq!(
        h,
        "<title>FastHTML page</title><link rel=\"stylesheet\" href=\"/_ft/pico-2.1.1.min.css\"><style>:root { --pico-font-size: 100%; }</style><meta name=\"mine\">"
    );
    // The order of the builder calls does not matter.
    assert_eq!(
        head(app().pico(true).default_hdrs(false)).await,
        head(app().default_hdrs(false).pico(true)).await
    );
}
