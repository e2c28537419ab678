//! OAuth 2.0 / OpenID Connect login, as FastHTML's `fasthtml.oauth` does it (SPEC 6D), with
//! the holes of SPEC Appendix B closed.
//!
//! A [`Provider`] holds a provider's endpoints and your app's credentials: [`Provider::google`],
//! [`Provider::github`], [`Provider::huggingface`], [`Provider::discord`], [`Provider::auth0`],
//! [`Provider::apple`], any OpenID Connect issuer ([`Provider::discover`]) or any OAuth2
//! server ([`Provider::oauth2`]). An [`OAuth`] wires it into the app, like FastHTML's
//! `OAuth(app, cli)`:
//!
//! - `GET`/`POST /redirect` (the provider sends the user back here), `POST /logout` (a POST
//!   with the page's CSRF token, so another site cannot log the user out; FastHTML's is a
//!   GET), and `GET /oauth/login`, where the login link points;
//! - a beforeware that sets the request's [`Auth<String>`](crate::Auth) from the session and
//!   sends anyone without one to `/login` (303), except on the skip list (by default the
//!   redirect, error, login and start paths); `check_invalid` may still refuse a logged-in
//!   user;
//! - your `get_auth` hook, called with the provider's user info, the user's id, the state you
//!   passed to the login link and the request; its `Some(response)` logs the user in
//!   (`session["auth"] = ident`) and is the response, `None` sends them back to `/login`.
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::auth::oauth::{OAuth, OAuthClient, OAuthLogin, Provider};
//!
//! #[get("/")]
//! fn home(user: Auth<String>) -> Ft { P!(format!("Logged in as {}", *user)) }
//!
//! #[get("/login")]
//! fn login(oauth: OAuthClient) -> Ft { A!("Log in with GitHub", href = oauth.login_link(None)) }
//!
//! let github = Provider::github("client-id", "client-secret");
//! let oauth = OAuth::new(github, async |user: OAuthLogin, _ctx: &mut Ctx| {
//!     // look the user up, create them, refuse them...
//!     // back to where the login started (`login_link(Some("/page"))`): a path on this site
//!     // only, else "/"
//!     Some(user.return_to("/").into_ft())
//! })
//! .redirect_base("https://myapp.example");
//! let app = fast_app().oauth(oauth).routes(routes![home, login]);
//! # let _ = app;
//! ```
//!
//! **What ft does that FastHTML does not.**
//! - *State is the framework's.* The login link goes to ft's own start route, which makes a
//!   random `state` (and a PKCE verifier where the provider supports PKCE), keeps them with
//!   the redirect URI and your own state in a short-lived encrypted cookie (`ft_oauth`, 10
//!   minutes, one use), and sends the user to the provider. The redirect is refused unless
//!   its `state` matches that cookie, so a login can only finish in the browser that started
//!   it (CSRF on the login flow), and a code cannot be replayed through it. FastHTML passes
//!   `state` through unchecked. Your state never travels through the provider, so it cannot be
//!   tampered with either.
//! - *The redirect URI is not built from `X-Forwarded-Host`* (SPEC 6.24): it is
//!   [`OAuth::redirect_base`] when set (do set it in production), else the request's `Host`
//!   if it is in [`OAuth::trusted_hosts`] (when given); `X-Forwarded-Host` counts only with
//!   [`OAuth::trust_forwarded_host`], and only for a trusted host.
//! - *The way back is local.* [`OAuthLogin::return_to`] redirects to the state given to the
//!   login link only if it is a path on this site: `/oauth/login?state=https://evil.example`
//!   cannot send a freshly logged-in user off-site (FastHTML's documented pattern redirects
//!   to whatever `state` says).
//! - *A stale `oauth_error` is removed by a successful login* (SPEC 6.21), and the CSRF token
//!   is rotated.
//! - Provider errors (denied consent, a bad code, a failing userinfo endpoint) all end at the
//!   error path with a short `oauth_error` in the session, never a 500.

use crate::app::{Beforeware, FastApp};
use crate::auth::csrf::{ct_eq, random_token};
use crate::ctx::{Ctx, Extract, Where};
use crate::error::Error;
use crate::reply::{Redirect, cookie};
use crate::route::{HandlerFuture, Method, RouteDef};
use crate::session::Session;
use actix_web::cookie::{Cookie, CookieJar};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ft_html::{Ft, IntoFt};
use futures_util::future::LocalBoxFuture;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;

/// The session key for the last OAuth error (FastHTML's `session['oauth_error']`).
pub use super::OAUTH_ERROR_KEY;
/// The cookie holding a login in progress (state, PKCE verifier, redirect URI, your state).
pub const PENDING_COOKIE: &str = "ft_oauth";
/// How long a started login may take, in seconds.
pub const PENDING_MAX_AGE: i64 = 600;
/// The longest error text kept in the session (a provider's error page must not overflow the
/// session cookie).
const MAX_ERROR_LEN: usize = 200;

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAuth {
    /// `client_id` and `client_secret` in the form body (most providers).
    Post,
    /// HTTP Basic with the id and secret (Discord).
    Basic,
}

/// Where the user's info comes from after the token exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserInfo {
    /// A userinfo endpoint called with the access token.
    Endpoint(String),
    /// The claims of the `id_token` the token endpoint returned (Apple, which has no userinfo
    /// endpoint). It came straight from the token endpoint over TLS, which OpenID Connect
    /// accepts in place of checking its signature (Core 3.1.3.7); its `aud` must be the
    /// client id.
    IdToken,
}

