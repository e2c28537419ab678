//! Static files (SPEC 2E, 2.36-2.45): serving folders, extensions, static routes, path
//! traversal, caching, conditional requests, beforeware. Each test cites the SPEC item and
//! says whether ft matches FastHTML 0.14.14 or differs on purpose (and why). Front-end assets
//! and default headers are in `assets_and_headers.rs`.

use ft_web::prelude::*;
use ft_web::{STATIC_EXTS, StaticDir, assets, vurl};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed on drop.
struct Tmp(PathBuf);

impl Tmp {
    fn new(tag: &str) -> Tmp {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "ft-static-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        Tmp(p)
    }
    fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(&p, content).expect("write file");
        p
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The layout of SPEC 2E: `pub/` is served, `hello.txt` and `secret.txt` lie beside it.
fn layout() -> Tmp {
    let t = Tmp::new("layout");
    t.write("pub/s.css", "a{}");
    t.write("pub/x.md", "# md");
    t.write("pub/sub/deep/a.js", "let a=1;");
    t.write("pub/.env", "SECRET=1");
    t.write("pub/.git/config", "[core]");
    t.write("pub/config.yaml", "db: x");
    t.write("hello.txt", "hi");
    t.write("secret.txt", "top secret");
    t.write("Cargo.toml", "[package]");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(t.path("secret.txt"), t.path("pub/escape.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(t.path("pub"), t.path("pub/loop")).expect("symlink");
        std::os::unix::fs::symlink(t.path("pub/s.css"), t.path("pub/inner.css")).expect("symlink");
        std::os::unix::fs::symlink(t.path("pub/.env"), t.path("pub/env.txt")).expect("symlink");
    }
    t
}

fn app() -> FastApp {
    fast_app().secret_key("test-key")
}

#[rt("/report.csv")]
fn report() -> &'static str {
    "dynamic csv"
}

#[rt("/data.json")]
fn data() -> &'static str {
    "dynamic"
}

// ---------------------------------------------------------------------------------------------
// 2E. Static files
// ---------------------------------------------------------------------------------------------

// SPEC 2.36: `fast_app(static_path='pub')` serves `pub/s.css` at `/s.css` with the CSS type,
// `accept-ranges`, `content-length`, `last-modified` and an `etag`. Same route shape in ft;
// ft adds `Cache-Control: no-cache` and `X-Content-Type-Options: nosniff` (deliberate: cached
// copies are revalidated, and the browser never sniffs another type).
#[actix_web::test]
async fn spec_2_36_static_path_serves_its_folder() {
    let t = layout();
    let cli = Client::new(app().static_path(t.path("pub"))).await;
    let r = cli.get("/s.css").send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(r.header("accept-ranges"), Some("bytes"));
    assert_eq!(r.bytes().len(), 3); // content-length is set on the wire, not seen here
    assert!(r.header("last-modified").is_some());
    assert!(r.header("etag").is_some_and(|e| e.starts_with('"')));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("content-disposition"), None);
    assert_eq!(r.text(), "a{}");
    // Subfolders, as FastHTML's `{fname:path}`.
    let r = cli.get("/sub/deep/a.js").send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    // A bare FastHTML() (here FastApp::new()) has no static route (SPEC 2.36: only fast_app()).
    let cli = Client::new(FastApp::new().secret_key("k")).await;
    assert_eq!(cli.get("/s.css").send().await.status(), 404);
}

