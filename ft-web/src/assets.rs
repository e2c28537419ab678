//! Front-end assets: htmx 2 and htmx 4 (`fast_app().htmx4(true)`), their extensions,
//! surreal, css-scope-inline, Pico CSS, DOMPurify
//! and ft's own page helpers, embedded in the binary and served by the app itself (SPEC
//! 5.2-5.6, 5.11).
//!
//! The third-party files are vendored at pinned versions from the npm registry by
//! `scripts/vendor-assets`, which records each file's package, version, sha256 and license in
//! `ft-web/assets/VERSIONS` (the license texts are in `ft-web/assets/licenses/`). Two files are
//! ft's own, because their FastHTML counterparts are not on npm: `ft.js` (FastHTML's
//! `fasthtml.js`: `proc_htmx`, `domReadyExecute`, `$`, `$$`, `$E`, `$H`) and `surreal.js` (the
//! surreal 1.3 API that `Surreal()`/`On!`/`Prev!`/`Now!` call).
//!
//! Every app answers `GET /_ft/{name}` with these files. The name carries the version
//! (`/_ft/htmx-2.0.7.min.js`) or, for ft's own files, a hash of the content
//! (`/_ft/ft.1a2b3c4d.js`), so the responses are marked
//! `Cache-Control: public, max-age=31536000, immutable`: a new ft version links new URLs.
//! These routes bypass beforeware (a login page still gets its scripts) and user routes
//! cannot shadow them (they are registered first).
//!
//! ```
//! use ft_web::assets;
//! let htmx = assets::asset_by_package("htmx.org").unwrap();
//! assert_eq!(htmx.url(), "/_ft/htmx-2.0.7.min.js");
//! assert_eq!(htmx.content_type(), "text/javascript; charset=utf-8");
//! assert!(htmx.cdn_url().starts_with("https://cdn.jsdelivr.net/npm/htmx.org@2.0.7/"));
//! ```
//!
//! `fast_app().cdn(true)` links FastHTML's CDN URLs instead (the exact `<head>` FastHTML
//! writes, SPEC 5.2); the `/_ft/` routes stay available either way.

use ft_html::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// The URL path under which every asset is served.
pub const ASSET_PREFIX: &str = "/_ft/";

/// `Cache-Control` of every asset response: the URLs are versioned, so forever is safe.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// FastHTML's CDN URLs for the default headers (SPEC 5.2), used by `.cdn(true)`.
const HTMX_CDN: &str = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.7/dist/htmx.js";
/// FastHTML's htmx 4 URL (SPEC 5.4).
const HTMX4_CDN: &str = "https://cdn.jsdelivr.net/npm/htmx.org@4.0.0/dist/htmx.min.js";
const FASTHTML_JS_CDN: &str =
    "https://cdn.jsdelivr.net/gh/answerdotai/fasthtml-js@1.0.12/fasthtml.js";
const SURREAL_CDN: &str = "https://cdn.jsdelivr.net/gh/answerdotai/surreal@main/surreal.js";
const CSS_SCOPE_CDN: &str = "https://cdn.jsdelivr.net/gh/gnat/css-scope-inline@main/script.js";

/// One embedded front-end file.
#[derive(Debug)]
pub struct Asset {
    file: &'static str,
    package: &'static str,
    version: &'static str,
    license: &'static str,
    bytes: &'static [u8],
    content_type: &'static str,
    cdn: &'static str,
    own: bool,
}

macro_rules! vendored {
    ($file:literal, $pkg:literal, $ver:literal, $lic:literal, $ct:expr, $cdn:expr) => {
        Asset {
            file: $file,
            package: $pkg,
            version: $ver,
            license: $lic,
            bytes: include_bytes!(concat!("../assets/", $file)),
            content_type: $ct,
            cdn: $cdn,
            own: false,
        }
    };
}

/// One of htmx 4's extensions (`hx-<name>.min.js` in htmx.org 4.0.0's `dist/ext/`), vendored
/// as `htmx4-ext-<name>-4.0.0.min.js`.
macro_rules! htmx4_ext {
    ($name:literal) => {
        Asset {
            file: concat!("htmx4-ext-", $name, "-4.0.0.min.js"),
            package: "htmx.org",
            version: "4.0.0",
            license: "BSD-0-Clause",
            bytes: include_bytes!(concat!("../assets/htmx4-ext-", $name, "-4.0.0.min.js")),
            content_type: JS,
            cdn: concat!(
                "https://cdn.jsdelivr.net/npm/htmx.org@4.0.0/dist/ext/hx-",
                $name,
                ".min.js"
            ),
            own: false,
        }
    };
}

