//! Static files (SPEC 2E): folders served under a URL prefix, restricted to a list of
//! extensions, that can never be left.
//!
//! FastHTML's `fast_app()` serves `/{fname:path}.{ext:static}` from the working directory:
//! every `.yaml`, `.csv`, `.txt`, ... file of the project is public (SPEC 2.37), and
//! `/%2e%2e/x.txt` reads outside the folder (SPEC 2.43). ft keeps the route's shape and fixes
//! both:
//!
//! - `fast_app()` serves the `static/` folder of the working directory — only if it exists when
//!   the app is built — at `/` (`/app.css` is `static/app.css`) and, for apps written for
//!   FastHTML that link `/static/app.css`, at `/static/` too. `.static_path("pub")` picks
//!   another folder (served at `/` only); `.static_files(false)` turns the route off. A bare
//!   `FastApp::new()` serves no files, like FastHTML's `FastHTML()`.
//! - The path is percent-decoded once, then refused (404) if any segment is empty, starts with
//!   a dot (`..`, `.`, `.env`: dotfiles are never served), or holds a backslash or NUL; the
//!   file is then resolved with symlinks (`canonicalize`) and must still lie inside the
//!   folder, also without dot-segments. Anything else is a 404 and the server keeps serving.
//! - Files are served by actix-files: content type from the extension (`text/*` with
//!   `charset=utf-8`), `ETag` and `Last-Modified` with `304 Not Modified` answers, byte
//!   ranges, `Cache-Control: no-cache` (browsers revalidate; FastHTML sends no
//!   `Cache-Control`), `X-Content-Type-Options: nosniff`.
//! - Static routes are registered after the app's own routes, so a route such as
//!   `/report.csv` wins (FastHTML's static route shadows it, SPEC 2.42), and the most specific
//!   prefix is tried first, falling back to the next folder when a file is missing, so a
//!   prefixed route is reachable next to the root one (unreachable in FastHTML, SPEC 2.41).
//! - Beforeware runs for static files as it does in FastHTML (skip them with a pattern such as
//!   `r"/static/.*"` or `r".*\.css"`); ft's own `/_ft/` assets never go through beforeware.
//!
//! ```no_run
//! use ft_web::prelude::*;
//! use ft_web::StaticDir;
//!
//! let app = fast_app()
//!     .static_path("public")                                   // /{fname}.{ext:static} from ./public
//!     .static_route_exts("/docs/", "site/docs", ["html", "css"]) // /docs/a/b.html from ./site/docs
//!     .static_route(".md", "/notes/", "notes")                 // /notes/x.md from ./notes
//!     .static_dir(StaticDir::new("/build/", "dist").immutable()); // any extension, cached forever
//! # let _ = app;
//! ```

use crate::Error;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// `Cache-Control` sent with static files by default: use, but revalidate first (cheap with
/// the `ETag`/`Last-Modified` answers).
pub const NO_CACHE: &str = "no-cache";

/// One static folder: a URL prefix, a directory, the extensions served and the cache policy.
/// Add it with [`FastApp::static_dir`](crate::FastApp::static_dir); the shorthands
/// [`static_route_exts`](crate::FastApp::static_route_exts),
/// [`static_route`](crate::FastApp::static_route) and
/// [`static_path`](crate::FastApp::static_path) build one for you.
///
/// ```
/// use ft_web::StaticDir;
/// let d = StaticDir::new("/assets", "pub").exts(["css", "js"]);
/// assert_eq!(d.prefix(), "/assets/");
/// assert_eq!(d.pattern(), "/assets/{fname:.+}.{ext:css|js}");
/// assert_eq!(StaticDir::new("/", "pub").any_ext().pattern(), "/{fname:.+}");
/// ```
#[derive(Debug, Clone)]
pub struct StaticDir {
    prefix: String,
    dir: PathBuf,
    exts: Option<Vec<String>>,
    cache_control: Cow<'static, str>,
}

