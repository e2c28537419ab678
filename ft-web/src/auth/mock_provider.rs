//! A local OAuth provider for development and tests: a real HTTP server (actix-web) with an
//! authorization endpoint, a token endpoint, a userinfo endpoint and an OpenID discovery
//! document, answering in the shape of Google, GitHub, Hugging Face, Discord, Auth0, Apple or
//! a plain OpenID Connect server — including their quirks (GitHub's form-encoded tokens and
//! `200` errors, Discord's Basic client auth, Apple's posted redirect, signed client secret
//! and id-token-only user info). Codes are single-use, PKCE is checked, and each failure a
//! real provider can produce can be switched on ([`MockProvider::set`]).
//!
//! ```no_run
//! use ft_web::auth::mock_provider::{MockConfig, MockProvider, Style};
//! # actix_web::rt::System::new().block_on(async {
//! let mock = MockProvider::start(MockConfig::new(Style::GitHub)).unwrap();
//! let provider = mock.provider(); // ft_web::auth::oauth::Provider aimed at the mock
//! # let _ = provider;
//! # });
//! ```

use crate::auth::csrf::{ct_eq, random_token};
use crate::auth::oauth::{Provider, form_encode};
use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Which provider the mock imitates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Google: JSON tokens, `sub` ids, an `id_token`.
    Google,
    /// GitHub: form-encoded tokens unless JSON is asked for, errors with status 200, numeric
    /// `id`s, a `User-Agent` required on the API.
    GitHub,
    /// Hugging Face: JSON tokens, `sub` ids.
    HuggingFace,
    /// Discord: client credentials by HTTP Basic only, string `id`s.
    Discord,
    /// Auth0: JSON tokens, `auth0|..` subs.
    Auth0,
    /// Apple: the redirect is a posted form, the client secret an ES256 JWT, the user only in
    /// the `id_token`.
    Apple,
    /// A plain OpenID Connect server.
    Oidc,
}

/// What the mock does; change it while it runs with [`MockProvider::set`].
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// The user denies consent (`error=access_denied`).
    pub deny: bool,
    /// The token endpoint fails (503 with an HTML page).
    pub token_error: bool,
    /// The userinfo endpoint fails (500).
    pub userinfo_error: bool,
    /// Show a consent page (pick a user name, allow or deny) instead of approving at once.
    pub interactive: bool,
    /// The user who logs in when nobody picks one.
    pub user: String,
}

/// The mock's settings.
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// The provider imitated.
    pub style: Style,
    /// The client id it accepts.
    pub client_id: String,
    /// The client secret it accepts (not for Apple, whose secret is a signed JWT).
    pub client_secret: String,
    /// What it does.
    pub behaviour: Behaviour,
}

impl MockConfig {
    /// A mock of `style` for client `mock-client` / `mock-secret`, approving `alice` at once.
    pub fn new(style: Style) -> MockConfig {
        MockConfig {
            style,
            client_id: "mock-client".into(),
            client_secret: "mock-secret".into(),
            behaviour: Behaviour {
                deny: false,
                token_error: false,
                userinfo_error: false,
                interactive: false,
                user: "alice".into(),
            },
        }
    }
    /// Shows a consent page where you pick the user (for trying an app in a browser).
    pub fn interactive(mut self) -> MockConfig {
        self.behaviour.interactive = true;
        self
    }
}

struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: Option<String>,
    user: String,
}

struct Shared {
    cfg: MockConfig,
    origin: String,
    behaviour: Mutex<Behaviour>,
    codes: Mutex<HashMap<String, Grant>>,
    used: Mutex<HashSet<String>>,
    tokens: Mutex<HashMap<String, String>>,
    /// Apple: the key the client signs its secret with (PKCS#8) and its public half.
    apple_key: Option<(Vec<u8>, Vec<u8>)>,
}

/// A running mock provider.
pub struct MockProvider {
    addr: SocketAddr,
    shared: Arc<Shared>,
    handle: actix_web::dev::ServerHandle,
}

