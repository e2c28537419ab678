//! The wire: the HTTP client, token and JWT bodies, PEM keys, form encoding.

use super::*;

pub(super) const USER_AGENT: &str = concat!("ft-web/", env!("CARGO_PKG_VERSION"));

pub(super) fn http_client(timeout: Duration) -> awc::Client {
    awc::Client::builder()
        .timeout(timeout)
        .disable_redirects()
        .finish()
}

pub(super) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(super) fn pem_body(pem: &str) -> Option<Vec<u8>> {
    let b64: String = pem
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

pub(super) fn jwt_claims(jwt: &str) -> Option<Map<String, Value>> {
    let mut parts = jwt.split('.');
    let (_, payload) = (parts.next()?, parts.next()?);
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

pub(super) fn parse_token_body(ctype: &str, body: &[u8]) -> Option<Map<String, Value>> {
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

pub(super) fn provider_error(m: &Map<String, Value>) -> Option<String> {
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

pub(super) fn quote_plus(out: &mut String, s: &str) {
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
