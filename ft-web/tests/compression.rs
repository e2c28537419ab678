//! Response compression (ft_web::compress): gzip and brotli round trips, `Accept-Encoding`
//! negotiation (`q=0`, `identity`, `*`, hostile headers), what is never compressed (event
//! streams, `HEAD`, small bodies, images, bodies that have a `Content-Encoding`), `Vary`
//! merged with ft's own, the precompressed assets with an `ETag` per coding, static files,
//! the runtime switch, and the CSRF token masked per response (BREACH).
#![cfg(feature = "compress")]

use actix_web::http::Method;
use ft_web::prelude::*;
use ft_web::testing::TestServer;
use ft_web::{StaticDir, TestResponse, assets};
use std::io::{Read, Write};
use std::time::Duration;

const BOTH: &str = "gzip, br";
const FT_VARY: &str = "HX-Request, HX-Request-Type, HX-History-Restore-Request";

#[get("/page")]
fn page() -> Ft {
    Titled!(
        "Rows",
        Table!((0..200).map(|i| Tr!(Td!(i), Td!(format!("item number {i}")))))
    )
}

#[get("/small")]
fn small() -> Ft {
    P!("tiny")
}

#[get("/data.json")]
fn data() -> Json<serde_json::Value> {
    let items: Vec<_> = (0..300)
        .map(|i| serde_json::json!({ "id": i, "title": format!("item {i}"), "done": false }))
        .collect();
    Json(serde_json::json!({ "items": items }))
}

#[get("/image.png")]
fn image() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("image/png")
        .body(vec![7u8; 4096])
}

#[get("/encoded")]
fn encoded() -> actix_web::HttpResponse {
    // A handler that sends its own coding (here: "leave my bytes alone").
    actix_web::HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Content-Encoding", "identity"))
        .body("x".repeat(4096))
}

#[get("/events")]
fn events() -> EventStream {
    // One event, then nothing more: the event must arrive while the stream stays open.
    let first = futures::stream::once(async { sse_message(P!("first ".repeat(400)), "message") });
    EventStream::new(first.chain(futures::stream::pending()))
}

#[get("/form")]
fn form() -> Ft {
    Titled!(
        "Form",
        Form!(Input!(name = "title"), method = "post", action = "/save")
    )
}

#[post("/save")]
fn save(title: String) -> String {
    format!("saved {title}")
}

#[get("/login")]
fn login(session: Session) -> Ft {
    session.insert("auth", "ana").expect("a session value");
    P!("in")
}

fn app() -> FastApp {
    fast_app().secret_key("compress-test").routes(routes![
        page, small, data, image, encoded, events, form, save, login
    ])
}

async fn get(cli: &Client, path: &str, accept: Option<&str>) -> TestResponse {
    let mut r = cli.get(path);
    if let Some(a) = accept {
        r = r.header("Accept-Encoding", a);
    }
    r.send().await
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(b, 4096)
        .read_to_end(&mut out)
        .expect("valid brotli");
    out
}

#[actix_web::test]
async fn gzip_and_brotli_round_trip() {
    let cli = Client::new(app()).await;
    for path in ["/page", "/data.json"] {
        let plain = get(&cli, path, None).await;
        assert_eq!(plain.header("content-encoding"), None);
        let gz = get(&cli, path, Some("gzip")).await;
        assert_eq!(gz.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(gunzip(gz.bytes()), plain.bytes(), "{path}");
        assert!(gz.bytes().len() < plain.bytes().len() / 3, "{path}");
        let br = get(&cli, path, Some("br")).await;
        assert_eq!(br.header("content-encoding"), Some("br"), "{path}");
        assert_eq!(unbrotli(br.bytes()), plain.bytes(), "{path}");
        assert!(br.bytes().len() < plain.bytes().len() / 3, "{path}");
    }
}

#[actix_web::test]
async fn negotiation_prefers_br_and_respects_q_zero_identity_and_star() {
    let cli = Client::new(app()).await;
    for (accept, want) in [
        (Some(BOTH), Some("br")),
        (Some("gzip, deflate, br, zstd"), Some("br")),
        (Some("br;q=0, gzip"), Some("gzip")),
        (Some("br;q=0.2, gzip;q=0.9"), Some("gzip")),
        (Some("gzip;q=0, br;q=0"), None),
        (Some("identity"), None),
        (Some("deflate"), None),
        (Some("*"), Some("br")),
        (Some("*;q=0"), None),
        (Some("br;q=0, *;q=0.5"), Some("gzip")),
        (None, None),
    ] {
        let r = get(&cli, "/page", accept).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.header("content-encoding"), want, "{accept:?}");
        assert!(r.bytes().len() > 100);
    }
}