macro_rules! own {
    ($file:literal, $cdn:expr) => {
        Asset {
            file: $file,
            package: "ft",
            version: env!("CARGO_PKG_VERSION"),
            license: "Apache-2.0",
            bytes: include_bytes!(concat!("../assets/", $file)),
            content_type: JS,
            cdn: $cdn,
            own: true,
        }
    };
}

/// Every embedded asset. Keep in step with `assets/VERSIONS` (a test checks the hashes).
static ASSETS: &[Asset] = &[
    vendored!(
        "htmx-2.0.7.min.js",
        "htmx.org",
        "2.0.7",
        "0BSD",
        JS,
        HTMX_CDN
    ),
    own!("ft.js", FASTHTML_JS_CDN),
    // htmx 4 and its extensions, all from the htmx.org 4.0.0 package (FastHTML 0.14.14's pin).
    vendored!(
        "htmx-4.0.0.min.js",
        "htmx.org",
        "4.0.0",
        "BSD-0-Clause",
        JS,
        HTMX4_CDN
    ),
    htmx4_ext!("ws"),
    htmx4_ext!("sse"),
    htmx4_ext!("live"),
    htmx4_ext!("multipart"),
    htmx4_ext!("preload"),
    htmx4_ext!("head"),
    own!("surreal.js", SURREAL_CDN),
    vendored!(
        "css-scope-inline-1.0.0.js",
        "css-scope-inline",
        "1.0.0",
        "MIT",
        JS,
        CSS_SCOPE_CDN
    ),
    vendored!(
        "pico-2.1.1.min.css",
        "@picocss/pico",
        "2.1.1",
        "MIT",
        CSS,
        ft_html::pico::PICOCSS
    ),
    vendored!(
        "htmx-ext-ws-2.0.3.min.js",
        "htmx-ext-ws",
        "2.0.3",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-ws@2.0.3/ws.js"
    ),
    vendored!(
        "htmx-ext-sse-2.2.4.min.js",
        "htmx-ext-sse",
        "2.2.4",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-sse@2.2.4/sse.js"
    ),
    vendored!(
        "idiomorph-ext-0.7.3.min.js",
        "idiomorph",
        "0.7.3",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/idiomorph@0.7.3/dist/idiomorph-ext.min.js"
    ),
    vendored!(
        "htmx-ext-head-support-2.0.4.min.js",
        "htmx-ext-head-support",
        "2.0.4",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-head-support@2.0.4/head-support.js"
    ),
    vendored!(
        "htmx-ext-preload-2.1.1.min.js",
        "htmx-ext-preload",
        "2.1.1",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-preload@2.1.1/preload.js"
    ),
    vendored!(
        "htmx-ext-class-tools-2.0.1.js",
        "htmx-ext-class-tools",
        "2.0.1",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-class-tools@2.0.1/class-tools.js"
    ),
    vendored!(
        "htmx-ext-loading-states-2.0.1.min.js",
        "htmx-ext-loading-states",
        "2.0.1",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-loading-states@2.0.1/loading-states.js"
    ),
    vendored!(
        "htmx-ext-multi-swap-2.0.0.js",
        "htmx-ext-multi-swap",
        "2.0.0",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-multi-swap@2.0.0/multi-swap.js"
    ),
    vendored!(
        "htmx-ext-path-deps-2.0.0.js",
        "htmx-ext-path-deps",
        "2.0.0",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-path-deps@2.0.0/path-deps.js"
    ),
    vendored!(
        "htmx-ext-remove-me-2.0.0.js",
        "htmx-ext-remove-me",
        "2.0.0",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-remove-me@2.0.0/remove-me.js"
    ),
    vendored!(
        "htmx-ext-debug-2.0.2.min.js",
        "htmx-ext-debug",
        "2.0.2",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-debug@2.0.2/debug.js"
    ),
    vendored!(
        "htmx-ext-transfer-encoding-chunked-0.4.0.js",
        "htmx-ext-transfer-encoding-chunked",
        "0.4.0",
        "0BSD",
        JS,
        "https://cdn.jsdelivr.net/npm/htmx-ext-transfer-encoding-chunked@0.4.0/transfer-encoding-chunked.js"
    ),
    // What `MarkdownJS`/`KatexMarkdownJS` import (ft_html::js::PURIFY_SRC) to sanitize the
    // HTML marked makes before it reaches `innerHTML`.
    vendored!(
        "purify-3.5.0.min.js",
        "dompurify",
        "3.5.0",
        "(MPL-2.0 OR Apache-2.0)",
        JS,
        "https://cdn.jsdelivr.net/npm/dompurify@3.5.0/dist/purify.min.js"
    ),
];

