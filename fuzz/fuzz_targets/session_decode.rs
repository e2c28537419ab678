//! Session cookie decoding (`ft_web::session::decode`), encrypted and signed-only.
//!
//! The first byte picks the mode: bit 0 the app's kind (`encrypt` on or off), bit 3 seals in
//! the other kind (a cookie from before a switch, still read), bits 1-2 what the rest is:
//!
//! - 0: a cookie value from the client. Nothing made without the key may read as a session.
//! - 1: a whole payload sealed with the app's key (what a key holder could send): the
//!   `payload.time` split and the time check must reject anything else without panicking.
//! - 2: the base64url part of a payload sealed with a current time (offset by the second
//!   byte, around the clock-skew and max-age edges): base64 and JSON decoding get arbitrary
//!   text behind a valid seal.
//! - 3: a JSON object put in a session with `encode`: `decode` must give it back unchanged.
#![no_main]

use ft_web::actix_web::cookie::{Cookie, CookieJar, Key};
use ft_web::session::{SessionConfig, decode, encode};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KEY: LazyLock<Key> = LazyLock::new(|| Key::derive_from(&[42; 32]));

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The cookie value the app's jar makes for this payload (as `session::encode` seals it).
fn seal(cfg: &SessionConfig, payload: String, private: bool) -> String {
    let mut jar = CookieJar::new();
    let c = Cookie::new(cfg.cookie.clone(), payload);
    if private {
        jar.private_mut(&KEY).add(c);
    } else {
        jar.signed_mut(&KEY).add(c);
    }
    jar.get(&cfg.cookie)
        .map(|c| c.value().to_owned())
        .unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let cfg = SessionConfig {
        encrypt: mode & 1 == 1,
        ..SessionConfig::default()
    };
    let private = cfg.encrypt != (mode & 8 == 8);
    match (mode >> 1) & 3 {
        0 => {
            let value = String::from_utf8_lossy(rest);
            let got = decode(&KEY, &cfg, &value);
            assert!(
                got.is_empty(),
                "a cookie made without the key was accepted: {value:?}"
            );
        }
        1 => {
            let payload = String::from_utf8_lossy(rest).into_owned();
            let _ = decode(&KEY, &cfg, &seal(&cfg, payload, private));
        }
        2 => {
            let Some((&skew, b64)) = rest.split_first() else {
                return;
            };
            // -640 s to +635 s around now, in 5 s steps: covers the 300 s skew allowed.
            let time = now() + (i64::from(skew as i8) * 5);
            let payload = format!("{}.{time}", String::from_utf8_lossy(b64));
            let _ = decode(&KEY, &cfg, &seal(&cfg, payload, private));
        }
        _ => {
            let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(rest) else {
                return;
            };
            // Too large for a cookie is an error, not a session; an empty map is no cookie.
            let Ok(cookie) = encode(&KEY, &cfg, &map, false) else {
                return;
            };
            let got = decode(&KEY, &cfg, cookie.value());
            assert_eq!(got, map, "a session did not come back as it was written");
        }
    }
});
