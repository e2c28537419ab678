//! Checks for the URLs a response sends the browser to: [`Redirect`](crate::Redirect)
//! targets and the htmx headers that navigate (`HX-Redirect`, `HX-Location`, `HX-Push-Url`,
//! `HX-Replace-Url`).
//!
//! Targets are parsed the way a browser parses them (the WHATWG URL parser of the `url`
//! crate), so the tricks that make a path leave the site are seen as the browser would see
//! them: `//evil.example` and `/\evil.example` name another host, a tab or newline inside
//! `/<TAB>/evil.example` is dropped by the browser, `javascript:` runs a script. A target with
//! a control character (a CR/LF could split the header) is refused outright.
//!
//! ```
//! use ft_web::location::{is_local_path, is_script_url};
//! assert!(is_local_path("/todos/3?done=1#top"));
//! assert!(!is_local_path("//evil.example/phish"));
//! assert!(!is_local_path("/\\evil.example"));
//! assert!(!is_local_path("https://evil.example/"));
//! assert!(is_script_url(" javascript:alert(1)"));
//! assert!(!is_script_url("https://docs.example/"));
//! ```

use std::sync::LazyLock;
use url::{Position, Url};

/// The base local targets are resolved against: only its origin matters.
static BASE: LazyLock<Url> =
    LazyLock::new(|| Url::parse("http://ft.invalid/").expect("a constant, valid URL"));

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// A path on this site, as the `Location` to send: `/path?query#fragment`, normalised and
/// percent-encoded (spaces, non-ASCII). `Err` says why anything else is refused.
pub(crate) fn local(target: &str) -> Result<String, String> {
    if has_control(target) {
        return Err("the target holds a control character (such as CR, LF or tab)".into());
    }
    if !target.starts_with('/') {
        return Err(format!(
            "{target:?} is not a path on this site (a path starts with `/`; use Redirect::external for another site)"
        ));
    }
    let leaves =
        || format!("{target:?} leaves this site (browsers read `//` and `/\\` as another host)");
    match BASE.join(target) {
        // `/..//evil.example` normalises to `//evil.example`: as a `Location`, another host.
        Ok(u) if u.origin() == BASE.origin() && !u.path().starts_with("//") => {
            Ok(u[Position::BeforePath..].to_owned())
        }
        Ok(_) => Err(leaves()),
        Err(e) => Err(format!("{target:?} is not a valid URL path: {e}")),
    }
}

/// Is `target` a path on this site, one that [`Redirect::to`](crate::Redirect::to) accepts?
/// Use it to check a "return to" address before you keep it.
pub fn is_local_path(target: &str) -> bool {
    local(target).is_ok()
}

/// An absolute `http(s)` URL on any host, normalised. `Err` says why anything else is refused.
pub(crate) fn external(target: &str) -> Result<String, String> {
    if has_control(target) {
        return Err("the target holds a control character (such as CR, LF or tab)".into());
    }
    match Url::parse(target) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Ok(u.into()),
        Ok(u) => Err(format!(
            "{target:?} is not an http(s) URL (scheme {:?})",
            u.scheme()
        )),
        Err(e) => Err(format!("{target:?} is not an absolute URL: {e}")),
    }
}

/// Would a browser run `url` as a script (or open it as anything but an http(s) page)? `true`
/// for `javascript:`, `data:`, `vbscript:` and every other scheme but `http`/`https`, however
/// it is disguised (leading spaces, tabs inside the scheme, upper case); `false` for paths and
/// http(s) URLs.
pub fn is_script_url(url: &str) -> bool {
    match BASE.join(url) {
        Ok(u) => !matches!(u.scheme(), "http" | "https"),
        Err(_) => true,
    }
}

/// May this htmx response header carry this value? The headers that make htmx navigate or
/// fetch (`HX-Redirect`, `HX-Location` (a URL or a JSON object with a `path`), `HX-Push-Url`,
/// `HX-Replace-Url`) must hold no control character and no script URL; other headers are not
/// checked here.
pub(crate) fn htmx_header_ok(name: &str, value: &str) -> bool {
    let url = match name.to_ascii_lowercase().as_str() {
        "hx-redirect" => value.to_owned(),
        "hx-push-url" | "hx-replace-url" if value == "false" => return true,
        "hx-push-url" | "hx-replace-url" => value.to_owned(),
        // htmx reads a value starting with `{` as a JSON object whose `path` it fetches.
        "hx-location" if value.trim_start().starts_with('{') => {
            match serde_json::from_str::<serde_json::Value>(value) {
                Ok(v) => match v.get("path").and_then(|p| p.as_str()) {
                    Some(p) => p.to_owned(),
                    None => return false,
                },
                Err(_) => return false,
            }
        }
        "hx-location" => value.to_owned(),
        _ => return true,
    };
    !has_control(&url) && !is_script_url(&url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_targets() {
        for (t, want) in [
            ("/", "/"),
            ("/a/b?x=1&y=2#f", "/a/b?x=1&y=2#f"),
            ("/profile/zoë smith", "/profile/zo%C3%AB%20smith"),
            ("/a/../b", "/b"),
            ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ] {
            assert_eq!(local(t).as_deref(), Ok(want), "{t:?}");
        }
        for t in [
            "",
            "login",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/..//evil.example",
            "/.//evil.example",
            "/a\r\nSet-Cookie: x=1",
            "https://evil.example/",
            "javascript:alert(1)",
            " /x",
        ] {
            assert!(local(t).is_err(), "{t:?} must be refused");
        }
    }

    #[test]
    fn external_targets() {
        assert_eq!(
            external("https://docs.example/a b").as_deref(),
            Ok("https://docs.example/a%20b")
        );
        for t in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/local",
            "https://a.example/\nx",
            "ftp://files.example/",
        ] {
            assert!(external(t).is_err(), "{t:?} must be refused");
        }
    }

    #[test]
    fn htmx_headers() {
        assert!(htmx_header_ok("HX-Redirect", "/next"));
        assert!(htmx_header_ok("HX-Redirect", "https://docs.example/"));
        assert!(htmx_header_ok("HX-Push-Url", "false"));
        assert!(htmx_header_ok(
            "HX-Location",
            r##"{"path":"/x","target":"#t"}"##
        ));
        assert!(htmx_header_ok("HX-Trigger", "javascript:anything"));
        for (n, v) in [
            ("HX-Redirect", "javascript:alert(1)"),
            ("hx-redirect", "  JavaScript:alert(1)"),
            ("HX-Redirect", "java\tscript:alert(1)"),
            ("HX-Location", "javascript:alert(1)"),
            ("HX-Location", r#"{"path":"javascript:alert(1)"}"#),
            ("HX-Location", r##"{"target":"#t"}"##),
            ("HX-Push-Url", "data:text/html,<script>alert(1)</script>"),
            ("HX-Replace-Url", "vbscript:x"),
        ] {
            assert!(!htmx_header_ok(n, v), "{n}: {v:?} must be refused");
        }
    }
}
