//! htmx request headers (FastHTML's `HtmxHeaders`, SPEC 3.23) and response headers
//! (`HtmxResponseHeaders`, SPEC 4.23).

use crate::response::HttpHeader;
use actix_web::HttpRequest;

/// The `HX-*` headers of a request. Take it as a handler parameter of type `Htmx`.
///
/// ```
/// use ft_web::Htmx;
/// let req = actix_web::test::TestRequest::default()
///     .insert_header(("HX-Request", "true"))
///     .insert_header(("HX-Target", "list"))
///     .to_http_request();
/// let hx = Htmx::from_request(&req);
/// assert!(hx.request);
/// assert_eq!(hx.target.as_deref(), Some("list"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Htmx {
    /// `HX-Request` is present.
    pub request: bool,
    /// `HX-Boosted`.
    pub boosted: bool,
    /// `HX-History-Restore-Request`.
    pub history_restore_request: bool,
    /// `HX-Current-URL`.
    pub current_url: Option<String>,
    /// `HX-Prompt`: the user's answer to `hx-prompt`.
    pub prompt: Option<String>,
    /// `HX-Target`: the id of the target element.
    pub target: Option<String>,
    /// `HX-Trigger-Name`.
    pub trigger_name: Option<String>,
    /// `HX-Trigger`: the id of the element that triggered the request.
    pub trigger: Option<String>,
}

impl Htmx {
    /// Reads the headers of a request.
    pub fn from_request(req: &HttpRequest) -> Htmx {
        Htmx {
            // Present is enough, whatever the value (SPEC 4.5).
            request: req.headers().contains_key("hx-request"),
            ..Htmx::from_headers(|n| req.headers().get(n).and_then(|v| v.to_str().ok()))
        }
    }
    /// Reads the headers through `get` (a header's value by its lowercase name): a request's
    /// or a websocket message's `HEADERS`.
    pub(crate) fn from_headers<'h>(get: impl Fn(&str) -> Option<&'h str>) -> Htmx {
        let text = |n: &str| get(n).map(str::to_owned);
        let flag = |n: &str| get(n).is_some_and(|v| v != "false");
        Htmx {
            request: get("hx-request").is_some(),
            boosted: flag("hx-boosted"),
            history_restore_request: flag("hx-history-restore-request"),
            current_url: text("hx-current-url"),
            prompt: text("hx-prompt"),
            target: text("hx-target"),
            trigger_name: text("hx-trigger-name"),
            trigger: text("hx-trigger"),
        }
    }
}

/// htmx response headers: `HtmxResponseHeaders::new().retarget("#x").reswap("outerHTML")`,
/// or any name with [`HtmxResponseHeaders::header`] (`push_url` -> `HX-Push-Url`, SPEC 4.23,
/// 4.24). Return it with the content, e.g. `(content, headers)`. The headers that make htmx
/// navigate or fetch (`HX-Redirect`, `HX-Location`, `HX-Push-Url`, `HX-Replace-Url`) may not
/// carry a script URL (`javascript:..`, which htmx would run) or a control character: such a
/// response is a `400` (see [`crate::location`]). Prefer [`crate::Redirect`], which also
/// keeps the target on this site.
///
/// ```
/// use ft_web::HtmxResponseHeaders;
/// let h = HtmxResponseHeaders::new().location("/next").trigger("saved").header("push_url", "/p");
/// let names: Vec<String> = h.headers().iter().map(|h| h.name.clone()).collect();
/// assert_eq!(names, ["HX-Location", "HX-Trigger", "HX-Push-Url"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmxResponseHeaders(Vec<HttpHeader>);

impl HtmxResponseHeaders {
    /// No headers yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// `HX-` + the name in Title-Case with `_` as `-` (FastHTML's mapping).
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        let title: Vec<String> = name
            .split(['_', '-'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut c = p.chars();
                c.next()
                    .map(|f| {
                        f.to_uppercase()
                            .chain(c.flat_map(char::to_lowercase))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        self.0
            .push(HttpHeader::new(format!("HX-{}", title.join("-")), value));
        self
    }
    /// `HX-Location`.
    pub fn location(self, v: impl Into<String>) -> Self {
        self.header("location", v)
    }
    /// `HX-Push-Url`.
    pub fn push_url(self, v: impl Into<String>) -> Self {
        self.header("push_url", v)
    }
    /// `HX-Redirect`.
    pub fn redirect(self, v: impl Into<String>) -> Self {
        self.header("redirect", v)
    }
    /// `HX-Refresh: true`.
    pub fn refresh(self) -> Self {
        self.header("refresh", "true")
    }
    /// `HX-Replace-Url`.
    pub fn replace_url(self, v: impl Into<String>) -> Self {
        self.header("replace_url", v)
    }
    /// `HX-Reswap`.
    pub fn reswap(self, v: impl Into<String>) -> Self {
        self.header("reswap", v)
    }
    /// `HX-Retarget`.
    pub fn retarget(self, v: impl Into<String>) -> Self {
        self.header("retarget", v)
    }
    /// `HX-Reselect`.
    pub fn reselect(self, v: impl Into<String>) -> Self {
        self.header("reselect", v)
    }
    /// `HX-Trigger`.
    pub fn trigger(self, v: impl Into<String>) -> Self {
        self.header("trigger", v)
    }
    /// `HX-Trigger-After-Settle`.
    pub fn trigger_after_settle(self, v: impl Into<String>) -> Self {
        self.header("trigger_after_settle", v)
    }
    /// `HX-Trigger-After-Swap`.
    pub fn trigger_after_swap(self, v: impl Into<String>) -> Self {
        self.header("trigger_after_swap", v)
    }
    /// The headers.
    pub fn headers(&self) -> &[HttpHeader] {
        &self.0
    }
}

impl ft_html::IntoFt for HtmxResponseHeaders {
    fn into_ft(self) -> ft_html::Ft {
        ft_html::Ft::Fragment(self.0.into_iter().map(ft_html::IntoFt::into_ft).collect())
    }
}