#[derive(Clone)]
enum Secret {
    Static(String),
    /// Apple's client secret: an ES256 JWT signed with the team's private key, made fresh for
    /// each token request.
    Apple {
        team_id: String,
        key_id: String,
        key: Arc<ring::signature::EcdsaKeyPair>,
    },
}

/// An OAuth provider and this app's credentials there (FastHTML's `GoogleAppClient`,
/// `GitHubAppClient`, ...). The constructors set the provider's endpoints, scope, id key and
/// quirks (SPEC 6.15-6.18); the builder methods change them (e.g. [`Provider::endpoints`] to
/// point at a local mock).
///
/// ```
/// use ft_web::auth::oauth::Provider;
/// let g = Provider::google("cid", "sec");
/// assert_eq!(g.token_url, "https://oauth2.googleapis.com/token");
/// assert_eq!(g.id_key, "sub");
/// assert_eq!(
///     g.login_link("http://localhost:5001/redirect", None, Some("abc")),
///     "https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2Flocalhost%3A5001%2Fredirect&scope=openid+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.profile&state=abc"
/// );
/// ```
#[derive(Clone)]
pub struct Provider {
    /// A short name (`github`, `google`, ...), for messages.
    pub name: String,
    /// This app's client id at the provider.
    pub client_id: String,
    secret: Secret,
    /// The authorization endpoint (FastHTML's `base_url`).
    pub authorize_url: String,
    /// The token endpoint.
    pub token_url: String,
    /// Where the user's info comes from (FastHTML's `info_url`).
    pub info: UserInfo,
    /// The info field that identifies the user (`sub`, or `id` for GitHub and Discord).
    pub id_key: String,
    /// The scopes asked for.
    pub scope: Vec<String>,
    /// Send a PKCE challenge (S256) with the authorization request.
    pub pkce: bool,
    /// How the client authenticates at the token endpoint.
    pub token_auth: TokenAuth,
    /// Extra authorization parameters (Discord's `integration_type`, Apple's `response_mode`).
    pub extra_params: Vec<(String, String)>,
    discord_link: bool,
    timeout: Duration,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("name", &self.name)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<hidden>")
            .field("authorize_url", &self.authorize_url)
            .field("token_url", &self.token_url)
            .field("info", &self.info)
            .field("id_key", &self.id_key)
            .field("scope", &self.scope)
            .field("pkce", &self.pkce)
            .finish()
    }
}

impl Provider {
    fn base(name: &str, client_id: &str, secret: &str, authorize: &str, token: &str) -> Provider {
        Provider {
            name: name.into(),
            client_id: client_id.into(),
            secret: Secret::Static(secret.into()),
            authorize_url: authorize.into(),
            token_url: token.into(),
            info: UserInfo::IdToken,
            id_key: "sub".into(),
            scope: Vec::new(),
            pkce: true,
            token_auth: TokenAuth::Post,
            extra_params: Vec::new(),
            discord_link: false,
            timeout: Duration::from_secs(15),
        }
    }

    /// Google (FastHTML's `GoogleAppClient`): OpenID scopes for email and profile, id `sub`.
    pub fn google(client_id: &str, client_secret: &str) -> Provider {
        let mut p = Provider::base(
            "google",
            client_id,
            client_secret,
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
        );
        p.info = UserInfo::Endpoint("https://openidconnect.googleapis.com/v1/userinfo".into());
        p.scope = vec![
            "openid".into(),
            "https://www.googleapis.com/auth/userinfo.email".into(),
            "https://www.googleapis.com/auth/userinfo.profile".into(),
        ];
        p
    }

    /// GitHub (FastHTML's `GitHubAppClient`): no default scope, id `id` (a number; the
    /// session keeps it as text).
    pub fn github(client_id: &str, client_secret: &str) -> Provider {
        let mut p = Provider::base(
            "github",
            client_id,
            client_secret,
            "https://github.com/login/oauth/authorize",
            "https://github.com/login/oauth/access_token",
        );
        p.info = UserInfo::Endpoint("https://api.github.com/user".into());
        p.id_key = "id".into();
        p
    }

    /// Hugging Face (FastHTML's `HuggingFaceClient`): scopes `openid profile`, id `sub`.
    pub fn huggingface(client_id: &str, client_secret: &str) -> Provider {
        let mut p = Provider::base(
            "huggingface",
            client_id,
            client_secret,
            "https://huggingface.co/oauth/authorize",
            "https://huggingface.co/oauth/token",
        );
        p.info = UserInfo::Endpoint("https://huggingface.co/oauth/userinfo".into());
        p.scope = vec!["openid".into(), "profile".into()];
        p
    }

    /// Discord (FastHTML's `DiscordAppClient`): its own link format with `integration_type`
    /// (1 when `is_user`), HTTP Basic at the token endpoint, id `id`. No PKCE.
    pub fn discord(client_id: &str, client_secret: &str, is_user: bool) -> Provider {
        let mut p = Provider::base(
            "discord",
            client_id,
            client_secret,
            "https://discord.com/oauth2/authorize",
            "https://discord.com/api/oauth2/token",
        );
        p.info = UserInfo::Endpoint("https://discord.com/api/users/@me".into());
        p.id_key = "id".into();
        p.scope = vec![
            "applications.commands".into(),
            "applications.commands.permissions.update".into(),
            "identify".into(),
        ];
        p.pkce = false;
        p.token_auth = TokenAuth::Basic;
        p.discord_link = true;
        p.extra_params = vec![(
            "integration_type".into(),
            if is_user { "1" } else { "0" }.into(),
        )];
        p
    }