impl MockProvider {
    /// Starts the mock on an ephemeral port of 127.0.0.1, in the current actix system (call it
    /// inside `#[actix_web::test]` or `System::block_on`).
    pub fn start(cfg: MockConfig) -> std::io::Result<MockProvider> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let (mock, server) = MockProvider::listen(cfg, listener)?;
        actix_web::rt::spawn(server);
        Ok(mock)
    }

    /// The mock on a listener you bound; run (await) the returned server yourself.
    pub fn listen(
        cfg: MockConfig,
        listener: std::net::TcpListener,
    ) -> std::io::Result<(MockProvider, actix_web::dev::Server)> {
        let addr = listener.local_addr()?;
        let apple_key = if cfg.style == Style::Apple {
            use ring::signature::KeyPair;
            let rng = ring::rand::SystemRandom::new();
            let alg = &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING;
            let pkcs8 = ring::signature::EcdsaKeyPair::generate_pkcs8(alg, &rng)
                .map_err(|_| std::io::Error::other("could not make an Apple test key"))?;
            let pair = ring::signature::EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng)
                .map_err(|_| std::io::Error::other("could not read the Apple test key"))?;
            Some((pkcs8.as_ref().to_vec(), pair.public_key().as_ref().to_vec()))
        } else {
            None
        };
        let shared = Arc::new(Shared {
            behaviour: Mutex::new(cfg.behaviour.clone()),
            cfg,
            origin: format!("http://{addr}"),
            codes: Mutex::new(HashMap::new()),
            used: Mutex::new(HashSet::new()),
            tokens: Mutex::new(HashMap::new()),
            apple_key,
        });
        let data = web::Data::from(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/authorize", web::get().to(authorize))
                .route("/token", web::post().to(token))
                .route("/userinfo", web::get().to(userinfo))
                .route(
                    "/.well-known/openid-configuration",
                    web::get().to(discovery),
                )
        })
        .workers(1)
        .shutdown_timeout(1)
        .listen(listener)?
        .run();
        let handle = server.handle();
        Ok((
            MockProvider {
                addr,
                shared,
                handle,
            },
            server,
        ))
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// Changes what the mock does from now on.
    pub fn set(&self, f: impl FnOnce(&mut Behaviour)) {
        if let Ok(mut b) = self.shared.behaviour.lock() {
            f(&mut b);
        }
    }
    /// Apple: the client's signing key as PEM (what [`Provider::apple`] takes).
    pub fn apple_key_pem(&self) -> Option<String> {
        self.shared.apple_key.as_ref().map(|(pkcs8, _)| {
            let b64 = STANDARD.encode(pkcs8);
            let lines: Vec<&str> = b64
                .as_bytes()
                .chunks(64)
                .map(|c| std::str::from_utf8(c).unwrap_or(""))
                .collect();
            format!(
                "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
                lines.join("\n")
            )
        })
    }
    /// The [`Provider`] of the imitated kind, with the mock's endpoints and credentials.
    pub fn provider(&self) -> Provider {
        let c = &self.shared.cfg;
        let (id, secret) = (c.client_id.as_str(), c.client_secret.as_str());
        let p = match c.style {
            Style::Google => Provider::google(id, secret),
            Style::GitHub => Provider::github(id, secret),
            Style::HuggingFace => Provider::huggingface(id, secret),
            Style::Discord => Provider::discord(id, secret, false),
            Style::Auth0 => Provider::auth0(&self.addr.to_string(), id, secret),
            Style::Apple => {
                let pem = self.apple_key_pem().unwrap_or_default();
                match Provider::apple(id, "MOCKTEAM01", "MOCKKEY001", &pem) {
                    Ok(p) => p,
                    Err(e) => panic!("mock Apple key: {}", e.message()),
                }
            }
            Style::Oidc => {
                Provider::oauth2(id, secret, "", "", "").scope(["openid", "profile", "email"])
            }
        };
        let o = self.url();
        p.endpoints(
            &format!("{o}/authorize"),
            &format!("{o}/token"),
            &format!("{o}/userinfo"),
        )
    }
    /// Stops the server.
    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}

fn behaviour(s: &Shared) -> Behaviour {
    s.behaviour
        .lock()
        .map(|b| b.clone())
        .unwrap_or_else(|e| e.into_inner().clone())
}

fn query(req: &HttpRequest) -> HashMap<String, String> {
    crate::body::urlencoded(req.query_string().as_bytes())
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// An attribute value, quoted.
fn esc(s: &str) -> String {
    let mut out = String::new();
    ft_html::escape::attr_value(&mut out, s);
    out
}

fn esc_text(s: &str) -> String {
    let mut out = String::new();
    ft_html::escape::text(&mut out, s);
    out
}

fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body)
}

/// The user's info in the provider's shape.
fn user_info(style: Style, user: &str) -> Value {
    let num: u64 = user.bytes().fold(4242u64, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    }) % 100_000_000;
    match style {
        Style::Google | Style::Oidc => json!({
            "sub": format!("10{num}"), "email": format!("{user}@example.com"),
            "email_verified": true, "name": user, "picture": "https://example.com/a.png",
        }),
        Style::GitHub => json!({"id": num, "login": user, "name": user, "email": Value::Null}),
        Style::HuggingFace => json!({
            "sub": format!("hf{num}"), "name": user, "preferred_username": user,
            "profile": format!("https://huggingface.co/{user}"),
        }),
        Style::Discord => {
            json!({"id": format!("8035{num}"), "username": user, "global_name": user})
        }
        Style::Auth0 => {
            json!({"sub": format!("auth0|{user}"), "email": format!("{user}@example.com"), "name": user})
        }
        Style::Apple => {
            json!({"sub": format!("001234.{user}"), "email": format!("{user}@privaterelay.appleid.com")})
        }
    }
}