// SPEC 2.37: FastHTML's `fast_app()` serves every static-extension file of the working
// directory (`config.yaml`, `private/users.csv`). Deliberate difference: ft's `fast_app()`
// serves only `./static` (at `/` and `/static/`), and only if it exists.
#[actix_web::test]
async fn spec_2_37_fast_app_does_not_publish_the_project() {
    // The only test that uses the working directory (every other one gives absolute folders
    // and an explicit secret key, so a concurrent chdir here cannot change what they do).
    // The tests run in ft-web/, which has no static/ folder: nothing is served, though
    // FastHTML would serve /assets/ft.js and /assets/pico-2.1.1.min.css from here.
    assert!(!Path::new("static").exists());
    let cli = Client::new(app()).await;
    for p in [
        "/assets/ft.js",
        "/assets/pico-2.1.1.min.css",
        "/tests/static_files.rs",
        "/Cargo.toml",
    ] {
        assert_eq!(cli.get(p).send().await.status(), 404, "{p}");
    }

    // A project with a static/ folder: its files are served, the project's are not.
    let t = Tmp::new("cwd");
    t.write("static/app.css", "body{}");
    t.write("config.yaml", "db_password: hunter2");
    t.write("private/users.csv", "alice,1");
    let old = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(&t.0).expect("chdir");
    let built = std::panic::AssertUnwindSafe(Client::new(app()));
    let cli = futures_util::FutureExt::catch_unwind(built).await;
    std::env::set_current_dir(&old).expect("chdir back");
    let cli = cli.expect("client");
    assert_eq!(cli.get("/app.css").send().await.text(), "body{}");
    assert_eq!(cli.get("/static/app.css").send().await.text(), "body{}");
    assert_eq!(cli.get("/config.yaml").send().await.status(), 404);
    assert_eq!(cli.get("/private/users.csv").send().await.status(), 404);
    assert_eq!(cli.get("/static/../config.yaml").send().await.status(), 404);
    // Built after the chdir back: the folder is remembered as an absolute path.
    assert_eq!(cli.get("/app.css").send().await.status(), 200);
}

// SPEC 2.38: a static-extension URL for a missing file is a 404 `404 Not Found`. Same.
#[actix_web::test]
async fn spec_2_38_missing_file_is_404() {
    let t = layout();
    let cli = Client::new(app().static_path(t.path("pub"))).await;
    let r = cli.get("/missing.css").send().await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.text(), "404 Not Found");
    // The app's 404 handler answers it, as for any other 404.
    let cli = Client::new(
        app()
            .static_path(t.path("pub"))
            .exception_handler(404, |_| Titled!("Lost", P!("nothing here"))),
    )
    .await;
    let r = cli.get("/missing.css").send().await;
    assert_eq!(r.status(), 404);
    assert!(r.text().contains("nothing here"));
}

// SPEC 2.39: extensions outside the static list are not served (404). Same.
#[actix_web::test]
async fn spec_2_39_other_extensions_are_404() {
    let t = layout();
    let cli = Client::new(app().static_path(t.path("pub"))).await;
    assert_eq!(cli.get("/x.md").send().await.status(), 404);
    // Matched case-sensitively, as FastHTML's regex.
    t.write("pub/UP.CSS", "x");
    assert_eq!(cli.get("/UP.CSS").send().await.status(), 404);
}

// SPEC 2.40: `static_route('.md', static_path='pub')` serves one more extension. Same, as
// `.static_route(".md", "/", dir)`.
#[actix_web::test]
async fn spec_2_40_static_route_one_extension() {
    let t = layout();
    let cli = Client::new(
        app()
            .static_path(t.path("pub"))
            .static_route(".md", "/", t.path("pub")),
    )
    .await;
    let r = cli.get("/x.md").send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    assert_eq!(r.text(), "# md");
    // The static list still applies to the root route.
    assert_eq!(cli.get("/s.css").send().await.status(), 200);
}

// SPEC 2.41: in FastHTML a prefixed `static_route_exts('/assets/', 'pub')` is unreachable
// behind `fast_app()`'s root route. Deliberate difference: ft tries the most specific prefix
// first, so `/assets/s.css` is served.
#[actix_web::test]
async fn spec_2_41_prefixed_static_route_is_reachable() {
    let t = layout();
    t.write("other/s.css", "b{}");
    let cli = Client::new(app().static_path(t.path("other")).static_route_exts(
        "/assets/",
        t.path("pub"),
        STATIC_EXTS,
    ))
    .await;
    assert_eq!(cli.get("/assets/s.css").send().await.text(), "a{}");
    assert_eq!(cli.get("/s.css").send().await.text(), "b{}");
    // Only the listed extensions.
    let cli = Client::new(app().static_files(false).static_route_exts(
        "/assets",
        t.path("pub"),
        ["js"],
    ))
    .await;
    assert_eq!(cli.get("/assets/sub/deep/a.js").send().await.status(), 200);
    assert_eq!(cli.get("/assets/s.css").send().await.status(), 404);
}