/// The htmx extensions `FastApp::exts` knows: FastHTML's names (SPEC 5.5) and the asset file
/// each one loads. `sse` is ft's addition (FastHTML 0.14 has no key for it).
static EXTS: &[(&str, &str)] = &[
    ("morph", "idiomorph-ext-0.7.3.min.js"),
    ("head-support", "htmx-ext-head-support-2.0.4.min.js"),
    ("preload", "htmx-ext-preload-2.1.1.min.js"),
    ("class-tools", "htmx-ext-class-tools-2.0.1.js"),
    ("loading-states", "htmx-ext-loading-states-2.0.1.min.js"),
    ("multi-swap", "htmx-ext-multi-swap-2.0.0.js"),
    ("path-deps", "htmx-ext-path-deps-2.0.0.js"),
    ("remove-me", "htmx-ext-remove-me-2.0.0.js"),
    ("debug", "htmx-ext-debug-2.0.2.min.js"),
    ("ws", "htmx-ext-ws-2.0.3.min.js"),
    (
        "chunked-transfer",
        "htmx-ext-transfer-encoding-chunked-0.4.0.js",
    ),
    ("sse", "htmx-ext-sse-2.2.4.min.js"),
];

/// FastHTML's htmx-4 extension names (SPEC 5.5) and the files they load, from the htmx.org
/// 4.0.0 package.
static HTMX4_EXTS: &[(&str, &str)] = &[
    ("ws4", "htmx4-ext-ws-4.0.0.min.js"),
    ("sse4", "htmx4-ext-sse-4.0.0.min.js"),
    ("live", "htmx4-ext-live-4.0.0.min.js"),
    ("multipart", "htmx4-ext-multipart-4.0.0.min.js"),
];

/// With htmx 4 on, the htmx-2 extension names that have an htmx 4 version load it instead:
/// FastHTML maps `ws` to `ws4` (SPEC 5.6) and `sse` to `sse4`; ft also maps `preload` and
/// `head-support` to htmx 4's `hx-preload` and `hx-head`.
static HTMX4_MAP: &[(&str, &str)] = &[
    ("ws", "htmx4-ext-ws-4.0.0.min.js"),
    ("sse", "htmx4-ext-sse-4.0.0.min.js"),
    ("preload", "htmx4-ext-preload-4.0.0.min.js"),
    ("head-support", "htmx4-ext-head-4.0.0.min.js"),
];

/// Why an htmx-2 extension has no htmx 4 version, for the error `htmx4(true)` gives.
fn htmx2_only_reason(name: &str) -> &'static str {
    match name {
        "morph" => "htmx 4 morphs without an extension: hx-swap=\"innerMorph\" or \"outerMorph\"",
        "chunked-transfer" => "htmx 4 swaps a chunked response as it streams in",
        _ => "it is written for htmx 2's extension API (htmx.defineExtension)",
    }
}

/// The served name of each asset, in `ASSETS` order: the vendored file name (which carries
/// the version) or, for ft's own files, `stem.<first 8 hex of sha256>.js`.
static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            if !a.own {
                return a.file.to_owned();
            }
            let (stem, ext) = a.file.rsplit_once('.').unwrap_or((a.file, "js"));
            format!("{stem}.{}.{ext}", &a.sha256()[..8])
        })
        .collect()
});

impl Asset {
    fn index(&self) -> usize {
        ASSETS
            .iter()
            .position(|a| std::ptr::eq(a, self))
            .unwrap_or(0)
    }
    /// The name it is served under (`htmx-2.0.7.min.js`, `ft.1a2b3c4d.js`).
    pub fn name(&self) -> &'static str {
        NAMES[self.index()].as_str()
    }
    /// Its URL on the app: `/_ft/` + [`name`](Asset::name).
    pub fn url(&self) -> String {
        format!("{ASSET_PREFIX}{}", self.name())
    }
    /// The file's name in `ft-web/assets/`.
    pub fn file(&self) -> &'static str {
        self.file
    }
    /// The npm package it comes from (`"ft"` for ft's own files).
    pub fn package(&self) -> &'static str {
        self.package
    }
    /// The pinned package version (ft's version for ft's own files).
    pub fn version(&self) -> &'static str {
        self.version
    }
    /// The SPDX license of the file.
    pub fn license(&self) -> &'static str {
        self.license
    }
    /// The bytes served.
    pub fn bytes(&self) -> &'static [u8] {
        self.bytes
    }
    /// The `Content-Type` served.
    pub fn content_type(&self) -> &'static str {
        self.content_type
    }
    /// The URL linked instead when the app says `.cdn(true)`: FastHTML's URL where FastHTML
    /// links one, else the same pinned file on jsDelivr's npm mirror.
    pub fn cdn_url(&self) -> &'static str {
        self.cdn
    }
    /// The hex sha256 of [`bytes`](Asset::bytes) (what `VERSIONS` records).
    pub fn sha256(&self) -> String {
        let mut out = String::with_capacity(64);
        for b in Sha256::digest(self.bytes) {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }
    fn link(&self, cdn: bool) -> String {
        if cdn { self.cdn.to_owned() } else { self.url() }
    }
}