fn unsigned_jwt(claims: &Value) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode("mock-signature")
    )
}

async fn authorize(req: HttpRequest, s: web::Data<Shared>) -> HttpResponse {
    let q = query(&req);
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("client_id") != s.cfg.client_id {
        return html(StatusCode::BAD_REQUEST, "<h1>Unknown client_id</h1>".into());
    }
    let redirect_uri = get("redirect_uri");
    if redirect_uri.is_empty() || get("response_type") != "code" {
        return html(
            StatusCode::BAD_REQUEST,
            "<h1>redirect_uri and response_type=code are required</h1>".into(),
        );
    }
    let b = behaviour(&s);
    let decision = get("decision");
    if b.interactive && decision.is_empty() {
        let hidden: String = q
            .iter()
            .map(|(k, v)| format!(r#"<input type="hidden" name={} value={}>"#, esc(k), esc(v)))
            .collect();
        return html(
            StatusCode::OK,
            format!(
                r#"<!doctype html><title>Mock {style:?} login</title><h1>Mock {style:?} provider</h1><p>The app <b>{client}</b> asks to sign you in.</p><form method="get" action="/authorize">{hidden}<label>Sign in as <input name="login_as" value={user}></label> <button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Deny</button></form>"#,
                style = s.cfg.style,
                client = esc_text(&s.cfg.client_id),
                user = esc(&b.user),
            ),
        );
    }
    let mut back: Vec<(String, String)> = Vec::new();
    if b.deny || decision == "deny" {
        back.push(("error".into(), "access_denied".into()));
    } else {
        let user = Some(get("login_as"))
            .filter(|u| !u.trim().is_empty())
            .unwrap_or(b.user.clone());
        let challenge = Some(get("code_challenge")).filter(|c| !c.is_empty());
        if challenge.is_some() && get("code_challenge_method") != "S256" {
            return html(StatusCode::BAD_REQUEST, "<h1>only S256 PKCE</h1>".into());
        }
        let code = random_token();
        if let Ok(mut codes) = s.codes.lock() {
            codes.insert(
                code.clone(),
                Grant {
                    client_id: s.cfg.client_id.clone(),
                    redirect_uri: redirect_uri.clone(),
                    challenge,
                    user: user.trim().to_owned(),
                },
            );
        }
        back.push(("code".into(), code));
    }
    if let Some(st) = q.get("state") {
        back.push(("state".into(), st.clone()));
    }
    if get("response_mode") == "form_post" {
        let fields: String = back
            .iter()
            .map(|(k, v)| format!(r#"<input type="hidden" name="{k}" value={}>"#, esc(v)))
            .collect();
        return html(
            StatusCode::OK,
            format!(
                r#"<!doctype html><body onload="document.forms[0].submit()"><form method="post" action={}>{fields}<noscript><button>Continue</button></noscript></form></body>"#,
                esc(&redirect_uri)
            ),
        );
    }
    let pairs: Vec<(&str, &str)> = back.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    HttpResponse::SeeOther()
        .insert_header((
            "Location",
            format!("{redirect_uri}{sep}{}", form_encode(&pairs)),
        ))
        .finish()
}

fn token_error(s: &Shared, status: StatusCode, error: &str, description: &str) -> HttpResponse {
    // GitHub reports token errors with status 200.
    let status = if s.cfg.style == Style::GitHub {
        StatusCode::OK
    } else {
        status
    };
    HttpResponse::build(status).json(json!({"error": error, "error_description": description}))
}

fn apple_secret_ok(s: &Shared, secret: &str) -> bool {
    let Some((_, public)) = &s.apple_key else {
        return false;
    };
    let parts: Vec<&str> = secret.split('.').collect();
    let [h, p, sig] = parts.as_slice() else {
        return false;
    };
    let Ok(sig) = URL_SAFE_NO_PAD.decode(sig) else {
        return false;
    };
    let key =
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, public);
    if key.verify(format!("{h}.{p}").as_bytes(), &sig).is_err() {
        return false;
    }
    let claims: Value = URL_SAFE_NO_PAD
        .decode(p)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    claims["sub"] == s.cfg.client_id.as_str() && claims["aud"] == "https://appleid.apple.com"
}

async fn token(req: HttpRequest, body: web::Bytes, s: web::Data<Shared>) -> HttpResponse {
    let form: HashMap<String, String> = crate::body::urlencoded(&body)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    if behaviour(&s).token_error {
        return html(
            StatusCode::SERVICE_UNAVAILABLE,
            "<html><body><h1>503 Service Unavailable</h1></body></html>".into(),
        );
    }
    // Client authentication, as the imitated provider wants it.
    let basic = req
        .headers()
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .and_then(crate::auth::basic::parse_basic);
    let client_ok = match s.cfg.style {
        Style::Discord => basic
            .is_some_and(|(u, p)| ct_eq(&u, &s.cfg.client_id) && ct_eq(&p, &s.cfg.client_secret)),
        Style::Apple => {
            get("client_id") == s.cfg.client_id && apple_secret_ok(&s, &get("client_secret"))
        }
        _ => {
            ct_eq(&get("client_id"), &s.cfg.client_id)
                && ct_eq(&get("client_secret"), &s.cfg.client_secret)
        }
    };
    if !client_ok {
        return token_error(
            &s,
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        );
    }
    if get("grant_type") != "authorization_code" {
        return token_error(
            &s,
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code",
        );
    }
    let code = get("code");
    let grant = s.codes.lock().ok().and_then(|mut c| c.remove(&code));
    let Some(grant) = grant else {
        let replayed = s.used.lock().map(|u| u.contains(&code)).unwrap_or(false);
        let (err, desc) = if s.cfg.style == Style::GitHub {
            (
                "bad_verification_code",
                "The code passed is incorrect or expired.",
            )
        } else if replayed {
            ("invalid_grant", "authorization code already used")
        } else {
            ("invalid_grant", "unknown authorization code")
        };
        return token_error(&s, StatusCode::BAD_REQUEST, err, desc);
    };
    if let Ok(mut u) = s.used.lock() {
        u.insert(code);
    }
    if grant.client_id != s.cfg.client_id || grant.redirect_uri != get("redirect_uri") {
        return token_error(
            &s,
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "redirect_uri mismatch",
        );
    }
    if let Some(ch) = &grant.challenge {
        use sha2::Digest;
        let verifier = get("code_verifier");
        let computed = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
        if verifier.is_empty() || !ct_eq(&computed, ch) {
            return token_error(
                &s,
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                "PKCE verification failed",
            );
        }
    }
    let access = random_token();
    if let Ok(mut t) = s.tokens.lock() {
        t.insert(access.clone(), grant.user.clone());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut claims = user_info(s.cfg.style, &grant.user);
    claims["iss"] = Value::String(s.origin.clone());
    claims["aud"] = Value::String(s.cfg.client_id.clone());
    claims["iat"] = json!(now);
    claims["exp"] = json!(now + 600);
    let wants_json = req
        .headers()
        .get("accept")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|a| a.contains("json"));
    match s.cfg.style {
        Style::GitHub if !wants_json => HttpResponse::Ok()
            .content_type("application/x-www-form-urlencoded; charset=utf-8")
            .body(form_encode(&[
                ("access_token", &access),
                ("scope", ""),
                ("token_type", "bearer"),
            ])),
        Style::GitHub => HttpResponse::Ok()
            .json(json!({"access_token": access, "token_type": "bearer", "scope": ""})),
        Style::Discord => HttpResponse::Ok().json(json!({
            "access_token": access, "token_type": "Bearer", "expires_in": 604800,
            "refresh_token": random_token(), "scope": "identify",
        })),
        _ => HttpResponse::Ok().json(json!({
            "access_token": access, "token_type": "Bearer", "expires_in": 3599,
            "refresh_token": random_token(), "id_token": unsigned_jwt(&claims),
        })),
    }
}

async fn userinfo(req: HttpRequest, s: web::Data<Shared>) -> HttpResponse {
    if behaviour(&s).userinfo_error {
        return HttpResponse::InternalServerError().json(json!({"error": "server_error"}));
    }
    if s.cfg.style == Style::Apple {
        return HttpResponse::NotFound().finish(); // Apple has no userinfo endpoint
    }
    if s.cfg.style == Style::GitHub && !req.headers().contains_key("user-agent") {
        return HttpResponse::Forbidden().body("Request forbidden by administrative rules. Please make sure your request has a User-Agent header");
    }
    let bearer = req
        .headers()
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    let user = s.tokens.lock().ok().and_then(|t| t.get(bearer).cloned());
    match user {
        Some(u) => HttpResponse::Ok().json(user_info(s.cfg.style, &u)),
        None => HttpResponse::Unauthorized().json(json!({"error": "invalid_token"})),
    }
}

async fn discovery(s: web::Data<Shared>) -> HttpResponse {
    let o = &s.origin;
    HttpResponse::Ok().json(json!({
        "issuer": o,
        "authorization_endpoint": format!("{o}/authorize"),
        "token_endpoint": format!("{o}/token"),
        "userinfo_endpoint": format!("{o}/userinfo"),
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
    }))
}
