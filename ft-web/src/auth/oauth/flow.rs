//! The login flow in the app: the start, redirect and logout routes, the pending-login cookie,
//! the beforeware and `get_auth`.

use super::*;

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

pub(super) type GetAuthFn =
    dyn for<'a> Fn(OAuthLogin, &'a mut Ctx) -> LocalBoxFuture<'a, Option<Ft>> + Send + Sync;
pub(super) type CheckFn =
    dyn for<'a> Fn(&'a mut Ctx, String) -> LocalBoxFuture<'a, Option<Ft>> + Send + Sync;
pub(super) type LogoutFn = dyn Fn(&Session) -> Ft + Send + Sync;

/// OAuth login for an app (FastHTML's `OAuth` class); install it with
/// [`FastApp::oauth`](crate::FastApp::oauth).
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

/// What installing OAuth adds to an app; [`FastApp::oauth`](crate::FastApp::oauth) adds it, in
/// this order.
pub(crate) struct Install {
    /// The configuration, as app state (read back by [`OAuthClient`] and the routes).
    pub(crate) oauth: Arc<OAuth>,
    /// The beforeware that sends anyone not logged in to the login path.
    pub(crate) login_check: Beforeware,
    /// The redirect path as a regex: exempt from the CSRF check (the provider sends the user
    /// back there from its own site).
    pub(crate) csrf_exempt: String,
    /// The redirect, logout and start routes.
    pub(crate) routes: Vec<RouteDef>,
}

/// The routes, the beforeware and the state OAuth login needs (FastHTML's `OAuth(app, cli)`).
pub(crate) fn install(oauth: OAuth) -> Install {
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
    let login_check = {
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
    Install {
        csrf_exempt: regex_escape(&paths.0),
        routes: vec![
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
        ],
        oauth,
        login_check,
    }
}

pub(super) fn regex_escape(s: &str) -> String {
    regex::escape(s)
}

pub(super) fn ident_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(super) fn installed(ctx: &Ctx) -> Result<Arc<OAuth>, Error> {
    ctx.state::<Arc<OAuth>>()
        .map(|o| (*o).clone())
        .ok_or_else(|| Error::internal("no OAuth installed"))
}

/// The login in progress, kept in the encrypted `ft_oauth` cookie.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Pending {
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

pub(super) fn pending_cookie(
    ctx: &Ctx,
    oauth: &OAuth,
    value: Option<&Pending>,
) -> Result<crate::response::SetCookie, Error> {
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

pub(super) fn read_pending(ctx: &Ctx) -> Option<Pending> {
    let raw = ctx.req().cookie(PENDING_COOKIE)?;
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(PENDING_COOKIE, raw.value().to_owned()));
    let opened = jar.private(&ctx.app().key).get(PENDING_COOKIE)?;
    let p: Pending = serde_json::from_str(opened.value()).ok()?;
    let age = now() - p.t;
    (0..=PENDING_MAX_AGE).contains(&age).then_some(p)
}

pub(super) fn start_route(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let mut ctx = ctx;
        let out = start(&mut ctx).await.unwrap_or_else(|e| e.into_ft());
        crate::response::respond(&mut ctx, out)
    })
}

pub(super) async fn start(ctx: &mut Ctx) -> Result<Ft, Error> {
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

pub(super) fn redirect_route(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let mut ctx = ctx;
        let out = match finish(&mut ctx).await {
            Ok(ft) => ft,
            Err(e) => e.into_ft(),
        };
        crate::response::respond(&mut ctx, out)
    })
}

pub(super) fn param(ctx: &Ctx, name: &str) -> Option<String> {
    ctx.query_pairs()
        .iter()
        .chain(ctx.body().map(|b| b.fields.as_slice()).unwrap_or(&[]))
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

pub(super) fn fail(
    session: &Session,
    oauth: &OAuth,
    clear: crate::response::SetCookie,
    msg: &str,
) -> Ft {
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

pub(super) async fn finish(ctx: &mut Ctx) -> Result<Ft, Error> {
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

pub(super) fn logout_route(ctx: Ctx) -> HandlerFuture {
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
        crate::response::respond(&mut ctx, out)
    })
}