// SPEC 2.42: FastHTML's static route shadows a later user route `/report.csv` (404);
// `/data.json` reaches its handler. Deliberate difference: ft registers static routes after
// the app's own, so both user routes answer.
#[actix_web::test]
async fn spec_2_42_user_routes_win_over_static() {
    let t = layout();
    t.write("pub/report.csv", "from disk");
    let cli = Client::new(
        app()
            .static_path(t.path("pub"))
            .routes(routes![report, data]),
    )
    .await;
    assert_eq!(cli.get("/data.json").send().await.text(), "dynamic");
    assert_eq!(cli.get("/report.csv").send().await.text(), "dynamic csv");
}

// SPEC 2.43: FastHTML serves `pub/../hello.txt` for `/%2e%2e/hello.txt` (path traversal).
// Deliberate difference: every way out of the folder is a 404, and the server keeps serving.
#[actix_web::test]
async fn spec_2_43_no_path_traversal() {
    let t = layout();
    let cli = Client::new(
        app()
            .static_path(t.path("pub"))
            .static_route_exts("/static/", t.path("pub"), STATIC_EXTS)
            .static_dir(StaticDir::new("/any/", t.path("pub")).any_ext()),
    )
    .await;
    let attempts = [
        "/../hello.txt",
        "/%2e%2e/hello.txt",
        "/%2E%2E/hello.txt",
        "/..%2fhello.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/sub/../../secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/static/../Cargo.toml",
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/sub%5c..%5c..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/s.css%00.txt",
        "/%00/secret.txt",
        "//etc/passwd.txt",
        "/%2fetc/hostname.txt",
        "/%2f%2e%2e/secret.txt",
        "/./s.css",
        "/sub/./deep/a.js",
        "/.env.txt",
        "/any/.env",
        "/any/.git/config",
        "/any/%2e%2e/secret.txt",
        "/any/..%2fCargo.toml",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
    ];
    for p in attempts {
        let r = cli.get(p).send().await;
        // Overlong UTF-8 (`%c0%ae`) is not UTF-8 at all: refused as a bad URL (400).
        let expected = if p.contains("%c0") { 400 } else { 404 };
        assert_eq!(r.status(), expected, "{p} -> {}", r.text());
        assert!(
            !r.text().contains("top secret") && !r.text().contains("[package]"),
            "{p}"
        );
    }
    #[cfg(unix)]
    {
        // A symlink leading out of the folder, or to a dotfile, is refused; one inside is fine.
        assert_eq!(cli.get("/escape.txt").send().await.status(), 404);
        assert_eq!(cli.get("/env.txt").send().await.status(), 404);
        assert_eq!(cli.get("/loop/../secret.txt").send().await.status(), 404);
        assert_eq!(cli.get("/inner.css").send().await.text(), "a{}");
        assert_eq!(cli.get("/loop/s.css").send().await.text(), "a{}");
    }
    // A directory is not a file.
    std::fs::create_dir_all(t.path("pub/dir.css")).expect("mkdir");
    assert_eq!(cli.get("/dir.css").send().await.status(), 404);
    // Still serving.
    assert_eq!(cli.get("/s.css").send().await.text(), "a{}");
    assert_eq!(cli.get("/static/s.css").send().await.text(), "a{}");
    assert_eq!(cli.get("/any/x.md").send().await.text(), "# md");
    assert_eq!(cli.get("/any/sub/deep/a.js").send().await.status(), 200);
}