    /// Auth0 (FastHTML's `Auth0AppClient`) for a tenant `domain` (`example.us.auth0.com`),
    /// with Auth0's fixed endpoints (FastHTML reads the same ones from the tenant's discovery
    /// document, SPEC 6.18; [`Provider::discover`] does that for any issuer). Scopes
    /// `openid profile email`, id `sub`.
    pub fn auth0(domain: &str, client_id: &str, client_secret: &str) -> Provider {
        let mut p = Provider::base(
            "auth0",
            client_id,
            client_secret,
            &format!("https://{domain}/authorize"),
            &format!("https://{domain}/oauth/token"),
        );
        p.info = UserInfo::Endpoint(format!("https://{domain}/userinfo"));
        p.scope = vec!["openid".into(), "profile".into(), "email".into()];
        p
    }

    /// Sign in with Apple (FastHTML's `AppleAppClient`): the client secret is an ES256 JWT
    /// signed with your key (the `.p8` file's PEM text), the user comes from the `id_token`,
    /// and Apple posts the redirect back (`response_mode=form_post`), so the redirect route
    /// also answers `POST` and the login cookie is `SameSite=None; Secure` (Apple only
    /// redirects to https). Scopes `name email`, id `sub`. No PKCE.
    pub fn apple(
        client_id: &str,
        team_id: &str,
        key_id: &str,
        private_key_pem: &str,
    ) -> Result<Provider, Error> {
        let der = pem_body(private_key_pem)
            .ok_or_else(|| Error::internal("Apple private key: not a PEM PRIVATE KEY"))?;
        let key = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &der,
            &ring::rand::SystemRandom::new(),
        )
        .map_err(|e| Error::internal(format!("Apple private key: not a P-256 PKCS#8 key ({e})")))?;
        let mut p = Provider::base(
            "apple",
            client_id,
            "",
            "https://appleid.apple.com/auth/authorize",
            "https://appleid.apple.com/auth/token",
        );
        p.secret = Secret::Apple {
            team_id: team_id.into(),
            key_id: key_id.into(),
            key: Arc::new(key),
        };
        p.info = UserInfo::IdToken;
        p.scope = vec!["name".into(), "email".into()];
        p.pkce = false;
        p.extra_params = vec![("response_mode".into(), "form_post".into())];
        Ok(p)
    }

    /// Any OAuth 2.0 server: its authorization, token and userinfo endpoints. Id key `sub`
    /// (change it with [`Provider::id_key`]), no scope, PKCE on.
    pub fn oauth2(
        client_id: &str,
        client_secret: &str,
        authorize_url: &str,
        token_url: &str,
        userinfo_url: &str,
    ) -> Provider {
        let mut p = Provider::base("oauth2", client_id, client_secret, authorize_url, token_url);
        p.info = UserInfo::Endpoint(userinfo_url.into());
        p
    }

    /// Any OpenID Connect provider, from its discovery document
    /// (`{issuer}/.well-known/openid-configuration`): endpoints, and PKCE when it lists
    /// `S256`. Scopes `openid profile email`, id `sub`.
    pub async fn discover(
        issuer: &str,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Provider, Error> {
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let client = http_client(Duration::from_secs(15));
        let mut res = client
            .get(url.as_str())
            .insert_header(("Accept", "application/json"))
            .send()
            .await
            .map_err(|e| Error::internal(format!("OpenID discovery at {url}: {e}")))?;
        let body = res
            .body()
            .limit(1 << 20)
            .await
            .map_err(|e| Error::internal(format!("OpenID discovery at {url}: {e}")))?;
        if !res.status().is_success() {
            return Err(Error::internal(format!(
                "OpenID discovery at {url}: status {}",
                res.status().as_u16()
            )));
        }
        let doc: Map<String, Value> = serde_json::from_slice(&body)
            .map_err(|e| Error::internal(format!("OpenID discovery at {url}: {e}")))?;
        let field = |k: &str| {
            doc.get(k)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| Error::internal(format!("OpenID discovery at {url}: no {k}")))
        };
        let mut p = Provider::oauth2(
            client_id,
            client_secret,
            &field("authorization_endpoint")?,
            &field("token_endpoint")?,
            &field("userinfo_endpoint")?,
        );
        p.name = "oidc".into();
        p.scope = vec!["openid".into(), "profile".into(), "email".into()];
        p.pkce = doc
            .get("code_challenge_methods_supported")
            .and_then(Value::as_array)
            .is_some_and(|m| m.iter().any(|v| v == "S256"));
        Ok(p)
    }

    /// Replaces the scopes.
    pub fn scope<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scope: I) -> Provider {
        self.scope = scope.into_iter().map(Into::into).collect();
        self
    }
    /// The info field that identifies a user.
    pub fn id_key(mut self, key: impl Into<String>) -> Provider {
        self.id_key = key.into();
        self
    }
    /// PKCE on or off.
    pub fn pkce(mut self, on: bool) -> Provider {
        self.pkce = on;
        self
    }
    /// Another authorization, token and userinfo endpoint (a staging server, a local mock).
    /// The userinfo endpoint is kept as is for an id-token provider (Apple).
    pub fn endpoints(
        mut self,
        authorize_url: &str,
        token_url: &str,
        userinfo_url: &str,
    ) -> Provider {
        self.authorize_url = authorize_url.into();
        self.token_url = token_url.into();
        if let UserInfo::Endpoint(_) = self.info {
            self.info = UserInfo::Endpoint(userinfo_url.into());
        }
        self
    }
    /// An extra authorization parameter (`prompt=consent`, `hd=example.com`, ...).
    pub fn param(mut self, name: &str, value: &str) -> Provider {
        self.extra_params.push((name.into(), value.into()));
        self
    }
    /// How long token and userinfo requests may take (15 s).
    pub fn timeout(mut self, timeout: Duration) -> Provider {
        self.timeout = timeout;
        self
    }
    /// Does the provider post the redirect back (Apple)?
    pub fn form_post(&self) -> bool {
        self.extra_params
            .iter()
            .any(|(k, v)| k == "response_mode" && v == "form_post")
    }

    /// FastHTML's `client.login_link(redirect_uri, scope, state)` (SPEC 6.16, 6.17): the
    /// provider's authorization URL, parameters in FastHTML's order. Use this only to talk to
    /// a provider yourself; an app with [`OAuth`] links to [`OAuthClient::login_link`], which
    /// adds a verified state and PKCE.
    ///
    /// ```
    /// use ft_web::auth::oauth::Provider;
    /// assert_eq!(
    ///     Provider::discord("cid", "sec", true).login_link("https://ex.com/redirect", None, Some("s")),
    ///     "https://discord.com/oauth2/authorize?response_type=code&client_id=cid&integration_type=1&scope=applications.commands+applications.commands.permissions.update+identify&state=s&redirect_uri=https%3A%2F%2Fex.com%2Fredirect"
    /// );
    /// ```
    pub fn login_link(
        &self,
        redirect_uri: &str,
        scope: Option<&[&str]>,
        state: Option<&str>,
    ) -> String {
        self.authorization_url(redirect_uri, scope, state, None)
    }

    fn authorization_url(
        &self,
        redirect_uri: &str,
        scope: Option<&[&str]>,
        state: Option<&str>,
        challenge: Option<&str>,
    ) -> String {
        let scope = match scope {
            Some(s) => s.join(" "),
            None => self.scope.join(" "),
        };
        let mut q: Vec<(&str, &str)> =
            vec![("response_type", "code"), ("client_id", &self.client_id)];
        let extra: Vec<(&str, &str)> = self
            .extra_params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if self.discord_link {
            q.extend(extra.iter().copied());
            q.push(("scope", &scope));
            if let Some(s) = state {
                q.push(("state", s));
            }
            q.push(("redirect_uri", redirect_uri));
        } else {
            q.push(("redirect_uri", redirect_uri));
            if !scope.is_empty() {
                q.push(("scope", &scope));
            }
            if let Some(s) = state {
                q.push(("state", s));
            }
            q.extend(extra.iter().copied());
        }
        if let Some(c) = challenge {
            q.push(("code_challenge", c));
            q.push(("code_challenge_method", "S256"));
        }
        let sep = if self.authorize_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{sep}{}", self.authorize_url, form_encode(&q))
    }

    fn client_secret(&self) -> Result<String, String> {
        match &self.secret {
            Secret::Static(s) => Ok(s.clone()),
            Secret::Apple {
                team_id,
                key_id,
                key,
            } => {
                let now = now();
                let header = serde_json::json!({"alg": "ES256", "kid": key_id});
                let claims = serde_json::json!({
                    "iss": team_id, "iat": now, "exp": now + 86400 * 180,
                    "aud": "https://appleid.apple.com", "sub": self.client_id,
                });
                let input = format!(
                    "{}.{}",
                    URL_SAFE_NO_PAD.encode(header.to_string()),
                    URL_SAFE_NO_PAD.encode(claims.to_string())
                );
                let sig = key
                    .sign(&ring::rand::SystemRandom::new(), input.as_bytes())
                    .map_err(|_| "could not sign Apple's client secret".to_owned())?;
                Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref())))
            }
        }
    }

    /// Exchanges an authorization code for the token response (FastHTML's
    /// `parse_response`). The error is the provider's own (`invalid_grant: ...`) or what went
    /// wrong on the way.
    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: &str,
        code_verifier: Option<&str>,
    ) -> Result<Map<String, Value>, String> {
        let secret = self.client_secret()?;
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
        ];
        if self.token_auth == TokenAuth::Post {
            form.push(("client_id", &self.client_id));
            form.push(("client_secret", &secret));
        }
        if let Some(v) = code_verifier {
            form.push(("code_verifier", v));
        }
        let client = http_client(self.timeout);
        let mut req = client
            .post(self.token_url.as_str())
            .insert_header(("Accept", "application/json"))
            .insert_header(("User-Agent", USER_AGENT));
        if self.token_auth == TokenAuth::Basic {
            let basic = base64::engine::general_purpose::STANDARD
                .encode(format!("{}:{secret}", self.client_id));
            req = req.insert_header(("Authorization", format!("Basic {basic}")));
        }
        let mut res = req
            .content_type("application/x-www-form-urlencoded")
            .send_body(form_encode(&form))
            .await
            .map_err(|e| format!("token endpoint unreachable: {e}"))?;
        let status = res.status();
        let ctype = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = res
            .body()
            .limit(1 << 20)
            .await
            .map_err(|e| format!("token endpoint: {e}"))?;
        let map = parse_token_body(&ctype, &body);
        if let Some(err) = map.as_ref().and_then(provider_error) {
            return Err(err);
        }
        if !status.is_success() {
            return Err(format!("token endpoint answered {}", status.as_u16()));
        }
        let map = map.ok_or_else(|| "token endpoint: unreadable response".to_owned())?;
        let has = |k: &str| {
            map.get(k)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
        };
        let ok = match self.info {
            UserInfo::Endpoint(_) => has("access_token"),
            UserInfo::IdToken => has("id_token"),
        };
        if !ok {
            return Err("token endpoint: no token in the response".into());
        }
        Ok(map)
    }

    /// The user's info for a token response (FastHTML's `get_info`).
    pub async fn user_info(
        &self,
        token: &Map<String, Value>,
    ) -> Result<Map<String, Value>, String> {
        match &self.info {
            UserInfo::Endpoint(url) => {
                let access = token
                    .get("access_token")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let client = http_client(self.timeout);
                let mut res = client
                    .get(url.as_str())
                    .insert_header(("Authorization", format!("Bearer {access}")))
                    .insert_header(("Accept", "application/json"))
                    .insert_header(("User-Agent", USER_AGENT))
                    .send()
                    .await
                    .map_err(|e| format!("userinfo endpoint unreachable: {e}"))?;
                let status = res.status();
                let body = res
                    .body()
                    .limit(1 << 20)
                    .await
                    .map_err(|e| format!("userinfo endpoint: {e}"))?;
                if !status.is_success() {
                    return Err(format!("userinfo endpoint answered {}", status.as_u16()));
                }
                match serde_json::from_slice::<Value>(&body) {
                    Ok(Value::Object(m)) => Ok(m),
                    _ => Err("userinfo endpoint: not a JSON object".into()),
                }
            }
            UserInfo::IdToken => {
                let jwt = token.get("id_token").and_then(Value::as_str).unwrap_or("");
                let claims = jwt_claims(jwt).ok_or_else(|| "id_token: malformed".to_owned())?;
                let aud_ok = match claims.get("aud") {
                    Some(Value::String(a)) => *a == self.client_id,
                    Some(Value::Array(a)) => a.iter().any(|v| v == self.client_id.as_str()),
                    _ => false,
                };
                if !aud_ok {
                    return Err("id_token: issued for another client".into());
                }
                if claims
                    .get("exp")
                    .and_then(Value::as_i64)
                    .is_some_and(|exp| exp < now() - 300)
                {
                    return Err("id_token: expired".into());
                }
                Ok(claims)
            }
        }
    }
}

