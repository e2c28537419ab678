//! The headers every response of ft's own carries, as constants: `Vary` and the HTML content
//! type. A leaf: the compression layer and dispatch read [`VARY`] without the page renderer.

use actix_web::http::header::HeaderValue;

/// Every response of the app varies on these (SPEC 2.14): whether a page or a partial goes
/// out depends on each (htmx 4's `HX-Request-Type: full` asks for the page).
pub(crate) const VARY: &str = "HX-Request, HX-Request-Type, HX-History-Restore-Request";
pub(crate) const HTML: &str = "text/html; charset=utf-8";
// The same as header values, made once (a `&str` header value is checked and copied on every
// response).
pub(crate) static VARY_VALUE: HeaderValue = HeaderValue::from_static(VARY);
pub(crate) static HTML_VALUE: HeaderValue = HeaderValue::from_static(HTML);
