//! Toasts: short notices queued in the session and shown on the next page (FastHTML's
//! `setup_toasts`/`add_toast`, SPEC 6B).
//!
//! [`FastApp::toasts`] adds the toast style and script to every page's head;
//! [`add_toast`] queues a notice in the session. The next HTML response built from a
//! handler's result takes every queued toast out of the session and appends the toast
//! container after its content: inside `<body>` on a full page (SPEC 6.8), as an htmx
//! out-of-band swap on a partial (SPEC 6.7) — the same markup serves both. A redirect does not
//! take them, so they show on the page the redirect leads to; nor do JSON, plain-text and raw
//! actix responses, or HEAD requests (which have no body to show them in): they stay queued
//! (SPEC 6.9).
//!
//! ```
//! use ft_web::prelude::*;
//!
//! #[post("/save")]
//! fn save(session: Session) -> Redirect {
//!     add_toast(&session, "Saved", ToastKind::Success);
//!     Redirect::to("/")
//! }
//!
//! #[rt]
//! fn index() -> Ft {
//!     Titled!("Notes")
//! }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let cli = Client::new(fast_app().toasts(2500).routes(routes![index, save]).secret_key("k")).await;
//! assert_eq!(cli.post("/save").send().await.status(), 303);
//! let page = cli.get("/").send().await.text();
//! assert!(page.contains(r#"<div hx-on-transitionend="setTimeout(() =&gt; this?.remove(), 2500);" class="fh-toast fh-toast-success"><span>Saved</span></div>"#));
//! assert!(!cli.get("/").send().await.text().contains("<span>Saved</span>")); // shown once
//! # });
//! ```
//!
//! [`FastApp::toasts`]: crate::FastApp::toasts

use crate::ctx::Ctx;
use crate::response::Parts;
use crate::session::Session;
use ft_html::prelude::*;
use ft_html::{Ft, IntoFt};
use serde_json::Value;

/// The id of the element toasts are shown in.
pub const TOAST_CONTAINER_ID: &str = "fh-toast-container";

/// The session key toasts are queued under (FastHTML's).
pub const TOAST_SESSION_KEY: &str = "toasts";

/// How long a toast stays by default (FastHTML's 5000 ms).
pub const DEFAULT_TOAST_DURATION_MS: u64 = 5000;

/// FastHTML's toast style, byte for byte.
pub const TOAST_CSS: &str = "
#fh-toast-container {
    position: fixed; inset: 20px 0; z-index: 1090; max-width: 80vw;
    display: flex; flex-direction: column; align-items: center;
    gap: 10px; pointer-events: none; margin: 0 auto;
}
.fh-toast {
    background-color: #333; color: white;
    padding: 12px 28px 12px 20px; border-radius: 4px;
    text-align: center; opacity: 0.9; position: relative;
    & > * { pointer-events: auto; };
    transition: opacity 150ms ease-in-out; min-width: 400px;
    @starting-style { opacity: 0.2; };
}
.fh-toast-dismiss {
    position: absolute; top: .2em; right: .4em;
    line-height: 1rem; padding: 0 .2em .2em .2em;
    border-radius: 15%; filter:drop-shadow(0 0 1px black);
    background: inherit; color:inherit;
    transition: filter 150ms ease-in-out;
    filter:brightness(0.8); &:hover { filter:brightness(0.9); }
}
.fh-toast-info { background-color: #2196F3; }
.fh-toast-success { background-color: #4CAF50; }
.fh-toast-warning { background-color: #FF9800; }
.fh-toast-error { background-color: #F44336; }
";

/// FastHTML's toast script (SPEC 6.5): makes sure the page has a toast container.
pub const TOAST_JS: &str = "htmx.onLoad(() => {
if (!htmx.find('#fh-toast-container')) {
    const ctn = document.createElement('div');
    ctn.id = 'fh-toast-container';
    document.body.appendChild(ctn);
    }
});";

/// The toast script for pages under a nonce CSP (which runs no inline handlers and no `eval`,
/// so neither `hx-on-transitionend` nor `onclick`): toasts there carry their duration in
/// `data-fh-toast-ms`, and this one listener removes them.
pub const TOAST_CSP_JS: &str = "document.addEventListener('transitionend', (e) => {
    const t = e.target;
    if (t.classList && t.classList.contains('fh-toast') && t.dataset.fhToastMs) setTimeout(() => t.remove(), +t.dataset.fhToastMs);
});
document.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('.fh-toast-dismiss');
    if (b) b.parentElement.remove();
});";

