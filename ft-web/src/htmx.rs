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
///
/// // htmx 4 names the sender in HX-Source and says what it wants in HX-Request-Type.
/// let req = actix_web::test::TestRequest::default()
///     .insert_header(("HX-Request", "true"))
///     .insert_header(("HX-Source", "button#save"))
///     .insert_header(("HX-Request-Type", "full"))
///     .to_http_request();
/// let hx = Htmx::from_request(&req);
/// assert_eq!(hx.source.as_deref(), Some("button#save"));
/// assert_eq!(hx.request_type, Some(ft_web::RequestType::Full));
/// assert!(!hx.wants_partial());
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
    /// `HX-Trigger`: the id of the element that triggered the request (htmx 2).
    pub trigger: Option<String>,
    /// `HX-Source` (htmx 4, which sends it instead of `HX-Trigger`): the element that sent
    /// the request as `tag#id` (`button#save`), or the tag alone when it has no id.
    pub source: Option<String>,
    /// `HX-Request-Type` (htmx 4): `full` when the answer replaces `<body>` or is read with
    /// `hx-select` (ft then answers with the whole page), else `partial`. `None` from htmx 2.
    pub request_type: Option<RequestType>,
}

/// htmx 4's `HX-Request-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestType {
    /// `full`: the request wants a whole page (it targets `<body>` or uses `hx-select`).
    Full,
    /// `partial`: the request swaps the answer into an element.
    Partial,
}

impl Htmx {
    /// The id of the element that sent the request, from either htmx: `HX-Trigger` (htmx 2)
    /// or the `#id` of `HX-Source` (htmx 4, `button#save` -> `save`; percent-escapes kept as
    /// htmx wrote them).
    ///
    /// ```
    /// use ft_web::Htmx;
    /// let hx = Htmx { source: Some("button#save".into()), ..Htmx::default() };
    /// assert_eq!(hx.source_id(), Some("save"));
    /// let hx = Htmx { trigger: Some("save".into()), ..Htmx::default() };
    /// assert_eq!(hx.source_id(), Some("save"));
    /// ```
    pub fn source_id(&self) -> Option<&str> {
        if let Some(t) = self.trigger.as_deref() {
            return Some(t);
        }
        self.source
            .as_deref()
            .and_then(|s| s.split_once('#'))
            .map(|(_, id)| id)
            .filter(|id| !id.is_empty())
    }
    /// Does the request get a partial, not the whole page? htmx's request that neither
    /// restores history nor is `HX-Request-Type: full` (what ft's responses do).
    pub fn wants_partial(&self) -> bool {
        self.request
            && !self.history_restore_request
            && self.request_type != Some(RequestType::Full)
    }
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
            source: text("hx-source"),
            request_type: get("hx-request-type").and_then(|v| {
                if v.eq_ignore_ascii_case("full") {
                    Some(RequestType::Full)
                } else if v.eq_ignore_ascii_case("partial") {
                    Some(RequestType::Partial)
                } else {
                    None
                }
            }),
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
