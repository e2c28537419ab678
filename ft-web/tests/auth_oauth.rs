//! OAuth end to end (SPEC 6D): the app in the test Client, the provider a real HTTP server on
//! 127.0.0.1 (`auth::mock_provider`) in the shape of each supported provider. For each: a
//! successful login, the user denying consent, a bad or missing state, a failing token
//! endpoint, a replayed code and a failing userinfo endpoint — plus FastHTML's details
//! (provider constants, login links, routes, check_invalid, logout) and the fixes of SPEC
//! Appendix B (framework-made state, PKCE, no X-Forwarded-Host, no stale oauth_error).
#![cfg(feature = "oauth")]

use ft_web::TestResponse;
use ft_web::auth::mock_provider::{MockConfig, MockProvider, Style};
use ft_web::auth::oauth::{OAuth, OAuthClient, OAuthLogin, PENDING_COOKIE, Provider};
use ft_web::prelude::*;

#[get("/")]
fn home(user: Auth<String>, session: Session) -> String {
    format!(
        "Logged in as {} ({})",
        *user,
        session.get::<String>("who").unwrap_or_default()
    )
}

#[get("/after")]
fn after(user: Auth<String>) -> String {
    format!("after {}", *user)
}

#[get("/login")]
fn login(oauth: OAuthClient) -> String {
    oauth.login_link(Some("/after"))
}

#[get("/error")]
fn error_page(session: Session) -> String {
    format!(
        "error: {}",
        session.get::<String>("oauth_error").unwrap_or_default()
    )
}