const USER_AGENT: &str = concat!("ft-web/", env!("CARGO_PKG_VERSION"));

fn http_client(timeout: Duration) -> awc::Client {
    awc::Client::builder()
        .timeout(timeout)
        .disable_redirects()
        .finish()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn pem_body(pem: &str) -> Option<Vec<u8>> {
    let b64: String = pem
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

fn jwt_claims(jwt: &str) -> Option<Map<String, Value>> {
    let mut parts = jwt.split('.');
    let (_, payload) = (parts.next()?, parts.next()?);
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

fn parse_token_body(ctype: &str, body: &[u8]) -> Option<Map<String, Value>> {
    if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(body) {
        return Some(m);
    }
    if ctype.starts_with("application/x-www-form-urlencoded") || ctype.starts_with("text/plain") {
        let pairs = crate::body::urlencoded(body).ok()?;
        return Some(
            pairs
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
        );
    }
    None
}

fn provider_error(m: &Map<String, Value>) -> Option<String> {
    let err = m.get("error")?;
    let code = match err {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(match m.get("error_description").and_then(Value::as_str) {
        Some(d) => format!("{code}: {d}"),
        None => code,
    })
}

/// `application/x-www-form-urlencoded` as Python's `urlencode` writes it (space as `+`).
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_plus(&mut out, k);
        out.push('=');
        quote_plus(&mut out, v);
    }
    out
}

fn quote_plus(out: &mut String, s: &str) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// What `get_auth` is given about a login that the provider confirmed.
#[derive(Debug, Clone)]
pub struct OAuthLogin {
    /// The provider's user info (FastHTML's `info`).
    pub info: Map<String, Value>,
    /// The user's id at the provider, as text (`info[id_key]`; FastHTML's `ident`).
    pub ident: String,
    /// The state given to the login link ([`OAuthClient::login_link`]), back unchanged.
    pub state: Option<String>,
    /// The session.
    pub session: Session,
    /// The token response (access token, id token, refresh token, ...).
    pub token: Map<String, Value>,
}

impl OAuthLogin {
    /// The redirect back to where the login started: the [`state`](OAuthLogin::state) given
    /// to the login link when it is a path on this site, else `fallback`. Anyone can start a
    /// login with `?state=https://evil.example/phish`, so never redirect to the state as it
    /// is.
    ///
    /// ```
    /// # use ft_web::auth::oauth::OAuthLogin;
    /// # fn login(state: Option<&str>) -> OAuthLogin {
    /// #     OAuthLogin { info: Default::default(), ident: "1".into(), state: state.map(Into::into),
    /// #         session: ft_web::Session::default(), token: Default::default() }
    /// # }
    /// assert_eq!(login(Some("/todos?page=2")).return_to("/").location(), Some("/todos?page=2"));
    /// assert_eq!(login(Some("https://evil.example/phish")).return_to("/").location(), Some("/"));
    /// assert_eq!(login(Some("//evil.example")).return_to("/").location(), Some("/"));
    /// assert_eq!(login(None).return_to("/home").location(), Some("/home"));
    /// ```
    pub fn return_to(&self, fallback: &str) -> Redirect {
        Redirect::local_or(self.state.as_deref().unwrap_or(fallback), fallback)
    }
}

type GetAuthFn =
    dyn for<'a> Fn(OAuthLogin, &'a mut Ctx) -> LocalBoxFuture<'a, Option<Ft>> + Send + Sync;
type CheckFn = dyn for<'a> Fn(&'a mut Ctx, String) -> LocalBoxFuture<'a, Option<Ft>> + Send + Sync;
type LogoutFn = dyn Fn(&Session) -> Ft + Send + Sync;

