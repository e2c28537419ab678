//! FastHTML's OAuth counter example ("Explaining OAuth": a GitHub login, then a per-user
//! count you increment), in ft: `fast_app().oauth(..)` adds the redirect, logout and
//! login-start routes and the login check; each user's count is scoped to them for the whole
//! request.
//!
//! Try it locally against the mock provider (two terminals):
//!
//! ```text
//! cargo run -p ft-examples --example oauth_mock_provider     # a mock GitHub on 127.0.0.1:5002
//! OAUTH_MOCK=http://127.0.0.1:5002 cargo run -p ft-examples --example oauth_counter
//! ```
//!
//! then open http://localhost:5001 (pick any user name on the mock's consent page). With a real
//! GitHub OAuth app (callback `http://localhost:5001/redirect`):
//! `AUTH_CLIENT_ID=.. AUTH_CLIENT_SECRET=.. cargo run -p ft-examples --example oauth_counter`;
//! set `APP_ORIGIN=https://your.host` when it is served elsewhere (the redirect URI is built
//! from it, never from request headers). Data in `data/counts.db`.

use ft_web::auth::oauth::{OAuth, OAuthClient, OAuthLogin, Provider};
use ft_web::prelude::*;

#[derive(Record, Clone, Debug)]
#[table(name = "counts", pk = "name")]
struct Count {
    name: String,
    count: i64,
}

/// Called once the provider confirmed the user: make their row, then go where they were
/// headed (the state of the login link).
async fn get_auth(user: OAuthLogin, ctx: &mut Ctx) -> Option<Ft> {
    let db = ctx.db().await.ok()?;
    let counts = db.table::<Count>();
    if counts.try_get(user.ident.as_str()).await.ok()?.is_none() {
        let row = Count {
            name: user.ident.clone(),
            count: 0,
        };
        counts.insert(&row).await.ok()?;
    }
    let who = user
        .info
        .get("login")
        .or_else(|| user.info.get("name"))
        .and_then(|v| v.as_str())
        .unwrap_or("you")
        .to_owned();
    user.session.insert("who", who).ok()?;
    // Back where the login started, if that is a page of this app: the state comes from the
    // login link, which anyone can craft (`/oauth/login?state=https://evil.example`).
    Some(user.return_to("/").into_ft())
}

#[get("/login")]
fn login(oauth: OAuthClient) -> Ft {
    Titled!(
        "Count demo",
        P!(A!("Log in with GitHub", href = oauth.login_link(Some("/"))))
    )
}

#[get("/error")]
fn error(session: Session) -> Ft {
    let why = session.get::<String>("oauth_error").unwrap_or_default();
    Titled!(
        "Login failed",
        P!(why),
        P!(A!("Try again", href = login.to()))
    )
}

#[get("/")]
async fn home(session: Session, counts: Tbl<Count>, user: Auth<String>) -> Result<Ft> {
    let c = counts.get(user.as_str()).await?;
    let who = session.get::<String>("who").unwrap_or_default();
    Ok(Titled!(
        "Count demo",
        P!(
            format!("Hello {who}. Your count: "),
            Span!(c.count, id = "count")
        ),
        Button!("Increment", hx_post = increment, hx_target = "#count"),
        // A POST form (it carries the CSRF token): a link or an image elsewhere cannot log out.
        Form!(
            Button!("Logout", cls = "secondary outline"),
            action = "/logout",
            method = "post"
        )
    ))
}

/// A POST from htmx: the page's CSRF token rides along in a header.
#[post("/increment")]
async fn increment(counts: Tbl<Count>, user: Auth<String>) -> Result<String> {
    let mut c = counts.get(user.as_str()).await?;
    c.count += 1;
    Ok(counts.update(&c).await?.count.to_string())
}

/// GitHub with the credentials of `AUTH_CLIENT_ID`/`AUTH_CLIENT_SECRET`, or the mock provider
/// at `OAUTH_MOCK`.
fn provider() -> Provider {
    let id = std::env::var("AUTH_CLIENT_ID").unwrap_or_else(|_| "mock-client".into());
    let secret = std::env::var("AUTH_CLIENT_SECRET").unwrap_or_else(|_| "mock-secret".into());
    let github = Provider::github(&id, &secret);
    match std::env::var("OAUTH_MOCK") {
        Ok(mock) => github.endpoints(
            &format!("{mock}/authorize"),
            &format!("{mock}/token"),
            &format!("{mock}/userinfo"),
        ),
        Err(_) => github,
    }
}

/// The app on the SQLite file `db`, logging in with `provider`; `origin` is the address it is
/// served at (the redirect URI is `{origin}/redirect`). The tests use a temporary file and a
/// mock provider.
pub fn app(db: &str, provider: Provider, origin: &str) -> FastApp {
    let oauth = OAuth::new(provider, get_auth).redirect_base(origin);
    fast_app()
        .db(db)
        .table::<Count>()
        .oauth(oauth)
        // Every logged-in request sees only its own row (FastHTML's `counts.xtra(name=auth)`).
        .before(Beforeware::sync(|ctx: &mut Ctx| {
            if let Some(user) = ctx.auth::<String>() {
                ctx.scope::<Count>("name", user);
            }
            None
        }))
        .routes(routes![login, error, home, increment])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    let origin = std::env::var("APP_ORIGIN").unwrap_or_else(|_| "http://localhost:5001".into());
    app("data/counts.db", provider(), &origin)
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