/// Every embedded asset.
///
/// ```
/// assert!(ft_web::assets::all().iter().any(|a| a.package() == "@picocss/pico"));
/// ```
pub fn all() -> &'static [Asset] {
    ASSETS
}

/// The asset served as `/_ft/{name}`.
///
/// ```
/// assert!(ft_web::assets::asset("htmx-2.0.7.min.js").is_some());
/// assert!(ft_web::assets::asset("../Cargo.toml").is_none());
/// ```
pub fn asset(name: &str) -> Option<&'static Asset> {
    NAMES.iter().position(|n| n == name).map(|i| &ASSETS[i])
}

/// The asset from an npm package (`"htmx.org"`, `"htmx-ext-ws"`, `"@picocss/pico"`; `"ft"`
/// is ambiguous: use [`ft_js`] or [`surreal_js`]).
pub fn asset_by_package(package: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.package == package)
}

fn by_file(file: &str) -> &'static Asset {
    // The tables above only name files in ASSETS (a unit test checks).
    ASSETS.iter().find(|a| a.file == file).unwrap_or(&ASSETS[0])
}

/// ft's page helpers (FastHTML's `fasthtml.js`): `proc_htmx`, `domReadyExecute`, `$`, `$$`,
/// `$E`, `$H`.
pub fn ft_js() -> &'static Asset {
    by_file("ft.js")
}

/// ft's surreal.js (the surreal 1.3 API: `me`, `any`, `.on`, ... and `domReadyExecute`).
pub fn surreal_js() -> &'static Asset {
    by_file("surreal.js")
}

/// The vendored Pico CSS that `fast_app()` links.
pub fn pico_css() -> &'static Asset {
    by_file("pico-2.1.1.min.css")
}

/// DOMPurify, which ft-html's Markdown helpers import from [`ft_html::js::PURIFY_SRC`].
///
/// ```
/// assert_eq!(ft_web::assets::purify_js().url(), ft_web::js::PURIFY_SRC);
/// ```
pub fn purify_js() -> &'static Asset {
    by_file("purify-3.5.0.min.js")
}

/// The htmx extension names `FastApp::exts` accepts, in FastHTML's order (SPEC 5.5), plus
/// `sse`.
///
/// ```
/// assert!(ft_web::assets::htmx_ext_names().any(|n| n == "ws"));
/// ```
pub fn htmx_ext_names() -> impl Iterator<Item = &'static str> {
    EXTS.iter().map(|(n, _)| *n)
}

/// The htmx-4 extension names `FastApp::exts` accepts with `.htmx4(true)` (SPEC 5.5).
///
/// ```
/// assert!(ft_web::assets::htmx4_ext_names().any(|n| n == "ws4"));
/// ```
pub fn htmx4_ext_names() -> impl Iterator<Item = &'static str> {
    HTMX4_EXTS.iter().map(|(n, _)| *n)
}

/// Is `name` an extension name ft knows (for htmx 2 or htmx 4)? Else the error, with the
/// known names (FastHTML's `KeyError`, SPEC 5.6).
pub(crate) fn check_ext_name(name: &str) -> Result<(), String> {
    if EXTS.iter().chain(HTMX4_EXTS).any(|(n, _)| *n == name) {
        return Ok(());
    }
    let known: Vec<&str> = htmx_ext_names().chain(htmx4_ext_names()).collect();
    Err(format!(
        "unknown htmx extension {name:?}; known: {}",
        known.join(", ")
    ))
}