/// OAuth login for an app (FastHTML's `OAuth` class); install it with [`FastApp::oauth`].
#[derive(Clone)]
pub struct OAuth {
    provider: Provider,
    redir_path: String,
    error_path: String,
    logout_path: String,
    login_path: String,
    start_path: String,
    skip: Option<Vec<String>>,
    https: bool,
    redirect_base: Option<String>,
    trusted_hosts: Vec<String>,
    trust_forwarded_host: bool,
    get_auth: Arc<GetAuthFn>,
    check_invalid: Option<Arc<CheckFn>>,
    logout: Option<Arc<LogoutFn>>,
}

impl OAuth {
    /// OAuth with `provider`, and `get_auth` deciding what a confirmed login leads to
    /// (FastHTML's `get_auth(info, ident, session, state)`): `Some(response)` logs the user
    /// in and answers with it (usually a redirect), `None` refuses them (303 to the login
    /// path).
    pub fn new<F>(provider: Provider, get_auth: F) -> OAuth
    where
        F: AsyncFn(OAuthLogin, &mut Ctx) -> Option<Ft> + Send + Sync + 'static,
    {
        let f = Arc::new(get_auth);
        OAuth {
            provider,
            redir_path: "/redirect".into(),
            error_path: "/error".into(),
            logout_path: "/logout".into(),
            login_path: "/login".into(),
            start_path: "/oauth/login".into(),
            skip: None,
            https: true,
            redirect_base: None,
            trusted_hosts: Vec::new(),
            trust_forwarded_host: false,
            get_auth: Arc::new(move |login, ctx| {
                let f = f.clone();
                Box::pin(async move { f(login, ctx).await })
            }),
            check_invalid: None,
            logout: None,
        }
    }
    /// FastHTML's `check_invalid(req, session, auth)`: runs for every logged-in request on a
    /// protected path; `Some(response)` refuses it with that response.
    pub fn check_invalid<F>(mut self, f: F) -> OAuth
    where
        F: AsyncFn(&mut Ctx, String) -> Option<Ft> + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        self.check_invalid = Some(Arc::new(move |ctx, auth| {
            let f = f.clone();
            Box::pin(async move { f(ctx, auth).await })
        }));
        self
    }
    /// FastHTML's `logout(session)`: the response after `auth` was removed from the session
    /// (default: 303 to the login path).
    pub fn on_logout(mut self, f: impl Fn(&Session) -> Ft + Send + Sync + 'static) -> OAuth {
        self.logout = Some(Arc::new(f));
        self
    }
    /// Where the provider sends the user back (`/redirect`).
    pub fn redir_path(mut self, p: impl Into<String>) -> OAuth {
        self.redir_path = p.into();
        self
    }
    /// Where a failed login goes, with `oauth_error` in the session (`/error`; yours to
    /// write).
    pub fn error_path(mut self, p: impl Into<String>) -> OAuth {
        self.error_path = p.into();
        self
    }
    /// The logout route (`/logout`).
    pub fn logout_path(mut self, p: impl Into<String>) -> OAuth {
        self.logout_path = p.into();
        self
    }
    /// Where anonymous users are sent (`/login`; yours to write, usually a page with
    /// [`OAuthClient::login_link`]).
    pub fn login_path(mut self, p: impl Into<String>) -> OAuth {
        self.login_path = p.into();
        self
    }
    /// The route the login link points to, which starts the flow (`/oauth/login`).
    pub fn start_path(mut self, p: impl Into<String>) -> OAuth {
        self.start_path = p.into();
        self
    }
    /// Paths the login check skips (regexes on the whole path). Default: the redirect,
    /// error, login and start paths; a list given here replaces it (keep those in it).
    pub fn skip<I: IntoIterator<Item = S>, S: Into<String>>(mut self, patterns: I) -> OAuth {
        self.skip = Some(patterns.into_iter().map(Into::into).collect());
        self
    }
    /// `false`: build `http://` redirect URIs for every host (FastHTML's `https=False`).
    /// `localhost` and `127.0.0.1` always get `http://`.
    pub fn https(mut self, on: bool) -> OAuth {
        self.https = on;
        self
    }
    /// The app's public origin (`https://myapp.example`), from which the redirect URI is
    /// built. Set it in production: without it the request's `Host` header is used.
    pub fn redirect_base(mut self, origin: impl Into<String>) -> OAuth {
        self.redirect_base = Some(origin.into().trim_end_matches('/').to_owned());
        self
    }
    /// Hosts (`host` or `host:port`) the redirect URI may be built for; a login started
    /// on another `Host` is refused (400). Ignored when [`OAuth::redirect_base`] is set.
    pub fn trusted_hosts<I: IntoIterator<Item = S>, S: Into<String>>(mut self, hosts: I) -> OAuth {
        self.trusted_hosts = hosts
            .into_iter()
            .map(|h| h.into().to_ascii_lowercase())
            .collect();
        self
    }
    /// Believe `X-Forwarded-Host` (from your reverse proxy) — only for a host in
    /// [`OAuth::trusted_hosts`].
    pub fn trust_forwarded_host(mut self, on: bool) -> OAuth {
        self.trust_forwarded_host = on;
        self
    }
    /// The link that starts a login, keeping `state` for `get_auth` (FastHTML's
    /// `oauth.login_link(req, state=..)`).
    pub fn login_link(&self, state: Option<&str>) -> String {
        match state {
            Some(s) => format!("{}?{}", self.start_path, form_encode(&[("state", s)])),
            None => self.start_path.clone(),
        }
    }
    /// The provider.
    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    /// The redirect URI for this request (see [`OAuth::redirect_base`]).
    fn redirect_uri(&self, ctx: &Ctx) -> Result<String, Error> {
        if let Some(base) = &self.redirect_base {
            return Ok(format!("{base}{}", self.redir_path));
        }
        let req = ctx.req();
        let mut host = req
            .headers()
            .get("host")
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
            .or_else(|| req.uri().authority().map(|a| a.to_string()))
            .unwrap_or_else(|| req.app_config().host().to_owned());
        if self.trust_forwarded_host
            && !self.trusted_hosts.is_empty()
            && let Some(fwd) = ctx.header("x-forwarded-host")
        {
            host = fwd.split(',').next().unwrap_or("").trim().to_owned();
        }
        let host = host.to_ascii_lowercase();
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        {
            return Err(Error::bad_request(
                "OAuth: the request's Host is not a host name",
            ));
        }
        if !self.trusted_hosts.is_empty() && !self.trusted_hosts.contains(&host) {
            return Err(Error::bad_request(format!(
                "OAuth: {host} is not one of this app's trusted hosts"
            )));
        }
        let name = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(&host);
        let local = matches!(name, "localhost" | "127.0.0.1" | "[::1]");
        let scheme = if local || !self.https {
            "http"
        } else {
            "https"
        };
        Ok(format!("{scheme}://{host}{}", self.redir_path))
    }
}

