//! Security headers on every page and error the app answers with, computed once when the app
//! is built (a request only clones ready header values):
//!
//! - `X-Content-Type-Options: nosniff`: a browser never runs an upload or a text answer as
//!   script or HTML;
//! - `Referrer-Policy: strict-origin-when-cross-origin`: other sites see the origin, not the
//!   path and query;
//! - framing refused: `X-Frame-Options: DENY` with CSP `frame-ancestors 'none'` (both say the
//!   same, for old and new browsers). `DENY` rather than `SAMEORIGIN`: an app rarely frames
//!   itself, and a same-origin frame is still a way to click-jack from an uploaded page;
//!   choose [`Framing::SameOrigin`] (`SAMEORIGIN` and `'self'`) if the app does;
//! - `Cache-Control: private, no-store` on responses that read or set a session, so a shared
//!   cache or the back button of a shared computer keeps no one's logged-in page;
//! - optionally ([`SecurityHeaders::csp`]), a Content-Security-Policy with a fresh nonce per
//!   page, put on the scripts of the page's head (htmx, ft's scripts, the app's `hdrs`) and
//!   on the content's top-level `<script>`s, so inline script that an attacker gets into the
//!   page does not run.
//!
//! A header the handler set itself is left as it is.
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::security_headers::{Csp, Framing, SecurityHeaders};
//! let app = fast_app().security_headers(SecurityHeaders {
//!     framing: Framing::SameOrigin,
//!     csp: Some(Csp::default()),
//!     ..SecurityHeaders::default()
//! });
//! # let _ = app;
//! ```

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderName, HeaderValue};

/// Which pages may show the app's pages in a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// None (`X-Frame-Options: DENY`, `frame-ancestors 'none'`): the default.
    Deny,
    /// The app's own pages (`SAMEORIGIN`, `frame-ancestors 'self'`).
    SameOrigin,
    /// Any page (no header): for widgets meant to be embedded.
    Allow,
}

/// A Content-Security-Policy. `{nonce}` in the policy is replaced by each page's nonce.
#[derive(Debug, Clone)]
pub struct Csp {
    /// The policy, without `frame-ancestors` (that comes from [`SecurityHeaders::framing`]).
    pub policy: String,
}

impl Default for Csp {
    /// Scripts only from the app's origin or with the page's nonce (no inline handlers, no
    /// `eval`: htmx's `hx-on` and `js:` values do not run); styles from the origin and inline
    /// (`style=` attributes are everywhere in FT code, and a style cannot run script); images
    /// from the origin and `data:`; no plugins; forms and `<base>` only to the origin.
    fn default() -> Self {
        Csp {
            policy: "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'".into(),
        }
    }
}

/// The app's security headers ([`FastApp::security_headers`](crate::FastApp::security_headers)).
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    /// `X-Content-Type-Options: nosniff` (on).
    pub nosniff: bool,
    /// The `Referrer-Policy` (`strict-origin-when-cross-origin`); `None` sends none.
    pub referrer_policy: Option<String>,
    /// Framing (refused: [`Framing::Deny`]).
    pub framing: Framing,
    /// `Cache-Control: private, no-store` on responses that use a session (on).
    pub no_store_with_session: bool,
    /// A Content-Security-Policy with nonces (off: it asks the app to keep its scripts in
    /// files or in `hdrs`; turn it on when they are).
    pub csp: Option<Csp>,
}

impl Default for SecurityHeaders {
    fn default() -> Self {
        SecurityHeaders {
            nosniff: true,
            referrer_policy: Some("strict-origin-when-cross-origin".into()),
            framing: Framing::Deny,
            no_store_with_session: true,
            csp: None,
        }
    }
}

impl SecurityHeaders {
    /// No security headers at all (FastHTML's behaviour).
    pub fn none() -> SecurityHeaders {
        SecurityHeaders {
            nosniff: false,
            referrer_policy: None,
            framing: Framing::Allow,
            no_store_with_session: false,
            csp: None,
        }
    }
}

static NO_STORE: HeaderValue = HeaderValue::from_static("private, no-store");