impl StaticDir {
    /// Files of `dir` under the URL `prefix` (a leading and trailing `/` are added when
    /// missing), with FastHTML's static extensions ([`STATIC_EXTS`]) and `no-cache`.
    pub fn new(prefix: impl AsRef<str>, dir: impl Into<PathBuf>) -> StaticDir {
        let p = prefix.as_ref().trim_matches('/');
        let prefix = if p.is_empty() {
            "/".to_owned()
        } else {
            format!("/{p}/")
        };
        StaticDir {
            prefix,
            dir: dir.into(),
            exts: Some(STATIC_EXTS.iter().map(|e| (*e).to_owned()).collect()),
            cache_control: Cow::Borrowed(NO_CACHE),
        }
    }
    /// Only these extensions (without the dot, matched case-sensitively as FastHTML does).
    pub fn exts<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, exts: I) -> StaticDir {
        self.exts = Some(
            exts.into_iter()
                .map(|e| e.as_ref().trim_start_matches('.').to_owned())
                .collect(),
        );
        self
    }
    /// Every file of the folder, whatever its extension (Starlette's `StaticFiles` mount,
    /// SPEC 2.44). Dotfiles are still refused.
    pub fn any_ext(mut self) -> StaticDir {
        self.exts = None;
        self
    }
    /// The `Cache-Control` value sent (default [`NO_CACHE`]).
    pub fn cache_control(mut self, value: impl Into<Cow<'static, str>>) -> StaticDir {
        self.cache_control = value.into();
        self
    }
    /// `Cache-Control: public, max-age=31536000, immutable` (FastHTML's `StaticImmutable`,
    /// SPEC 2.44): for file names that change when their content does.
    pub fn immutable(self) -> StaticDir {
        self.cache_control(crate::assets::IMMUTABLE)
    }
    /// The URL prefix, with its slashes (`/`, `/assets/`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
    /// The folder, as given.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    /// The actix route pattern (FastHTML's `{prefix}{fname:path}.{ext:...}`).
    pub fn pattern(&self) -> String {
        crate::router::Pattern::static_folder(&self.prefix, self.exts.as_deref()).actix()
    }
    /// The directory made absolute against the working directory (at app build time, so a
    /// later `chdir` does not move it).
    pub(crate) fn absolutized(mut self) -> StaticDir {
        if self.dir.is_relative()
            && let Ok(cwd) = std::env::current_dir()
        {
            self.dir = cwd.join(&self.dir);
        }
        self
    }
    fn allows(&self, rel: &Path) -> bool {
        match &self.exts {
            None => true,
            Some(exts) => rel
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.rsplit_once('.'))
                .is_some_and(|(stem, ext)| !stem.is_empty() && exts.iter().any(|e| e == ext)),
        }
    }
}

/// The request path below a prefix as a safe relative path: percent-decoded once, every
/// segment non-empty, not starting with `.`, without `\` or NUL (and without `:` on Windows).
/// `None` means 404.
///
/// ```
/// use ft_web::static_files::safe_relative;
/// assert_eq!(safe_relative("css/app.css").unwrap(), std::path::Path::new("css/app.css"));
/// for bad in ["../x.txt", "%2e%2e/x.txt", "..%2fx.txt", "a/%2e%2e%2fx.txt", "/etc/passwd",
///             "%2fetc/passwd", "a%5c..%5cx.txt", "x%00.txt", ".env", "a/.git/config", "a//b.css", ""] {
///     assert!(safe_relative(bad).is_none(), "{bad}");
/// }
/// ```
pub fn safe_relative(raw: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.is_empty()
        || decoded.contains(['\0', '\\'])
        || (cfg!(windows) && decoded.contains(':'))
    {
        return None;
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        if seg.is_empty() || seg.starts_with('.') {
            return None;
        }
        rel.push(seg);
    }
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

fn has_dot_segment(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(s) => s.to_str().is_none_or(|s| s.starts_with('.')),
        _ => true,
    })
}

/// The file a static dir serves for `rel`, if it exists inside the dir (symlinks resolved).
async fn resolve(dir: &Path, rel: &Path) -> Option<PathBuf> {
    let root = tokio::fs::canonicalize(dir).await.ok()?;
    let file = tokio::fs::canonicalize(root.join(rel)).await.ok()?;
    let inside = file.strip_prefix(&root).ok()?;
    if inside.as_os_str().is_empty() || has_dot_segment(inside) {
        return None;
    }
    let md = tokio::fs::metadata(&file).await.ok()?;
    md.is_file().then_some(file)
}

/// What every static route answers: the file from the first static dir (most specific prefix
/// first) holding it, or a 404 error (the app's 404 page, in dispatch).
pub(crate) async fn serve(statics: &[StaticDir], req: &HttpRequest) -> Result<HttpResponse, Error> {
    let path = req.uri().path();
    for sd in statics {
        let Some(rest) = path.strip_prefix(sd.prefix.as_str()) else {
            continue;
        };
        let Some(rel) = safe_relative(rest) else {
            continue;
        };
        if !sd.allows(&rel) {
            continue;
        }
        let Some(file) = resolve(&sd.dir, &rel).await else {
            continue;
        };
        let Ok(named) = actix_files::NamedFile::open_async(&file).await else {
            continue;
        };
        // actix-files' ETag/Last-Modified need a modification time after 1970.
        let dated = named.modified().is_some_and(|m| m >= std::time::UNIX_EPOCH);
        let named = named
            .use_etag(dated)
            .use_last_modified(dated)
            .prefer_utf8(true)
            .disable_content_disposition();
        let mut res = named.into_response(req);
        let headers = res.headers_mut();
        // Every text type declares UTF-8 (actix-files does so for a few only), as Starlette.
        let text_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .filter(|ct| ct.starts_with("text/") && !ct.contains("charset"))
            .and_then(|ct| HeaderValue::from_str(&format!("{ct}; charset=utf-8")).ok());
        if let Some(v) = text_type {
            headers.insert(header::CONTENT_TYPE, v);
        }
        if let Ok(v) = HeaderValue::from_str(&sd.cache_control) {
            headers.insert(header::CACHE_CONTROL, v);
        }
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        return Ok(res);
    }
    Err(Error::new(404, "404 Not Found"))
}

