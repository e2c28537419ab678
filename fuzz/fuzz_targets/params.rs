//! Parameter extraction end to end: the input becomes a query string, an urlencoded body, a
//! multipart body (boundary included) or a JSON body, sent by the in-process test `Client`
//! through the whole request path (routing, body parsing within the size limit, typed
//! parameters, `#[derive(FormFields)]` structs, uploads, `Json<T>`) to a few handlers.
//! Whatever arrives, the answer must be a 2xx or a 4xx: never a 5xx, a panic or a hang.
//!
//! Input: byte 0 picks the format (bits 0-1), the route (bits 2-4) and GET or POST (bit 5);
//! for multipart, byte 1 is the boundary's length and the boundary follows; the rest is the
//! query or body.
#![no_main]

use ft_web::actix_web::http::Method;
use ft_web::actix_web::rt::{System, SystemRunner};
use ft_web::prelude::*;
use ft_web::values::FieldErrors;
use ft_web::{Body, Form, Query};
use libfuzzer_sys::fuzz_target;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::collections::HashMap;

#[derive(FormFields, Debug)]
struct Profile {
    name: String,
    age: Option<u32>,
    score: Option<f64>,
    newsletter: bool,
    tags: Vec<String>,
    initial: Option<char>,
    #[form(rename = "first-name")]
    first_name: Option<String>,
}

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Kind {
    Plain,
    #[str_enum(rename = "two-words")]
    TwoWords,
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)] // read through Debug only
struct Order {
    id: u64,
    items: Vec<Item>,
    note: Option<String>,
    weights: HashMap<String, f64>,
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct Item {
    sku: String,
    qty: i16,
}

/// Every scalar type, optional (so all are read), then a required one.
#[rt("/scalars")]
#[allow(clippy::too_many_arguments)]
fn scalars(
    small: Option<i8>,
    big: Option<u128>,
    neg: Option<isize>,
    ratio: Option<f32>,
    flag: bool,
    c: Option<char>,
    ids: Vec<u16>,
    day: Option<chrono::NaiveDate>,
    at: Option<chrono::NaiveDateTime>,
    t: Option<chrono::NaiveTime>,
    when: Option<chrono::DateTime<chrono::FixedOffset>>,
    kind: Option<Kind>,
    first_name: Option<String>,
    n: i64,
) -> String {
    format!(
        "{:?} {:?}",
        (small, big, neg, ratio, flag, c, ids),
        (day, at, t, when, kind, first_name, n)
    )
}

/// A form struct whose errors the handler gets back.
#[rt("/form")]
fn profile_form(p: Result<Profile, FieldErrors>, kinds: Vec<Kind>) -> Ft {
    match p {
        Ok(p) => P!(format!("{p:?} {kinds:?}")),
        Err(e) => P!(format!("{e:?}")),
    }
}

/// A form struct answered 400 when it does not convert; query and body read separately.
#[rt("/strict")]
fn strict(p: Profile, q: Query<Option<String>>, f: Form<Vec<i32>>) -> String {
    format!("{p:?} {:?} {:?}", q.0, f.0)
}

/// Uploads: every file of a field, one required file, and a text field beside them.
#[rt("/upload")]
fn upload(docs: Files, pic: UploadFile, note: Option<String>) -> String {
    let names: Vec<String> = docs.iter().map(UploadFile::safe_name).collect();
    format!("{names:?} {} {} {note:?}", pic.safe_name(), pic.len())
}

#[rt("/files")]
fn files(docs: Files, name: Option<String>) -> String {
    let names: Vec<(String, usize)> = docs.iter().map(|f| (f.safe_name(), f.len())).collect();
    format!("{names:?} {name:?}")
}

#[rt("/json")]
fn order_json(order: Json<Order>) -> String {
    format!("{:?}", order.0)
}

#[rt("/value")]
fn any_json(v: Json<serde_json::Value>, id: Option<u64>) -> String {
    format!("{} {id:?}", v.0)
}

#[rt("/raw")]
fn raw_body(body: Body, name: Option<String>) -> String {
    format!("{} {name:?}", body.0.len())
}

const ROUTES: [&str; 8] = [
    "/scalars", "/form", "/strict", "/upload", "/files", "/json", "/value", "/raw",
];

/// What a request target may not hold as it is (everything else, `%`, `+`, `&` and `=`
/// included, goes through unchanged, so broken escapes reach the parser).
const NOT_IN_URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

thread_local! {
    // Leaked: dropped at exit, the runtime would touch thread-locals already destroyed.
    static APP: &'static (SystemRunner, Client) = {
        let sys = System::new();
        let app = fast_app()
            .routes(routes![
                scalars, profile_form, strict, upload, files, order_json, any_json, raw_body
            ])
            .secret_key("fuzz-secret")
            .access_log(false);
        let cli = sys.block_on(Client::new(app));
        Box::leak(Box::new((sys, cli)))
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let path = ROUTES[usize::from(sel >> 2) & 7];
    let method = if sel & 32 == 32 {
        Method::POST
    } else {
        Method::GET
    };
    let (sys, cli) = APP.with(|app| *app);
    let (req, what) = match sel & 3 {
        0 => {
            // Invalid UTF-8 reaches the parser as escapes (`%FF`) the input writes itself.
            let q = String::from_utf8_lossy(rest);
            let url = format!("{path}?{}", utf8_percent_encode(&q, NOT_IN_URI));
            (cli.request(method, &url), "query")
        }
        1 => {
            let ctype = "application/x-www-form-urlencoded";
            (cli.request(method, path).body(rest, ctype), "urlencoded")
        }
        2 => {
            let Some((&len, rest)) = rest.split_first() else {
                return;
            };
            let (boundary, body) = rest.split_at(usize::from(len).min(rest.len()));
            // A header value holds no control characters; anything else may be a boundary.
            let boundary: String = String::from_utf8_lossy(boundary)
                .chars()
                .map(|c| if c.is_control() { '_' } else { c })
                .collect();
            let ctype = format!("multipart/form-data; boundary={boundary}");
            (cli.request(method, path).body(body, &ctype), "multipart")
        }
        _ => (
            cli.request(method, path).body(rest, "application/json"),
            "json",
        ),
    };
    let res = sys.block_on(req.send());
    let status = res.status();
    assert!(
        (200..300).contains(&status) || (400..500).contains(&status),
        "{status} for a {what} {path}: {}",
        res.text()
    );
});