/// The headers, ready to add.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    fixed: Vec<(HeaderName, HeaderValue)>,
    no_store: bool,
    csp: Option<CspValue>,
}

/// The `Content-Security-Policy` value.
#[derive(Debug)]
enum CspValue {
    /// A policy without a nonce: the same value on every response, made once.
    Fixed(HeaderValue),
    /// A policy around each page's nonce: `before`, nonce, `after`.
    Nonce { before: String, after: String },
}

impl Prepared {
    pub(crate) fn new(cfg: &SecurityHeaders) -> Prepared {
        let mut fixed = Vec::new();
        if cfg.nosniff {
            fixed.push((
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ));
        }
        if let Some(v) = cfg
            .referrer_policy
            .as_deref()
            .and_then(|p| HeaderValue::from_str(p).ok())
        {
            fixed.push((header::REFERRER_POLICY, v));
        }
        let ancestors = match cfg.framing {
            Framing::Deny => Some(("DENY", "frame-ancestors 'none'")),
            Framing::SameOrigin => Some(("SAMEORIGIN", "frame-ancestors 'self'")),
            Framing::Allow => None,
        };
        if let Some((xfo, _)) = ancestors {
            fixed.push((header::X_FRAME_OPTIONS, HeaderValue::from_static(xfo)));
        }
        let policy = match (&cfg.csp, ancestors) {
            (Some(csp), Some((_, fa))) => Some(format!("{}; {fa}", csp.policy)),
            (Some(csp), None) => Some(csp.policy.clone()),
            (None, Some((_, fa))) => Some(fa.to_owned()),
            (None, None) => None,
        };
        // A value HTTP cannot carry is left out (as it would be on each response).
        let csp = policy.and_then(|p| match p.split_once("{nonce}") {
            Some((before, after)) if !after.is_empty() => Some(CspValue::Nonce {
                before: before.to_owned(),
                after: after.to_owned(),
            }),
            Some((before, _)) => HeaderValue::from_str(before).ok().map(CspValue::Fixed),
            None => HeaderValue::from_str(&p).ok().map(CspValue::Fixed),
        });
        Prepared {
            fixed,
            no_store: cfg.no_store_with_session,
            csp,
        }
    }

    /// Whether pages get a nonce (the policy names one).
    pub(crate) fn wants_nonce(&self) -> bool {
        matches!(self.csp, Some(CspValue::Nonce { .. }))
    }

    /// Adds the headers the handler did not set itself.
    pub(crate) fn apply(&self, res: &mut HttpResponse, nonce: Option<&str>, session: bool) {
        let headers = res.headers_mut();
        for (name, value) in &self.fixed {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        if session && self.no_store && !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, NO_STORE.clone());
        }
        if let Some(csp) = &self.csp
            && !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        {
            let value = match csp {
                CspValue::Fixed(v) => Some(v.clone()),
                CspValue::Nonce { before, after } => {
                    // Without a page (a redirect, JSON, an htmx partial) the nonce is a fresh
                    // one that no script carries.
                    let fresh;
                    let n = match nonce {
                        Some(n) => n,
                        None => {
                            fresh = self::nonce();
                            &fresh
                        }
                    };
                    HeaderValue::from_str(&format!("{before}{n}{after}")).ok()
                }
            };
            if let Some(v) = value {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
        }
    }
}

/// A fresh nonce: 16 random bytes, base64url.
pub(crate) fn nonce() -> String {
    let mut token = crate::auth::csrf::random_token();
    token.truncate(22);
    token
}

/// `html` cut at each `<script` tag, so that each page's nonce goes between the pieces (the
/// page frame is cut once, when the app is built).
pub(crate) fn split_scripts(html: &str) -> Vec<String> {
    html.split("<script").map(str::to_owned).collect()
}

/// Writes pieces cut by [`split_scripts`] with the nonce on each `<script`.
pub(crate) fn join_with_nonce(out: &mut String, pieces: &[String], nonce: &str) {
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push_str("<script nonce=\"");
            out.push_str(nonce);
            out.push('"');
        }
        out.push_str(piece);
    }
}
