//! Providers: the catalogue (Google, GitHub, ..., any OpenID Connect issuer or OAuth2 server),
//! and what each does at its token and userinfo endpoints.

use super::*;

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
pub(super) enum Secret {
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

    pub(super) fn authorization_url(
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