/// The installed OAuth, as a handler parameter: for the login link.
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::auth::oauth::OAuthClient;
/// #[get("/login")]
/// fn login(oauth: OAuthClient) -> Ft {
///     A!("Log in", href = oauth.login_link(Some("/after")))
/// }
/// # let _ = login;
/// ```
#[derive(Clone)]
pub struct OAuthClient(Arc<OAuth>);

impl OAuthClient {
    /// The link that starts a login; `state` comes back to `get_auth` unchanged.
    pub fn login_link(&self, state: Option<&str>) -> String {
        self.0.login_link(state)
    }
    /// The configuration.
    pub fn oauth(&self) -> &OAuth {
        &self.0
    }
}

impl Extract for OAuthClient {
    async fn extract(ctx: &mut Ctx, _: &'static str, _: Where) -> Result<Self, Error> {
        ctx.state::<Arc<OAuth>>()
            .map(|o| OAuthClient((*o).clone()))
            .ok_or_else(|| Error::internal("no OAuth installed (fast_app().oauth(..))"))
    }
}

impl FastApp {
    /// Installs OAuth login (FastHTML's `OAuth(app, cli)`): the redirect, logout and start
    /// routes and the login-check beforeware (added after the beforewares so far). See
    /// [`crate::auth::oauth`].
    pub fn oauth(self, oauth: OAuth) -> FastApp {
        let oauth = Arc::new(oauth);
        let skip = oauth.skip.clone().unwrap_or_else(|| {
            [
                &oauth.redir_path,
                &oauth.error_path,
                &oauth.login_path,
                &oauth.start_path,
            ]
            .iter()
            .map(|p| regex_escape(p))
            .collect()
        });
        let bw = {
            let oauth = oauth.clone();
            Beforeware::new(async move |ctx: &mut Ctx| {
                if ctx.auth::<String>().is_none()
                    && let Some(a) = ctx.session().get_value(crate::auth::AUTH_SESSION_KEY)
                    && let Some(a) = ident_text(&a)
                {
                    ctx.set_auth(a);
                }
                let Some(auth) = ctx.auth::<String>() else {
                    return Some(Redirect::to(&oauth.login_path).into_ft());
                };
                match &oauth.check_invalid {
                    Some(check) => check(ctx, auth).await,
                    None => None,
                }
            })
            .skip(skip)
        };
        let paths = (
            oauth.redir_path.clone(),
            oauth.logout_path.clone(),
            oauth.start_path.clone(),
        );
        self.state(oauth)
            .before(bw)
            .csrf_exempt_paths([regex_escape(&paths.0)])
            .routes(vec![
                RouteDef {
                    path: paths.0,
                    methods: &[Method::Get, Method::Post],
                    name: "oauth_redirect",
                    handler: redirect_route,
                },
                RouteDef {
                    path: paths.1,
                    methods: &[Method::Post],
                    name: "oauth_logout",
                    handler: logout_route,
                },
                RouteDef {
                    path: paths.2,
                    methods: &[Method::Get],
                    name: "oauth_login",
                    handler: start_route,
                },
            ])
    }
}