/// The asset an htmx extension name loads under htmx 2, or why there is none.
///
/// ```
/// use ft_web::assets::htmx_ext;
/// assert_eq!(htmx_ext("ws").unwrap().package(), "htmx-ext-ws");
/// assert!(htmx_ext("nope").unwrap_err().contains("unknown htmx extension \"nope\""));
/// assert!(htmx_ext("ws4").unwrap_err().contains("htmx4(true)"));
/// ```
pub fn htmx_ext(name: &str) -> Result<&'static Asset, String> {
    htmx_ext_for(name, false)
}

/// The asset an htmx extension name loads under htmx 2 (`htmx4` false) or htmx 4: with htmx
/// 4, `ws` loads `ws4` (SPEC 5.6), `sse` loads `sse4`, `preload` and `head-support` htmx 4's
/// own; an htmx-2 extension without an htmx 4 version is an error saying why, and so is an
/// htmx-4 one (`ws4`, `sse4`, `live`, `multipart`) under htmx 2.
///
/// ```
/// use ft_web::assets::htmx_ext_for;
/// assert_eq!(htmx_ext_for("ws", true).unwrap().file(), "htmx4-ext-ws-4.0.0.min.js");
/// assert_eq!(htmx_ext_for("ws4", true).unwrap().file(), "htmx4-ext-ws-4.0.0.min.js");
/// assert!(htmx_ext_for("remove-me", true).is_err());
/// ```
pub fn htmx_ext_for(name: &str, htmx4: bool) -> Result<&'static Asset, String> {
    check_ext_name(name)?;
    let four = HTMX4_EXTS.iter().find(|(n, _)| *n == name);
    if htmx4 {
        if let Some((_, file)) = four.or_else(|| HTMX4_MAP.iter().find(|(n, _)| *n == name)) {
            return Ok(by_file(file));
        }
        return Err(format!(
            "htmx extension {name:?} has no htmx 4 version ({}); drop it or leave htmx4 off",
            htmx2_only_reason(name)
        ));
    }
    if four.is_some() {
        return Err(format!(
            "htmx extension {name:?} is for htmx 4: call .htmx4(true) (FastHTML's htmx4=True)"
        ));
    }
    let (_, file) = EXTS.iter().find(|(n, _)| *n == name).unwrap_or(&EXTS[0]);
    Ok(by_file(file))
}

fn script(src: String) -> Ft {
    TagScript!(src = src)
}

/// The `content` of the `<meta name="htmx-config">` FastHTML writes with `htmx4=True` (SPEC
/// 5.4): htmx 4 reads `hx-on-click` like `hx-on:click`, as htmx 2 did.
pub const HTMX4_CONFIG: &str = r#"{"metaCharacter": "-"}"#;

/// The htmx that `.htmx4(true)` links (htmx.org 4.0.0).
pub fn htmx4_js() -> &'static Asset {
    by_file("htmx-4.0.0.min.js")
}

/// The htmx that apps link by default (htmx.org 2.0.7).
pub fn htmx2_js() -> &'static Asset {
    by_file("htmx-2.0.7.min.js")
}

/// Which htmx the default headers link, and what goes with it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmxHeads {
    /// htmx and ft.js at all (`.htmx(false)` drops both).
    pub on: bool,
    /// htmx 4 (with its config meta) instead of htmx 2.
    pub htmx4: bool,
    /// ft.js makes a 422 swap (`.swap_422`).
    pub swap_422: bool,
}

/// The default headers, in FastHTML's order (SPEC 5.2, 5.3, 5.4, 5.11): charset, viewport,
/// (htmx 4: the htmx-config meta,) htmx, ft.js (FastHTML's fasthtml.js), surreal,
/// css-scope-inline, then Pico. Local `/_ft/` URLs unless `cdn`, which gives FastHTML's exact
/// CDN links. ft.js makes htmx swap a 422 in place unless `swap_422` is off: its tag then
/// carries `data-ft-swap-422="off"`, which ft.js reads.
pub(crate) fn default_headers(
    default_hdrs: bool,
    htmx: HtmxHeads,
    surreal: bool,
    pico: bool,
    cdn: bool,
) -> Vec<Ft> {
    let HtmxHeads {
        on: htmx,
        htmx4,
        swap_422,
    } = htmx;
    let mut out = Vec::new();
    if default_hdrs {
        out.push(Meta!(charset = "utf-8"));
        out.push(Meta!(
            name = "viewport",
            content = "width=device-width, initial-scale=1, viewport-fit=cover"
        ));
        if htmx && htmx4 {
            out.push(Meta!(name = "htmx-config", content = HTMX4_CONFIG));
        }
        if htmx {
            let js = if htmx4 { htmx4_js() } else { htmx2_js() };
            out.push(script(js.link(cdn)));
            out.push(if swap_422 || cdn {
                script(ft_js().link(cdn))
            } else {
                TagScript!(src = ft_js().link(cdn), data_ft_swap_422 = "off")
            });
        }
        if surreal {
            out.push(script(surreal_js().link(cdn)));
            out.push(script(by_file("css-scope-inline-1.0.0.js").link(cdn)));
        }
    }
    if pico {
        out.push(if cdn {
            ft_html::pico::picolink()
        } else {
            ft_html::pico::picolink_href(pico_css().url())
        });
    }
    out
}