/// The kind of a toast, which gives its colour. FastHTML takes a string and asserts it is one
/// of these four (SPEC 6.6); here a wrong kind does not compile, and text from elsewhere
/// converts with `str::parse`.
///
/// ```
/// use ft_web::ToastKind;
/// assert_eq!("warning".parse::<ToastKind>(), Ok(ToastKind::Warning));
/// assert!("fatal".parse::<ToastKind>().is_err());
/// assert_eq!(ToastKind::Error.to_string(), "error");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ToastKind {
    /// Blue (`fh-toast-info`).
    #[default]
    Info,
    /// Green (`fh-toast-success`).
    Success,
    /// Orange (`fh-toast-warning`).
    Warning,
    /// Red (`fh-toast-error`).
    Error,
}

impl ToastKind {
    /// `"info"`, `"success"`, `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToastKind::Info => "info",
            ToastKind::Success => "success",
            ToastKind::Warning => "warning",
            ToastKind::Error => "error",
        }
    }
}

impl std::fmt::Display for ToastKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ToastKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(ToastKind::Info),
            "success" => Ok(ToastKind::Success),
            "warning" => Ok(ToastKind::Warning),
            "error" => Ok(ToastKind::Error),
            other => Err(format!(
                "unknown toast kind {other:?}: expected info, success, warning or error"
            )),
        }
    }
}

/// One toast: FastHTML's `Toast(message, typ, dismiss, duration)` component (SPEC 6.10). It
/// renders by itself, or goes into the session queue with [`Toast::queue`].
///
/// ```
/// use ft_web::prelude::*;
/// let t = Toast::new("<b>hi</b>", ToastKind::Info).dismiss(true).duration(1000);
/// assert_eq!(
///     t.into_ft().render(),
///     r#"<div hx-on-transitionend="setTimeout(() =&gt; this?.remove(), 1000);" class="fh-toast fh-toast-info"><span>&lt;b&gt;hi&lt;/b&gt;</span><button onclick="htmx.remove(this?.parentElement);" class="fh-toast-dismiss">x</button></div>"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    message: String,
    kind: ToastKind,
    dismiss: bool,
    duration_ms: u64,
}

impl Toast {
    /// A toast without a dismiss button, shown for 5 seconds.
    pub fn new(message: impl Into<String>, kind: ToastKind) -> Toast {
        Toast {
            message: message.into(),
            kind,
            dismiss: false,
            duration_ms: DEFAULT_TOAST_DURATION_MS,
        }
    }
    /// With a dismiss button (`x`)?
    pub fn dismiss(mut self, on: bool) -> Toast {
        self.dismiss = on;
        self
    }
    /// How long it stays, in milliseconds, when rendered by hand (a queued toast takes the
    /// app's duration, [`FastApp::toasts`](crate::FastApp::toasts)).
    pub fn duration(mut self, ms: u64) -> Toast {
        self.duration_ms = ms;
        self
    }
    /// Queues the toast in the session, for the next HTML response.
    pub fn queue(self, session: &Session) {
        let entry = Value::Array(vec![
            Value::String(self.message),
            Value::String(self.kind.as_str().into()),
            Value::Bool(self.dismiss),
        ]);
        session.with_map(|m| {
            let queue = m
                .entry(TOAST_SESSION_KEY)
                .or_insert_with(|| Value::Array(Vec::new()));
            if !queue.is_array() {
                *queue = Value::Array(Vec::new());
            }
            if let Value::Array(items) = queue {
                items.push(entry);
            }
        });
    }
}

impl IntoFt for Toast {
    fn into_ft(self) -> Ft {
        let button = self.dismiss.then(|| {
            Button!(
                "x",
                cls = "fh-toast-dismiss",
                onclick = "htmx.remove(this?.parentElement);"
            )
        });
        Div!(
            Span!(self.message),
            button,
            cls = format!("fh-toast fh-toast-{}", self.kind),
            hx_on_transitionend =
                format!("setTimeout(() => this?.remove(), {});", self.duration_ms)
        )
    }
}

impl Toast {
    /// The toast without inline script, for pages under a nonce CSP ([`TOAST_CSP_JS`]).
    pub(crate) fn into_csp_ft(self) -> Ft {
        let button = self.dismiss.then(|| Button!("x", cls = "fh-toast-dismiss"));
        Div!(
            Span!(self.message),
            button,
            cls = format!("fh-toast fh-toast-{}", self.kind),
            data_fh_toast_ms = self.duration_ms.to_string()
        )
    }
}