// SPEC 2.44: Starlette mounts with `StaticNoCache` / `StaticImmutable` send `no-cache` /
// `public, max-age=31536000, immutable`. ft: `StaticDir::new(..).any_ext()` (every file, like
// a mount) with `.immutable()` or the default `no-cache`.
#[actix_web::test]
async fn spec_2_44_cache_control_of_static_dirs() {
    let t = layout();
    let cli = Client::new(
        app()
            .static_files(false)
            .static_dir(StaticDir::new("/st", t.path("pub")).any_ext())
            .static_dir(StaticDir::new("/im", t.path("pub")).any_ext().immutable()),
    )
    .await;
    let r = cli.get("/st/s.css").send().await;
    assert_eq!(
        (r.status(), r.header("cache-control")),
        (200, Some("no-cache"))
    );
    let r = cli.get("/im/s.css").send().await;
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(r.text(), "a{}");
}

// SPEC 2.45: `vurl` appends `v=<blake2b-32 of the file>`, keeping the query. Same values.
#[test]
fn spec_2_45_vurl() {
    let t = Tmp::new("vurl");
    t.write("pub/s.css", "a{}");
    assert_eq!(
        vurl("/pub/s.css", &t.0).expect("vurl"),
        "/pub/s.css?v=7f6a631d"
    );
    assert_eq!(
        vurl("/pub/s.css?a=1", &t.0).expect("vurl"),
        "/pub/s.css?a=1&v=7f6a631d"
    );
    assert_eq!(
        vurl("/pub/s.css#top", &t.0).expect("vurl"),
        "/pub/s.css?v=7f6a631d#top"
    );
    assert!(vurl("/pub/none.css", &t.0).is_err());
}

// Conditional requests (FastHTML's FileResponse sends an ETag but never answers 304; ft does),
// HEAD, and other methods.
#[actix_web::test]
async fn static_conditional_head_and_methods() {
    let t = layout();
    let cli = Client::new(app().static_path(t.path("pub"))).await;
    let r = cli.get("/s.css").send().await;
    let etag = r.header("etag").expect("etag").to_owned();
    let modified = r.header("last-modified").expect("last-modified").to_owned();
    let r = cli
        .get("/s.css")
        .header("If-None-Match", &etag)
        .send()
        .await;
    assert_eq!(r.status(), 304);
    assert!(r.bytes().is_empty());
    let r = cli
        .get("/s.css")
        .header("If-Modified-Since", &modified)
        .send()
        .await;
    assert_eq!(r.status(), 304);
    let r = cli
        .get("/s.css")
        .header("If-None-Match", "\"other\"")
        .send()
        .await;
    assert_eq!(r.status(), 200);
    let r = cli.get("/s.css").header("Range", "bytes=1-").send().await;
    assert_eq!((r.status(), r.text().as_str()), (206, "{}"));
    let r = cli
        .request(actix_web::http::Method::HEAD, "/s.css")
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.header("etag").is_some());
    let r = cli.post("/s.css").send().await;
    assert_eq!(r.status(), 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
}

// Beforeware runs for static files as in FastHTML (its docs skip `/static/.*`, `.*\.css`);
// ft's own /_ft/ assets never go through it, so a login page still gets htmx.
#[actix_web::test]
async fn beforeware_guards_static_files_not_assets() {
    let t = layout();
    let login_required =
        Beforeware::sync(|ctx: &mut Ctx| match ctx.session().get::<String>("auth") {
            Some(_) => None,
            None => Some(Redirect::to("/login").into_ft()),
        });
    let cli = Client::new(
        app()
            .static_path(t.path("pub"))
            .before(login_required.clone().skip([r".*\.css"])),
    )
    .await;
    assert_eq!(cli.get("/s.css").send().await.status(), 200);
    assert_eq!(cli.get("/sub/deep/a.js").send().await.status(), 303);
    assert_eq!(cli.get(&assets::ft_js().url()).send().await.status(), 200);
    assert_eq!(cli.get("/_ft/htmx-2.0.7.min.js").send().await.status(), 200);
}