#[actix_web::test]
async fn hostile_accept_encoding_gets_a_normal_answer() {
    let cli = Client::new(app()).await;
    let huge = format!("{}gzip", "x;q=0.5, ".repeat(2500)); // ~22 KiB, under the 32 KiB guard
    for accept in [
        huge.as_str(),
        ";;;,,,;q=;q=2;=,=",
        "br;q=1.5",
        "gzip;q=-1, br;q=NaN",
        "gzip;q=0.00000001",
        "\u{e9}\u{e9}, gzip",
        "br;;;;;q=0.5;q=1;q",
    ] {
        let r = get(&cli, "/page", Some(accept)).await;
        assert_eq!(r.status(), 200, "{accept}");
        match r.header("content-encoding") {
            Some("gzip") => assert!(gunzip(r.bytes()).starts_with(b"<!doctype html>")),
            Some("br") => assert!(unbrotli(r.bytes()).starts_with(b"<!doctype html>")),
            None => assert!(r.text().starts_with("<!doctype html>")),
            Some(other) => panic!("{other}"),
        }
    }
    // Past the header-size guard: 431, as for any other header.
    let r = get(&cli, "/page", Some(&"gzip, ".repeat(6000))).await;
    assert_eq!(r.status(), 431);
}

#[actix_web::test]
async fn vary_is_merged_with_ft_s_own() {
    let cli = Client::new(app()).await;
    for accept in [Some(BOTH), None] {
        for path in ["/page", "/small"] {
            let r = get(&cli, path, accept).await;
            assert_eq!(r.headers_all("vary").len(), 1, "{path}");
            assert_eq!(
                r.header("vary"),
                Some(format!("{FT_VARY}, Accept-Encoding").as_str()),
                "{path} {accept:?}"
            );
        }
    }
    // An htmx partial varies on the same headers.
    let r = cli
        .get("/page")
        .htmx()
        .header("Accept-Encoding", BOTH)
        .send()
        .await;
    assert_eq!(
        r.header("vary"),
        Some(format!("{FT_VARY}, Accept-Encoding").as_str())
    );
}

#[actix_web::test]
async fn never_compressed_small_images_head_own_coding() {
    let cli = Client::new(app()).await;
    // Under 1 KiB: plain (Vary still says it could differ).
    let r = get(&cli, "/small", Some(BOTH)).await;
    assert_eq!(r.header("content-encoding"), None);
    assert!(r.text().contains("<p>tiny</p>"));
    // An image: plain, and no Vary on Accept-Encoding.
    let r = get(&cli, "/image.png", Some(BOTH)).await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.bytes(), &[7u8; 4096][..]);
    assert!(!r.header("vary").unwrap_or("").contains("Accept-Encoding"));
    // The handler's own Content-Encoding stays, the body too.
    let r = get(&cli, "/encoded", Some(BOTH)).await;
    assert_eq!(r.header("content-encoding"), Some("identity"));
    assert_eq!(r.text(), "x".repeat(4096));
    // HEAD: never compressed.
    let r = cli
        .request(Method::HEAD, "/page")
        .header("Accept-Encoding", BOTH)
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.header("content-encoding"), None);
}

#[actix_web::test]
async fn the_runtime_switch_turns_it_all_off() {
    let cli = Client::new(app().compress(false)).await;
    for path in [
        "/page",
        "/data.json",
        &assets::asset_by_package("htmx.org").unwrap().url(),
    ] {
        let r = get(&cli, path, Some(BOTH)).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.header("content-encoding"), None, "{path}");
        assert!(
            !r.header("vary").unwrap_or("").contains("Accept-Encoding"),
            "{path}"
        );
    }
}