fn regex_escape(s: &str) -> String {
    regex::escape(s)
}

fn ident_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn installed(ctx: &Ctx) -> Result<Arc<OAuth>, Error> {
    ctx.state::<Arc<OAuth>>()
        .map(|o| (*o).clone())
        .ok_or_else(|| Error::internal("no OAuth installed"))
}

/// The login in progress, kept in the encrypted `ft_oauth` cookie.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pending {
    /// The `state` sent to the provider.
    s: String,
    /// The PKCE verifier.
    v: Option<String>,
    /// The redirect URI sent to the provider (the token request must repeat it).
    r: String,
    /// The app's own state for `get_auth`.
    u: Option<String>,
    /// When the login started (unix seconds).
    t: i64,
}

fn pending_cookie(
    ctx: &Ctx,
    oauth: &OAuth,
    value: Option<&Pending>,
) -> Result<crate::reply::SetCookie, Error> {
    let https = crate::session::request_is_https(ctx.req(), &ctx.app().session);
    let post = oauth.provider.form_post();
    let base = match value {
        Some(p) => {
            let json = serde_json::to_string(p).map_err(|e| Error::internal(e.to_string()))?;
            let mut jar = CookieJar::new();
            jar.private_mut(&ctx.app().key)
                .add(Cookie::new(PENDING_COOKIE, json));
            let sealed = jar
                .get(PENDING_COOKIE)
                .map(|c| c.value().to_owned())
                .ok_or_else(|| Error::internal("the OAuth cookie could not be sealed"))?;
            cookie(PENDING_COOKIE, sealed).max_age(PENDING_MAX_AGE)
        }
        None => cookie(PENDING_COOKIE, "").expire(),
    };
    let c = base.http_only(true);
    // Apple posts the redirect back across sites: only a SameSite=None cookie comes along.
    Ok(if post {
        c.same_site("None").secure(true)
    } else {
        c.secure(https)
    })
}

