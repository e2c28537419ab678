//! Response headers: a page framed by another site (click-jacking), a response sniffed into
//! script, the URL leaking in `Referer`, a logged-in page kept by a shared cache, and inline
//! script injected into a page under the optional nonce CSP (in Chromium).

use crate::common::{Running, TempDir, client, e2e};
use crate::todo;
use ft_web::prelude::*;
use ft_web::security_headers::{Csp, SecurityHeaders};

fn header<'a>(r: &'a ft_web::TestResponse, name: &str) -> Option<&'a str> {
    r.header(name)
}

// FastHTML sends none of these: its pages can be framed by any site, and a logged-in page
// may be kept by a shared cache. ft sends them on every page and error by default.
#[ft_web::test]
async fn headers_pages_and_errors_refuse_framing_and_sniffing() {
    let dir = TempDir::new("sec-headers");
    let c = client(todo::app(&dir.file("t.db"))).await;
    let login_page = c.get("/login").send().await;
    let r = c
        .post("/login")
        .form([("name", "alice"), ("pwd", "pw")])
        .send()
        .await;
    assert_eq!(r.status(), 303);
    let home = c.get("/").send().await;
    assert_eq!(home.status(), 200);
    let missing = c.get("/no/such/page").send().await;
    assert_eq!(missing.status(), 404);
    let wrong_method = c.delete("/login").send().await;
    assert_eq!(wrong_method.status(), 405);
    for (what, r) in [
        ("login", &login_page),
        ("home", &home),
        ("404", &missing),
        ("405", &wrong_method),
    ] {
        assert_eq!(
            header(r, "x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            header(r, "referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{what}"
        );
        assert_eq!(header(r, "x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(
            header(r, "content-security-policy"),
            Some("frame-ancestors 'none'"),
            "{what}"
        );
    }
    // The logged-in page and the login redirect (which sets the session) are never cached;
    // the anonymous login page may be.
    assert_eq!(header(&home, "cache-control"), Some("private, no-store"));
    assert_eq!(header(&r, "cache-control"), Some("private, no-store"));
    assert_eq!(header(&login_page, "cache-control"), None);
}

#[rt("/")]
fn csp_home(session: Session) -> Result<Ft> {
    // A session, so that the CSRF script and token are on the page and the hx-post needs them.
    session.insert("visitor", "v1")?;
    add_toast(&session, "Welcome", ToastKind::Info);
    Ok(Titled!(
        "CSP",
        Button!("Go", hx_post = "/clicked", hx_target = "#out", id = "go"),
        Div!(id = "out")
    ))
}

#[rt("/clicked")]
fn csp_clicked() -> Ft {
    P!("clicked", id = "done")
}

/// A page with markup the app trusted by mistake: an inline script and an inline handler.
#[rt("/injected")]
fn csp_injected() -> Ft {
    Titled!(
        "Injected",
        Div!(Raw(
            "<script>window.pwned = 1</script><svg onload=\"window.pwned = 2\"></svg>".into()
        ))
    )
}

fn csp_app() -> FastApp {
    fast_app()
        .toasts(5_000)
        .security_headers(SecurityHeaders {
            csp: Some(Csp::default()),
            ..SecurityHeaders::default()
        })
        .routes(routes![csp_home, csp_clicked, csp_injected])
}

// The optional CSP: each page gets a fresh nonce, on ft's own scripts (htmx, surreal, the
// CSRF header script, toasts) and none anywhere else.
#[ft_web::test]
async fn headers_csp_nonce_is_fresh_and_on_ft_scripts_only() {
    let c = client(csp_app()).await;
    let a = c.get("/").send().await;
    let b = c.get("/").send().await;
    let policy = |r: &ft_web::TestResponse| {
        header(r, "content-security-policy")
            .expect("a CSP")
            .to_owned()
    };
    let nonce_of = |p: &str| {
        p.split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .expect("a nonce")
            .to_owned()
    };
    let (na, nb) = (nonce_of(&policy(&a)), nonce_of(&policy(&b)));
    assert_ne!(na, nb, "a nonce per page");
    assert!(na.len() >= 22);
    let page = a.text();
    let scripts = page.matches("<script").count();
    let with_nonce = page.matches(&format!("<script nonce=\"{na}\"")).count();
    assert!(scripts >= 4, "htmx, ft, surreal, the CSRF script: {page}");
    assert_eq!(scripts, with_nonce, "{page}");
    assert!(policy(&a).contains("frame-ancestors 'none'"));
    assert!(!policy(&a).contains("unsafe-eval"));
    // The injected script has no nonce.
    let evil = c.get("/injected").send().await.text();
    assert!(evil.contains("<script>window.pwned"), "{evil}");
}

// In Chromium: under the CSP the htmx POST (with the CSRF header from ft's script) works and
// the page logs no CSP violation; on the page with injected markup nothing injected runs.
#[test]
fn headers_csp_works_with_htmx_and_blocks_injected_script_in_chromium() {
    let server = Running::start(csp_app);
    e2e("security_csp", &server);
}