/// Queues a toast in the session (FastHTML's `add_toast(sess, message, typ)`, SPEC 6.6); the
/// next HTML response shows it. The message is text: it is escaped when shown.
///
/// ```
/// use ft_web::prelude::*;
/// let session = Session::default();
/// add_toast(&session, "Saved", ToastKind::Success);
/// add_dismissable_toast(&session, "Careful", ToastKind::Warning);
/// assert_eq!(
///     session.get_value("toasts").unwrap().to_string(),
///     r#"[["Saved","success",false],["Careful","warning",true]]"#
/// );
/// ```
pub fn add_toast(session: &Session, message: impl Into<String>, kind: ToastKind) {
    Toast::new(message, kind).queue(session);
}

/// Queues a toast with a dismiss button (FastHTML's `add_toast(.., dismiss=True)`).
pub fn add_dismissable_toast(session: &Session, message: impl Into<String>, kind: ToastKind) {
    Toast::new(message, kind).dismiss(true).queue(session);
}

/// What [`FastApp::toasts`](crate::FastApp::toasts) adds to every page's head: the toast
/// style and script.
pub(crate) fn head() -> Ft {
    (Style!(TOAST_CSS), Script!(TOAST_JS)).into_ft()
}

/// The container with `toasts` in it: an htmx out-of-band swap that appends them to the
/// page's container, and on a full page the container itself (SPEC 6.7, 6.8).
pub(crate) fn toast_container(toasts: impl IntoFt) -> Ft {
    Div!(
        toasts,
        id = TOAST_CONTAINER_ID,
        hx_swap_oob = format!("beforeend:#{TOAST_CONTAINER_ID}")
    )
}

/// Called while building a response from a handler's result, before its session cookie is
/// written: moves the queued toasts from the session into the response's content. Only a
/// response that renders `parts.content` as HTML takes them: redirects, JSON, plain text and
/// HEAD responses leave them queued (a new kind of body in `Parts` must be added here).
/// The toasts as a [`Layer`](crate::layer::Layer): they join a rendered result's content.
pub(crate) struct Toasts;

impl crate::layer::Layer for Toasts {
    fn after(&self, ctx: &mut Ctx, parts: &mut Parts, _: crate::layer::View) {
        flush(ctx, parts);
    }
}

pub(crate) fn flush(ctx: &mut Ctx, parts: &mut Parts) {
    let renders_content = parts.redirect.is_none() && parts.json.is_none() && parts.text.is_none();
    if !renders_content || ctx.method() == actix_web::http::Method::HEAD {
        return;
    }
    let Some(duration_ms) = ctx.app().toast_ms else {
        warn_if_queued_without_setup(ctx);
        return;
    };
    if ctx.session_is_empty() {
        return; // nothing queued, and no session to read
    }
    let session = ctx.session();
    if !session.contains(TOAST_SESSION_KEY) {
        return;
    }
    let queued = session.with_map(|m| m.remove(TOAST_SESSION_KEY));
    let csp = ctx.app().security.wants_nonce();
    let toasts: Vec<Ft> = match queued {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| parse(item, duration_ms))
            .map(|t| if csp { t.into_csp_ft() } else { t.into_ft() })
            .collect(),
        _ => Vec::new(),
    };
    if !toasts.is_empty() {
        parts.content.push(toast_container(toasts));
    }
}

/// A queued `[message, kind, dismiss]`; anything else is dropped.
fn parse(item: &Value, duration_ms: u64) -> Option<Toast> {
    let Value::Array(fields) = item else {
        return None;
    };
    let message = fields.first()?.as_str()?;
    let kind = fields
        .get(1)
        .and_then(Value::as_str)
        .and_then(|k| k.parse().ok())
        .unwrap_or_default();
    let dismiss = fields.get(2).and_then(Value::as_bool).unwrap_or(false);
    Some(
        Toast::new(message, kind)
            .dismiss(dismiss)
            .duration(duration_ms),
    )
}

fn warn_if_queued_without_setup(ctx: &Ctx) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    if ctx
        .session_if_loaded()
        .is_some_and(|s| s.contains(TOAST_SESSION_KEY))
    {
        WARNED.call_once(|| {
            tracing::warn!("toasts were queued with add_toast, but the app has no .toasts(duration_ms): they are never shown");
        });
    }
}