fn oauth_for(provider: Provider) -> OAuth {
    OAuth::new(provider, async |user: OAuthLogin, _ctx: &mut Ctx| {
        let who = ["login", "name", "username", "email"]
            .iter()
            .find_map(|k| {
                user.info
                    .get(*k)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        if who == "banned" {
            return None;
        }
        let _ = user.session.insert("who", who);
        Some(Redirect::to(user.state.as_deref().unwrap_or("/")).into_ft())
    })
    .redirect_base("http://testserver")
}

async fn client_for(provider: Provider) -> Client {
    Client::new(
        fast_app()
            .secret_key("oauth-test")
            .oauth(oauth_for(provider))
            .routes(routes![home, after, login, error_page]),
    )
    .await
}

/// What the provider's authorization endpoint answered: the callback to make.
enum Callback {
    Get(String),
    Post(String, Vec<(String, String)>),
}

/// Starts a login in the app and lets the "browser" visit the provider.
async fn authorize(cli: &Client) -> (String, Callback) {
    let start = cli.get("/login").send().await.text();
    let r = cli.get(&start).send().await;
    assert_eq!(r.status(), 303, "{}", r.text());
    let url = r.header("location").expect("to the provider").to_owned();
    (url.clone(), visit_provider(&url).await)
}

async fn visit_provider(url: &str) -> Callback {
    let browser = awc::Client::builder().disable_redirects().finish();
    let mut res = browser.get(url).send().await.expect("provider reachable");
    let body = String::from_utf8_lossy(&res.body().await.expect("body")).into_owned();
    if res.status().as_u16() == 303 {
        let loc = res.headers().get("location").unwrap().to_str().unwrap();
        let path = loc
            .strip_prefix("http://testserver")
            .expect("back to the app");
        return Callback::Get(path.to_owned());
    }
    // Apple: a form posted back to the app.
    assert_eq!(res.status().as_u16(), 200, "{body}");
    let action = attr_after(&body, "action=\"");
    let mut fields = Vec::new();
    let mut rest = body.as_str();
    while let Some(at) = rest.find("name=\"") {
        rest = &rest[at + 6..];
        let name = rest[..rest.find('"').unwrap()].to_owned();
        let value = attr_after(rest, "value=\"");
        fields.push((name, value));
    }
    Callback::Post(
        action.strip_prefix("http://testserver").unwrap().to_owned(),
        fields,
    )
}

fn attr_after(s: &str, prefix: &str) -> String {
    let at = s.find(prefix).expect(prefix) + prefix.len();
    s[at..at + s[at..].find('"').unwrap()].to_owned()
}

async fn call(cli: &Client, cb: &Callback) -> TestResponse {
    match cb {
        Callback::Get(p) => cli.get(p).send().await,
        Callback::Post(p, fields) => cli.post(p).form(fields.clone()).send().await,
    }
}

/// The same callback with its state replaced (`None`: removed).
fn with_state(cb: &Callback, state: Option<&str>) -> Callback {
    match cb {
        Callback::Get(p) => {
            let (path, q) = p.split_once('?').unwrap();
            let mut kept: Vec<String> = q
                .split('&')
                .filter(|kv| !kv.starts_with("state="))
                .map(str::to_owned)
                .collect();
            if let Some(s) = state {
                kept.push(format!("state={s}"));
            }
            Callback::Get(format!("{path}?{}", kept.join("&")))
        }
        Callback::Post(p, fields) => {
            let mut f: Vec<(String, String)> = fields
                .iter()
                .filter(|(k, _)| k != "state")
                .cloned()
                .collect();
            if let Some(s) = state {
                f.push(("state".into(), s.into()));
            }
            Callback::Post(p.clone(), f)
        }
    }
}

fn is_error(r: &TestResponse) {
    assert_eq!(r.status(), 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/error"));
}

async fn error_text(cli: &Client) -> String {
    cli.get("/error").send().await.text()
}

/// Every scenario against one provider style.
async fn full_flow(style: Style, ident: &str) {
    let who = if style == Style::Apple {
        "alice@privaterelay.appleid.com"
    } else {
        "alice"
    };
    let mock = MockProvider::start(MockConfig::new(style)).expect("mock provider");
    let provider = mock.provider();
    let pkce = provider.pkce;
    let cli = client_for(provider.clone()).await;

    // Anonymous: 303 to /login (SPEC 6.19).
    let r = cli.get("/").send().await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/login")));

    // The user denies consent (SPEC 6.20).
    mock.set(|b| b.deny = true);
    let (_, cb) = authorize(&cli).await;
    is_error(&call(&cli, &cb).await);
    assert_eq!(error_text(&cli).await, "error: access_denied");
    mock.set(|b| b.deny = false);

    // Success (SPEC 6.21): state comes back to get_auth, the session holds auth, the stale
    // oauth_error is gone, the pending cookie is spent.
    let (url, cb) = authorize(&cli).await;
    assert!(url.contains("state="), "{url}");
    assert_eq!(url.contains("code_challenge="), pkce, "{url}");
    assert!(
        !url.contains("%2Fafter"),
        "the app's own state stays with the app: {url}"
    );
    let r = call(&cli, &cb).await;
    assert_eq!(
        (r.status(), r.header("location")),
        (303, Some("/after")),
        "{}",
        r.text()
    );
    assert!(cli.cookie(PENDING_COOKIE).is_none());
    let page = cli.get("/").send().await.text();
    assert_eq!(page, format!("Logged in as {ident} ({who})"));
    let session = cli.session();
    assert_eq!(session.get("auth").and_then(|v| v.as_str()), Some(ident));
    assert!(!session.contains_key("oauth_error"), "{session:?}");

    // The same callback again: its state was spent.
    is_error(&call(&cli, &cb).await);
    assert!(error_text(&cli).await.starts_with("error: invalid_state"));

    // A replayed code with a fresh state: the provider refuses it at the token endpoint.
    let (_, fresh) = authorize(&cli).await;
    let fresh_state = match &fresh {
        Callback::Get(p) => p.split("state=").nth(1).unwrap().to_owned(),
        Callback::Post(_, f) => f.iter().find(|(k, _)| k == "state").unwrap().1.clone(),
    };
    let replay = with_state(&cb, Some(&fresh_state));
    is_error(&call(&cli, &replay).await);
    let e = error_text(&cli).await;
    assert!(
        e.contains("invalid_grant") || e.contains("bad_verification_code"),
        "{e}"
    );

    // A bad state, and none at all.
    for state in [Some("forged"), None] {
        let (_, cb) = authorize(&cli).await;
        is_error(&call(&cli, &with_state(&cb, state)).await);
        assert!(error_text(&cli).await.starts_with("error: invalid_state"));
    }
    // A callback in another browser (no pending cookie there).
    let (_, cb) = authorize(&cli).await;
    let other = client_for(provider.clone()).await;
    is_error(&call(&other, &cb).await);
    assert!(error_text(&other).await.starts_with("error: invalid_state"));

    // The token endpoint fails.
    mock.set(|b| b.token_error = true);
    let (_, cb) = authorize(&cli).await;
    is_error(&call(&cli, &cb).await);
    assert_eq!(error_text(&cli).await, "error: token endpoint answered 503");
    mock.set(|b| b.token_error = false);

    // The userinfo endpoint fails (Apple has none: the user is in the id_token).
    if style != Style::Apple {
        mock.set(|b| b.userinfo_error = true);
        let (_, cb) = authorize(&cli).await;
        is_error(&call(&cli, &cb).await);
        assert_eq!(
            error_text(&cli).await,
            "error: userinfo endpoint answered 500"
        );
        mock.set(|b| b.userinfo_error = false);
    }

    // get_auth refusing a user: back to /login, not logged in.
    let fresh_cli = client_for(provider.clone()).await;
    mock.set(|b| b.user = "banned".into());
    let (_, cb) = authorize(&fresh_cli).await;
    let r = call(&fresh_cli, &cb).await;
    if style == Style::Apple {
        // Apple's id_token has no name: the user is let in.
        assert_eq!(r.status(), 303);
    } else {
        assert_eq!((r.status(), r.header("location")), (303, Some("/login")));
        assert!(!fresh_cli.session().contains_key("auth"));
    }
    mock.set(|b| b.user = "alice".into());

    // Logout (SPEC 6.23). Deliberate difference: a POST with the CSRF token (FastHTML's is a
    // GET, so any page can log the user out with an image).
    assert_eq!(cli.get("/logout").send().await.status(), 405);
    assert_eq!(cli.post("/logout").no_csrf().send().await.status(), 403);
    assert!(cli.session().contains_key("auth"));
    let r = cli.post("/logout").send().await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/login")));
    assert!(!cli.session().contains_key("auth"));
    assert_eq!(cli.get("/").send().await.status(), 303);
    mock.stop().await;
}

#[actix_web::test]
async fn github() {
    full_flow(Style::GitHub, &github_id("alice")).await;
}

fn github_id(user: &str) -> String {
    // The mock's id scheme (a number, as GitHub's).
    let n = user.bytes().fold(4242u64, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    }) % 100_000_000;
    n.to_string()
}

#[actix_web::test]
async fn google() {
    full_flow(Style::Google, &format!("10{}", github_id("alice"))).await;
}

#[actix_web::test]
async fn huggingface() {
    full_flow(Style::HuggingFace, &format!("hf{}", github_id("alice"))).await;
}

#[actix_web::test]
async fn discord() {
    full_flow(Style::Discord, &format!("8035{}", github_id("alice"))).await;
}

#[actix_web::test]
async fn auth0() {
    full_flow(Style::Auth0, "auth0|alice").await;
}

#[actix_web::test]
async fn apple() {
    full_flow(Style::Apple, "001234.alice").await;
}

#[actix_web::test]
async fn generic_openid_connect_by_discovery() {
    let mock = MockProvider::start(MockConfig::new(Style::Oidc)).expect("mock");
    let p = Provider::discover(&mock.url(), "mock-client", "mock-secret")
        .await
        .expect("discovery");
    assert_eq!(p.authorize_url, format!("{}/authorize", mock.url()));
    assert!(p.pkce);
    let cli = client_for(p).await;
    let (_, cb) = authorize(&cli).await;
    assert_eq!(call(&cli, &cb).await.header("location"), Some("/after"));
    assert_eq!(
        cli.get("/").send().await.text(),
        format!("Logged in as 10{} (alice)", github_id("alice"))
    );
    mock.stop().await;
}

#[actix_web::test]
async fn a_wrong_client_secret_is_an_oauth_error_not_a_500() {
    let mock = MockProvider::start(MockConfig::new(Style::Google)).expect("mock");
    let p = mock.provider();
    let bad = Provider::google("mock-client", "wrong").endpoints(
        &p.authorize_url,
        &p.token_url,
        &format!("{}/userinfo", mock.url()),
    );
    let cli = client_for(bad).await;
    let (_, cb) = authorize(&cli).await;
    is_error(&call(&cli, &cb).await);
    assert_eq!(
        error_text(&cli).await,
        "error: invalid_client: client authentication failed"
    );
    mock.stop().await;
}

// SPEC 6.15-6.18: the providers' constants and FastHTML's login links, byte for byte.
#[test]
fn provider_details_match_fasthtml() {
    let g = Provider::google("cid", "sec");
    assert_eq!(
        (
            g.authorize_url.as_str(),
            g.token_url.as_str(),
            g.id_key.as_str()
        ),
        (
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            "sub"
        )
    );
    let gh = Provider::github("cid", "sec");
    assert_eq!(gh.id_key, "id");
    assert!(gh.scope.is_empty());
    assert_eq!(
        gh.login_link("https://ex.com/redirect", None, None),
        "https://github.com/login/oauth/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fex.com%2Fredirect"
    );
    assert_eq!(
        Provider::huggingface("cid", "sec").login_link(
            "https://ex.com/redirect",
            None,
            Some("fixed")
        ),
        "https://huggingface.co/oauth/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fex.com%2Fredirect&scope=openid+profile&state=fixed"
    );
    assert_eq!(
        Provider::discord("cid", "sec", true).login_link(
            "https://ex.com/redirect",
            None,
            Some("s")
        ),
        "https://discord.com/oauth2/authorize?response_type=code&client_id=cid&integration_type=1&scope=applications.commands+applications.commands.permissions.update+identify&state=s&redirect_uri=https%3A%2F%2Fex.com%2Fredirect"
    );
    let a0 = Provider::auth0("t.auth0.com", "cid", "sec");
    assert_eq!(
        (
            a0.authorize_url.as_str(),
            a0.token_url.as_str(),
            a0.id_key.as_str()
        ),
        (
            "https://t.auth0.com/authorize",
            "https://t.auth0.com/oauth/token",
            "sub"
        )
    );
    assert!(format!("{g:?}").contains("<hidden>") && !format!("{g:?}").contains("sec\""));
    assert!(Provider::apple("cid", "team", "kid", "not a key").is_err());
}

// SPEC 6.19, 6.22, 6.24, 6.25 and the redirect URI rules.
#[actix_web::test]
async fn routes_check_invalid_and_the_redirect_uri() {
    let mock = MockProvider::start(MockConfig::new(Style::GitHub)).expect("mock");
    let banned = OAuth::new(mock.provider(), async |_: OAuthLogin, _: &mut Ctx| {
        Some(Redirect::to("/").into_ft())
    })
    .check_invalid(async |_: &mut Ctx, auth: String| {
        (auth == github_id("alice")).then(|| FtResponse::new("banned").status(403).into_ft())
    });
    let cli = Client::new(
        fast_app()
            .secret_key("k")
            .oauth(banned)
            .routes(routes![home, login]),
    )
    .await;
    let r = cli
        .get(&cli.get("/login").send().await.text())
        .header("X-Forwarded-Host", "evil.example")
        .send()
        .await;
    let url = r.header("location").unwrap().to_owned();
    // No redirect_base: the Host header (the test client's is localhost:8080), never X-Forwarded-Host.
    assert!(
        url.contains("redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fredirect"),
        "{url}"
    );
    let cb = match visit_provider_raw(&url).await {
        Some(p) => p,
        None => panic!("no callback"),
    };
    let r = cli.get(&cb).send().await;
    assert_eq!(r.status(), 303);
    let r = cli.get("/").send().await;
    assert_eq!((r.status(), r.text()), (403, "banned".into()));
    // Unmatched paths are plain 404s (SPEC 6.25).
    assert_eq!(cli.get("/favicon.ico").send().await.status(), 404);

    // trusted_hosts: a login started on another Host is refused.
    let strict = OAuth::new(mock.provider(), async |_: OAuthLogin, _: &mut Ctx| None)
        .trusted_hosts(["app.example"]);
    let cli = Client::new(fast_app().secret_key("k").oauth(strict)).await;
    let r = cli
        .get("/oauth/login")
        .header("Host", "evil.example")
        .send()
        .await;
    assert_eq!(r.status(), 400);
    let r = cli
        .get("/oauth/login")
        .header("Host", "app.example")
        .send()
        .await;
    assert!(
        r.header("location")
            .unwrap()
            .contains("redirect_uri=https%3A%2F%2Fapp.example%2Fredirect")
    );
    mock.stop().await;
}

async fn visit_provider_raw(url: &str) -> Option<String> {
    let browser = awc::Client::builder().disable_redirects().finish();
    let res = browser.get(url).send().await.ok()?;
    let loc = res.headers().get("location")?.to_str().ok()?;
    Some(loc.strip_prefix("http://localhost:8080")?.to_owned())
}