fn read_pending(ctx: &Ctx) -> Option<Pending> {
    let raw = ctx.req().cookie(PENDING_COOKIE)?;
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(PENDING_COOKIE, raw.value().to_owned()));
    let opened = jar.private(&ctx.app().key).get(PENDING_COOKIE)?;
    let p: Pending = serde_json::from_str(opened.value()).ok()?;
    let age = now() - p.t;
    (0..=PENDING_MAX_AGE).contains(&age).then_some(p)
}

fn start_route(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let mut ctx = ctx;
        let out = start(&mut ctx).await.unwrap_or_else(|e| e.into_ft());
        crate::page::respond(&mut ctx, out)
    })
}

async fn start(ctx: &mut Ctx) -> Result<Ft, Error> {
    let oauth = installed(ctx)?;
    let user_state = ctx
        .query_pairs()
        .iter()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.clone());
    if user_state.as_ref().is_some_and(|s| s.len() > 1024) {
        return Err(Error::bad_request("OAuth: the state is too long"));
    }
    let redirect_uri = oauth.redirect_uri(ctx)?;
    let state = random_token();
    let verifier = oauth.provider.pkce.then(random_token);
    let challenge = verifier.as_ref().map(|v| {
        use sha2::Digest;
        URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(v.as_bytes()))
    });
    let pending = Pending {
        s: state.clone(),
        v: verifier,
        r: redirect_uri.clone(),
        u: user_state,
        t: now(),
    };
    let url =
        oauth
            .provider
            .authorization_url(&redirect_uri, None, Some(&state), challenge.as_deref());
    let c = pending_cookie(ctx, &oauth, Some(&pending))?;
    // 303, or HX-Redirect for htmx: a real navigation either way.
    Ok((c, Redirect::external(url)).into_ft())
}

fn redirect_route(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let mut ctx = ctx;
        let out = match finish(&mut ctx).await {
            Ok(ft) => ft,
            Err(e) => e.into_ft(),
        };
        crate::page::respond(&mut ctx, out)
    })
}

fn param(ctx: &Ctx, name: &str) -> Option<String> {
    ctx.query_pairs()
        .iter()
        .chain(ctx.body().map(|b| b.fields.as_slice()).unwrap_or(&[]))
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

fn fail(session: &Session, oauth: &OAuth, clear: crate::reply::SetCookie, msg: &str) -> Ft {
    let mut msg = msg.to_owned();
    if msg.len() > MAX_ERROR_LEN {
        let mut cut = MAX_ERROR_LEN;
        while !msg.is_char_boundary(cut) {
            cut -= 1;
        }
        msg.truncate(cut);
    }
    let _ = session.insert(OAUTH_ERROR_KEY, msg);
    (clear, Redirect::to(&oauth.error_path)).into_ft()
}

async fn finish(ctx: &mut Ctx) -> Result<Ft, Error> {
    let oauth = installed(ctx)?;
    if ctx.method() == actix_web::http::Method::POST {
        ctx.load_body().await?;
    }
    let session = ctx.session();
    let pending = read_pending(ctx);
    let clear = pending_cookie(ctx, &oauth, None)?;
    let code = param(ctx, "code");
    let Some(code) = code else {
        let error = param(ctx, "error").unwrap_or_else(|| "no code in the redirect".into());
        return Ok(fail(&session, &oauth, clear, &error));
    };
    let state = param(ctx, "state").unwrap_or_default();
    let Some(pending) = pending.filter(|p| ct_eq(&p.s, &state)) else {
        return Ok(fail(
            &session,
            &oauth,
            clear,
            "invalid_state: the login was not started here, was already used, or took too long",
        ));
    };
    let provider = &oauth.provider;
    let token = match provider
        .exchange_code(&code, &pending.r, pending.v.as_deref())
        .await
    {
        Ok(t) => t,
        Err(e) => return Ok(fail(&session, &oauth, clear, &e)),
    };
    let info = match provider.user_info(&token).await {
        Ok(i) => i,
        Err(e) => return Ok(fail(&session, &oauth, clear, &e)),
    };
    let Some(ident) = info.get(&provider.id_key).and_then(ident_text) else {
        return Ok((clear, Redirect::to(&oauth.login_path)).into_ft());
    };
    let login = OAuthLogin {
        info,
        ident: ident.clone(),
        state: pending.u,
        session: session.clone(),
        token,
    };
    match (oauth.get_auth)(login, ctx).await {
        Some(res) => {
            crate::auth::log_in(&session, &ident)?;
            ctx.set_auth(ident);
            Ok((clear, res).into_ft())
        }
        None => Ok((clear, Redirect::to(&oauth.login_path)).into_ft()),
    }
}

fn logout_route(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let mut ctx = ctx;
        let out = match installed(&ctx) {
            Ok(oauth) => {
                let session = ctx.session();
                crate::auth::log_out(&session);
                match &oauth.logout {
                    Some(f) => f(&session),
                    None => Redirect::to(&oauth.login_path).into_ft(),
                }
            }
            Err(e) => e.into_ft(),
        };
        crate::page::respond(&mut ctx, out)
    })
}