/// The extensions of FastHTML's built-in `static` convertor (SPEC 2.21).
pub const STATIC_EXTS: &[&str] = &[
    "ico", "gif", "jpg", "jpeg", "webm", "css", "js", "woff", "png", "svg", "mp4", "webp", "ttf",
    "otf", "eot", "woff2", "txt", "html", "map", "pdf", "zip", "tgz", "gz", "csv", "mp3", "wav",
    "ogg", "flac", "aac", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "epub", "mobi", "bmp",
    "tiff", "avi", "mov", "wmv", "mkv", "xml", "yaml", "yml", "rar", "7z", "tar", "bz2", "htm",
    "xhtml", "apk", "dmg", "exe", "msi", "swf", "iso",
];

/// FastHTML's `vurl` (SPEC 2.45): `path` with a `v=<8 hex>` query parameter hashing the file
/// `root` + `path` (BLAKE2b, 4-byte digest, as FastHTML), keeping an existing query and
/// fragment. Use it with an [`immutable`](StaticDir::immutable) static dir.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("ft-vurl-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("pub")).unwrap();
/// std::fs::write(dir.join("pub/s.css"), "a{}").unwrap();
/// assert_eq!(ft_web::vurl("/pub/s.css", &dir).unwrap(), "/pub/s.css?v=7f6a631d");
/// assert_eq!(ft_web::vurl("/pub/s.css?a=1", &dir).unwrap(), "/pub/s.css?a=1&v=7f6a631d");
/// assert!(ft_web::vurl("/pub/missing.css", &dir).is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn vurl(path: &str, root: impl AsRef<Path>) -> std::io::Result<String> {
    use blake2::Blake2bVar;
    use blake2::digest::{Update, VariableOutput};
    let (rest, fragment) = match path.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (path, None),
    };
    let (p, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let bytes = std::fs::read(root.as_ref().join(p.trim_start_matches('/')))?;
    let mut hasher = Blake2bVar::new(4).map_err(|e| std::io::Error::other(e.to_string()))?;
    hasher.update(&bytes);
    let mut digest = [0u8; 4];
    hasher
        .finalize_variable(&mut digest)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let mut out = String::with_capacity(path.len() + 12);
    out.push_str(p);
    out.push('?');
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        out.push_str(q);
        out.push('&');
    }
    out.push_str("v=");
    out.push_str(&hex);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Ok(out)
}

/// Which root static folder an app serves (FastHTML's `static_path`).
#[derive(Debug, Clone)]
pub(crate) enum StaticRoot {
    /// None (`FastApp::new()`, `.static_files(false)`).
    Off,
    /// `./static`, at `/` and `/static/`, if it exists when the app is built (`fast_app()`).
    Default,
    /// This folder at `/` (`.static_path(dir)`).
    Path(PathBuf),
}

/// The app's static folders in the order they are tried: the most specific prefix first,
/// else in the order added; directories made absolute.
pub(crate) fn resolve_all(root: StaticRoot, extra: Vec<StaticDir>) -> Vec<StaticDir> {
    let mut out = Vec::new();
    match root {
        StaticRoot::Off => {}
        StaticRoot::Default => {
            if Path::new("static").is_dir() {
                out.push(StaticDir::new("/static/", "static"));
                out.push(StaticDir::new("/", "static"));
            }
        }
        StaticRoot::Path(p) => out.push(StaticDir::new("/", p)),
    }
    out.extend(extra);
    let mut out: Vec<StaticDir> = out.into_iter().map(StaticDir::absolutized).collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.prefix.len()));
    out
}

/// One pattern per distinct static route, in `statics` order.
pub(crate) fn patterns(statics: &[StaticDir]) -> Vec<crate::router::Pattern> {
    let mut out = Vec::new();
    for s in statics {
        let p = crate::router::Pattern::static_folder(&s.prefix, s.exts.as_deref());
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}