/// A raw HTTP/1.1 exchange (the connection closed by the request): the head, lower-cased,
/// and the body bytes.
fn raw(srv: &TestServer, request: &str) -> (String, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(srv.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    s.write_all(request.as_bytes()).expect("write");
    let mut all = Vec::new();
    s.read_to_end(&mut all).expect("read");
    let at = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    (
        String::from_utf8_lossy(&all[..at]).to_ascii_lowercase(),
        all[at + 4..].to_vec(),
    )
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .map(str::trim)
}

#[test]
fn assets_are_served_precompressed_with_an_etag_per_coding() {
    let srv = TestServer::start(app);
    let htmx = assets::asset_by_package("htmx.org").unwrap();
    let url = htmx.url();
    let req = |accept: &str, extra: &str| {
        format!("GET {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{accept}{extra}\r\n")
    };
    let mut etags = Vec::new();
    for (accept, coding) in [
        ("Accept-Encoding: gzip, br\r\n", Some("br")),
        ("Accept-Encoding: gzip\r\n", Some("gzip")),
        ("", None),
    ] {
        let (head, body) = raw(&srv, &req(accept, ""));
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert_eq!(header(&head, "content-encoding"), coding, "{head}");
        assert_eq!(header(&head, "vary"), Some("accept-encoding"), "{head}");
        assert_eq!(
            header(&head, "cache-control"),
            Some(assets::IMMUTABLE),
            "{head}"
        );
        assert_eq!(
            header(&head, "content-length"),
            Some(body.len().to_string().as_str()),
            "{head}"
        );
        let plain = match coding {
            Some("br") => unbrotli(&body),
            Some(_) => gunzip(&body),
            None => body.clone(),
        };
        assert_eq!(plain, htmx.bytes());
        if coding.is_some() {
            assert!(body.len() < htmx.bytes().len() / 2);
        }
        let etag = header(&head, "etag").expect("etag").to_owned();
        assert!(etag.starts_with('"'), "strong: {etag}");
        if let Some(c) = coding {
            assert!(etag.ends_with(&format!("-{c}\"")), "{etag}");
        }
        etags.push((accept, etag));
    }
    assert_ne!(etags[0].1, etags[1].1);
    assert_ne!(etags[1].1, etags[2].1);
    // If-None-Match: 304 for the variant the client holds, 200 for another.
    for (accept, etag) in &etags {
        let (head, body) = raw(&srv, &req(accept, &format!("If-None-Match: {etag}\r\n")));
        assert!(head.starts_with("http/1.1 304"), "{accept} {head}");
        assert!(body.is_empty());
        assert_eq!(header(&head, "etag"), Some(etag.as_str()));
        assert_eq!(header(&head, "vary"), Some("accept-encoding"));
    }
    let (head, _) = raw(
        &srv,
        &req(
            "Accept-Encoding: gzip\r\n",
            &format!("If-None-Match: {}\r\n", etags[0].1),
        ),
    );
    assert!(head.starts_with("http/1.1 200"), "{head}");
    // HEAD: the plain variant's headers.
    let (head, body) = raw(
        &srv,
        &format!(
            "HEAD {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: br\r\n\r\n"
        ),
    );
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(header(&head, "content-encoding"), None);
    assert!(body.is_empty());
}

#[test]
fn pages_over_real_http_have_a_matching_content_length() {
    let srv = TestServer::start(app);
    let (head, body) = raw(
        &srv,
        "GET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: gzip, br\r\n\r\n",
    );
    assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
    assert_eq!(
        header(&head, "content-length"),
        Some(body.len().to_string().as_str())
    );
    assert!(unbrotli(&body).starts_with(b"<!doctype html>"));
}

#[test]
fn an_event_stream_arrives_uncompressed_and_event_by_event() {
    let srv = TestServer::start(app);
    let mut s = std::net::TcpStream::connect(srv.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).ok();
    s.write_all(b"GET /events HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n")
        .expect("write");
    // The stream never ends: the first event must come through on its own.
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("</p>\n\n") {
        match s.read(&mut buf) {
            Ok(0) => panic!("closed: {}", String::from_utf8_lossy(&got)),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!(
                "no event within 5 s ({e}): {}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    let text = String::from_utf8_lossy(&got).to_ascii_lowercase();
    assert!(text.contains("content-type: text/event-stream"), "{text}");
    assert!(!text.contains("content-encoding"), "{text}");
    assert!(text.contains("data: <p>first first"), "{text}");
}

#[test]
fn static_files_are_compressed_as_they_stream() {
    let dir = std::env::temp_dir().join(format!("ft-compress-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let css = ".row { color: red; }\n".repeat(400);
    std::fs::write(dir.join("site.css"), &css).unwrap();
    let d = dir.clone();
    let srv = TestServer::start(move || app().static_dir(StaticDir::new("/s/", d)));
    let (head, body) = raw(
        &srv,
        "GET /s/site.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: gzip\r\n\r\n",
    );
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(header(&head, "content-encoding"), Some("gzip"), "{head}");
    assert!(
        header(&head, "vary")
            .unwrap_or("")
            .contains("accept-encoding")
    );
    let body = if header(&head, "transfer-encoding") == Some("chunked") {
        dechunk(&body)
    } else {
        body
    };
    assert_eq!(gunzip(&body), css.as_bytes());
    // The ETag is weak now; it still revalidates.
    let etag = header(&head, "etag").expect("etag").to_owned();
    assert!(etag.starts_with("w/\""), "{etag}");
    let (head, _) = raw(
        &srv,
        &format!(
            "GET /s/site.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: gzip\r\nIf-None-Match: W/{}\r\n\r\n",
            &etag[2..]
        ),
    );
    assert!(head.starts_with("http/1.1 304"), "{head}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn dechunk(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = b;
    loop {
        let at = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("size line");
        let size = usize::from_str_radix(std::str::from_utf8(&rest[..at]).unwrap().trim(), 16)
            .expect("hex size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&rest[at + 2..at + 2 + size]);
        rest = &rest[at + 4 + size..];
    }
}

fn token_in(html: &str) -> String {
    let at = html.find(r#"name="_csrf" value=""#).expect("a token field");
    let rest = &html[at + r#"name="_csrf" value=""#.len()..];
    rest[..rest.find('"').expect("end")].to_owned()
}

// BREACH: a compressed page that reflects input must not carry the same secret every time.
#[actix_web::test]
async fn the_csrf_token_is_masked_per_response_and_every_mask_validates() {
    let cli = Client::new(app()).await;
    cli.get("/login").send().await;
    let a = token_in(&get(&cli, "/form", Some(BOTH)).await.text_decoded());
    let b = token_in(&get(&cli, "/form", None).await.text());
    assert_ne!(a, b, "two renders, two strings");
    assert_ne!(Some(&a), cli.csrf_token().as_ref());
    for t in [&a, &b] {
        let r = cli
            .post("/save")
            .no_csrf()
            .form([("title", "x"), ("_csrf", t.as_str())])
            .send()
            .await;
        assert_eq!((r.status(), r.text()), (200, "saved x".into()));
        let r = cli
            .post("/save")
            .no_csrf()
            .header("X-CSRF-Token", t)
            .form([("title", "h")])
            .send()
            .await;
        assert_eq!(r.status(), 200);
    }
    // One changed character, a truncated token, garbage of the right length: refused.
    let mut tampered = a.clone().into_bytes();
    tampered[60] = if tampered[60] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for bad in [tampered.as_str(), &a[..85], &"A".repeat(86), "", "%%%"] {
        let r = cli
            .post("/save")
            .no_csrf()
            .form([("title", "x"), ("_csrf", bad)])
            .send()
            .await;
        assert_eq!(r.status(), 403, "{bad}");
    }
}

trait Decoded {
    fn text_decoded(&self) -> String;
}

impl Decoded for TestResponse {
    fn text_decoded(&self) -> String {
        let b = match self.header("content-encoding") {
            Some("br") => unbrotli(self.bytes()),
            Some("gzip") => gunzip(self.bytes()),
            _ => self.bytes().to_vec(),
        };
        String::from_utf8(b).expect("utf-8")
    }
}