/// One `<script src>` per extension (SPEC 5.5), in the order given.
pub(crate) fn ext_headers(exts: &[&'static Asset], cdn: bool) -> Vec<Ft> {
    exts.iter().map(|a| script(a.link(cdn))).collect()
}

/// Each asset's `ETag` body (the first 16 hex of its sha256), hashed once.
static ETAGS: LazyLock<Vec<String>> =
    LazyLock::new(|| ASSETS.iter().map(|a| a.sha256()[..16].to_owned()).collect());

/// `GET /_ft/{name}`: the asset with its content type and immutable caching; `If-None-Match`
/// with its ETag gets a 304. With compression on (crate::compress) the asset goes out in the
/// coding the client accepts, compressed once per process, with `Vary: Accept-Encoding` and an
/// `ETag` of its own per coding (`"…-br"`, `"…-gzip"`: RFC 9110 wants a strong validator to
/// change with the bytes). An unknown name is a 404 error (the app's 404 page, in dispatch).
pub(crate) async fn serve(
    req: &actix_web::HttpRequest,
    compress: bool,
) -> Result<actix_web::HttpResponse, crate::Error> {
    use actix_web::http::header;
    let name = req.match_info().get("name").unwrap_or("");
    let a = asset(name).ok_or_else(|| crate::Error::new(404, "404 Not Found"))?;
    let index = a.index();
    let hash = ETAGS.get(index).map_or("", String::as_str);
    // The body and its coding: the plain bytes unless the client takes a compressed copy.
    #[allow(unused_mut)]
    let mut body = (actix_web::web::Bytes::from_static(a.bytes), None::<&str>);
    #[cfg(feature = "compress")]
    if compress
        && req.method() != actix_web::http::Method::HEAD
        && let Some(coding) = crate::compress::negotiate(req.headers())
        && let Some(copy) = crate::compress::asset_copy(index, a.bytes, coding).await
    {
        body = (copy, Some(coding.token()));
    }
    let etag = match body.1 {
        Some(coding) => format!("\"{hash}-{coding}\""),
        None => format!("\"{hash}\""),
    };
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if matches {
        actix_web::HttpResponse::NotModified()
    } else {
        actix_web::HttpResponse::Ok()
    };
    res.insert_header((header::CACHE_CONTROL, IMMUTABLE))
        .insert_header((header::ETAG, etag))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if cfg!(feature = "compress") && compress {
        res.insert_header((header::VARY, "Accept-Encoding"));
    }
    if matches {
        return Ok(res.finish());
    }
    if let Some(coding) = body.1 {
        res.insert_header((header::CONTENT_ENCODING, coding));
    }
    Ok(res.content_type(a.content_type).body(body.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    const JSDELIVR: &str = "https://cdn.jsdelivr.net/npm/";

    #[test]
    fn tables_name_only_embedded_files() {
        for (_, file) in EXTS.iter().chain(HTMX4_EXTS).chain(HTMX4_MAP) {
            assert!(ASSETS.iter().any(|a| a.file == *file), "{file}");
        }
        for f in [
            "htmx-2.0.7.min.js",
            "ft.js",
            "surreal.js",
            "css-scope-inline-1.0.0.js",
            "pico-2.1.1.min.css",
            "purify-3.5.0.min.js",
        ] {
            assert!(ASSETS.iter().any(|a| a.file == f), "{f}");
        }
    }

    #[test]
    fn jsdelivr_urls_name_the_pinned_version() {
        for a in ASSETS.iter().filter(|a| a.cdn.starts_with(JSDELIVR)) {
            if a.package == "@picocss/pico" {
                continue; // FastHTML's picolink: @anyblades/pico@latest
            }
            assert!(
                a.cdn.contains(&format!("{}@{}/", a.package, a.version)),
                "{}",
                a.cdn
            );
        }
    }
}
