//! Response compression (the `compress` cargo feature): gzip and brotli for
//! text responses the client accepts, and the embedded `/_ft/` assets compressed once at the
//! highest settings and served from memory.
//!
//! **Which responses.** A response is compressed when all of these hold:
//!
//! - the app did not turn it off ([`FastApp::compress(false)`](crate::FastApp::compress));
//! - the request's `Accept-Encoding` allows `br` or `gzip` (`q=0` refuses a coding, `*` stands
//!   for the ones not named; `br` wins a tie, as it makes smaller text); no header, or only
//!   `identity`, means none;
//! - the request is not `HEAD` and not a websocket upgrade;
//! - the status is not 1xx, `204`, `206` or `304`, and the response has no `Content-Encoding`
//!   (a handler can send one, even `identity`, to keep its body as it is) or `Content-Range`;
//! - the type is text (`text/*`, JSON, JavaScript, XML, SVG, ...), but never
//!   `text/event-stream`: an SSE stream must reach the browser event by event, and a
//!   compressor holds bytes back until it has a block's worth;
//! - the body is at least [`MIN_SIZE`] (1 KiB). Below that the saving is a few hundred bytes
//!   that fit in the same TCP segment anyway, so the CPU would be spent for nothing (a one-row
//!   htmx partial stays plain).
//!
//! Every response of a compressible type gets `Vary: Accept-Encoding` (added to the
//! `Vary: HX-Request, ..` ft pages carry, not replacing it), compressed or not, so a shared
//! cache keeps the variants apart. A compressed response's strong `ETag` is made weak
//! (`W/".."`): the bytes differ from the plain ones, the content does not (RFC 9110 8.8.1).
//!
//! Bodies up to 256 KiB (every rendered page) are compressed on the worker in one call, with
//! brotli quality 3 and its window fitted to the body, or gzip level 1 (nginx's default). On
//! the 18 KiB todo page that is about 110 µs for 1.4 KiB of brotli (quality 4: 1.35 KiB for half
//! as much time again; a 4 MiB window, as a streaming encoder uses: three times the time for
//! the same bytes) or 40 µs for 2.3 KiB of gzip (level 5: 2.0 KiB for four times the time).
//! Larger and streamed bodies (static files) go through actix-http's streaming encoder, which
//! works on the blocking thread pool.
//!
//! **The assets.** `/_ft/htmx-2.0.7.min.js` and the others are compressed the first time a
//! client asks for that asset in that coding (brotli quality 11, gzip level 9), off the
//! worker thread, and kept for the life of the process: at startup it would cost every start
//! (the dev loop restarts on each save, every test builds an app) a second of CPU for the 18
//! files when a page links 4 of them. Each coding has its own `ETag` (`"…-br"`, `"…-gzip"`), so
//! a `304` is only ever given for the bytes the client holds.
//!
//! [`FastApp::configure`](crate::FastApp::configure) (ft mounted in your own actix app) has no
//! middleware layer of its own: wrap your `App` in actix's `middleware::Compress` if you want
//! compression there (the assets are still served precompressed).

use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, ContentEncoding, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use std::sync::{LazyLock, OnceLock};

/// Bodies smaller than this are sent as they are.
pub const MIN_SIZE: usize = 1024;
/// Bodies up to this size are compressed in one call on the worker; larger ones stream
/// through the blocking pool.
const INLINE_MAX: usize = 256 * 1024;
/// The most `Accept-Encoding` items read: a header of thousands of items is read no further.
const MAX_ITEMS: usize = 32;

/// A content coding ft sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Coding {
    Br,
    Gzip,
}

impl Coding {
    /// The `Content-Encoding` token.
    pub(crate) fn token(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gzip",
        }
    }
    fn actix(self) -> ContentEncoding {
        match self {
            Coding::Br => ContentEncoding::Brotli,
            Coding::Gzip => ContentEncoding::Gzip,
        }
    }
}

/// A `qvalue` in thousandths (`1`, `0.5`, `0.125`), or `None` when it is not one (RFC 9110
/// 12.4.2).
fn qvalue(s: &str) -> Option<u16> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The coding to send for these request headers: `br` or `gzip` if `Accept-Encoding` allows
/// one (the higher `q`, `br` on a tie), else `None` (identity). Malformed items are skipped.
///
/// ```text
/// negotiate("gzip, br") == Some(Br); negotiate("br;q=0, gzip") == Some(Gzip);
/// negotiate("identity") == None; negotiate("*;q=0.5") == Some(Br)
/// ```
pub(crate) fn negotiate(headers: &HeaderMap) -> Option<Coding> {
    let (mut br, mut gzip, mut star) = (None, None, None);
    let items = headers
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .take(MAX_ITEMS);
    for item in items {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let mut q = Some(1000);
        for p in parts {
            let p = p.trim();
            if let Some(v) = p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")) {
                q = qvalue(v.trim());
            }
        }
        let Some(q) = q else { continue };
        if name.eq_ignore_ascii_case("br") {
            br = Some(q);
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(q);
        } else if name == "*" {
            star = Some(q);
        }
    }
    let br = br.or(star).unwrap_or(0);
    let gzip = gzip.or(star).unwrap_or(0);
    if br > 0 && br >= gzip {
        Some(Coding::Br)
    } else if gzip > 0 {
        Some(Coding::Gzip)
    } else {
        None
    }
}

/// Is a body of this `Content-Type` worth compressing? Text, JSON, JavaScript, XML, SVG and
/// the like; never `text/event-stream` (see the module docs), nor images, fonts, archives or
/// video, which are compressed already.
pub(crate) fn compressible(content_type: &str) -> bool {
    // ft's own pages and partials (`text/html; charset=utf-8`), answered without splitting:
    // whatever follows, such a type is `text/*` and not `text/event-stream`.
    if content_type
        .as_bytes()
        .get(..9)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"text/html"))
    {
        return true;
    }
    // Compared without allocating: this runs for every response.
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .as_bytes();
    let starts =
        |p: &str| mime.len() >= p.len() && mime[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let ends = |p: &str| {
        mime.len() >= p.len() && mime[mime.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
    };
    if mime.eq_ignore_ascii_case(b"text/event-stream") {
        return false;
    }
    starts("text/")
        || ends("+json")
        || ends("+xml")
        || [
            "application/json",
            "application/javascript",
            "application/x-javascript",
            "application/ecmascript",
            "application/xml",
            "application/wasm",
            "application/x-ndjson",
            "image/x-icon",
            "image/vnd.microsoft.icon",
            "image/bmp",
            "font/ttf",
            "font/otf",
        ]
        .iter()
        .any(|t| mime.eq_ignore_ascii_case(t.as_bytes()))
}

/// ft's own `Vary` (crate::response::VARY) with `Accept-Encoding`.
static FT_VARY: HeaderValue = HeaderValue::from_static(
    "HX-Request, HX-Request-Type, HX-History-Restore-Request, Accept-Encoding",
);

/// Adds `Accept-Encoding` to the response's `Vary`, merged with what is there into one
/// header (each name once, any case); `Vary: *` is left as it is.
pub(crate) fn add_vary(headers: &mut HeaderMap) {
    // The usual cases without allocating: no `Vary` yet, or exactly ft's own.
    let mut vary = headers.get_all(header::VARY);
    match (vary.next(), vary.next()) {
        (None, _) => {
            headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            return;
        }
        (Some(v), None) if v == crate::response::VARY => {
            headers.insert(header::VARY, FT_VARY.clone());
            return;
        }
        _ => {}
    }
    let mut names: Vec<String> = Vec::new();
    for v in headers.get_all(header::VARY) {
        for n in v.to_str().unwrap_or("").split(',') {
            let n = n.trim();
            if n == "*" {
                return;
            }
            if !n.is_empty() && !names.iter().any(|m| m.eq_ignore_ascii_case(n)) {
                names.push(n.to_owned());
            }
        }
    }
    if !names
        .iter()
        .any(|m| m.eq_ignore_ascii_case("accept-encoding"))
    {
        names.push("Accept-Encoding".to_owned());
    }
    if let Ok(v) = HeaderValue::from_str(&names.join(", ")) {
        headers.insert(header::VARY, v);
    }
}

/// A strong `ETag` made weak (`"x"` -> `W/"x"`): the compressed bytes are not the plain ones.
fn weaken_etag(headers: &mut HeaderMap) {
    let weak = headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with('"'))
        .and_then(|v| HeaderValue::from_str(&format!("W/{v}")).ok());
    if let Some(v) = weak {
        headers.insert(header::ETAG, v);
    }
}

/// `bytes` compressed with `coding` at `level` (brotli quality 0-11 / gzip level 0-9), the
/// brotli window fitted to the input (a small body needs no 4 MiB window).
pub(crate) fn encode(coding: Coding, bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    match coding {
        Coding::Gzip => gzip(bytes, level),
        Coding::Br => {
            let bits = usize::BITS - bytes.len().saturating_sub(1).leading_zeros();
            let params = brotli::enc::BrotliEncoderParams {
                quality: level as i32,
                lgwin: bits.clamp(10, 22) as i32,
                size_hint: bytes.len(),
                ..Default::default()
            };
            let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
            let (mut inb, mut outb) = ([0u8; 4096], [0u8; 4096]);
            brotli::BrotliCompressCustomAlloc(
                &mut &bytes[..],
                &mut out,
                &mut inb,
                &mut outb,
                &params,
                pool::PoolAlloc,
            )?;
            Ok(out)
        }
    }
}

thread_local! {
    /// This thread's deflate state and its level, reset for each body: a new one costs a
    /// quarter MiB of fresh pages per response, as brotli's does (see [`pool`]).
    static DEFLATE: std::cell::RefCell<Option<(u32, flate2::Compress)>> =
        const { std::cell::RefCell::new(None) };
}

/// `bytes` as a gzip member (RFC 1952): flate2's deflate, reused per thread, between the
/// 10-byte header (no name, no time) and the CRC-32 and length flate2 computes.
fn gzip(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    DEFLATE.with(|d| -> std::io::Result<()> {
        let mut d = d.borrow_mut();
        let deflate = match &mut *d {
            Some((l, c)) if *l == level => {
                c.reset();
                c
            }
            slot => {
                &mut slot
                    .insert((level, Compress::new(Compression::new(level), false)))
                    .1
            }
        };
        loop {
            let read = usize::try_from(deflate.total_in()).unwrap_or(bytes.len());
            let rest = bytes.get(read..).unwrap_or_default();
            match deflate.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(()),
                // The output is full: room for more, then go on.
                Ok(_) => out.reserve(out.capacity().max(4096)),
                Err(e) => return Err(std::io::Error::other(e)),
            }
        }
    })?;
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    // ISIZE is the length modulo 2^32 (RFC 1952).
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    Ok(out)
}

/// Brotli's working memory, kept per thread between responses. The encoder allocates a
/// 256 KiB hash table and some smaller buffers for every response; freed, they go back to the
/// system, and the next response pays for fresh pages (page faults, zeroing, TLB shootdowns:
/// measured at three quarters of a request's CPU under load, next to a quarter for brotli
/// itself). Reusing them costs one `fill` each. At most [`KEEP_BYTES`](pool::KEEP_BYTES) per
/// thread are kept.
mod pool {
    use std::any::{Any, TypeId};
    use std::cell::RefCell;

    /// The most bytes of freed buffers a thread keeps.
    pub(super) const KEEP_BYTES: usize = 2 << 20;

    /// A freed buffer: its element type, length, size in bytes, and the `Box<[T]>` itself.
    type Free = (TypeId, usize, usize, Box<dyn Any>);

    thread_local! {
        static FREE: RefCell<Vec<Free>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer handed to brotli.
    pub(super) struct Pooled<T>(Box<[T]>);

    impl<T> Default for Pooled<T> {
        fn default() -> Self {
            Pooled(Box::new([]))
        }
    }
    impl<T> brotli::SliceWrapper<T> for Pooled<T> {
        fn slice(&self) -> &[T] {
            &self.0
        }
    }
    impl<T> brotli::SliceWrapperMut<T> for Pooled<T> {
        fn slice_mut(&mut self) -> &mut [T] {
            &mut self.0
        }
    }

    /// brotli's allocator: a freed buffer of the same type and length if the thread has one
    /// (reset to the default values brotli expects), else a new one.
    pub(super) struct PoolAlloc;

    impl<T: Clone + Default + 'static> brotli::Allocator<T> for PoolAlloc {
        type AllocatedMemory = Pooled<T>;
        fn alloc_cell(&mut self, len: usize) -> Pooled<T> {
            if len == 0 {
                return Pooled::default();
            }
            let id = TypeId::of::<T>();
            let reused = FREE.with(|f| {
                let mut f = f.borrow_mut();
                let i = f.iter().position(|e| e.0 == id && e.1 == len)?;
                f.swap_remove(i).3.downcast::<Box<[T]>>().ok()
            });
            match reused {
                Some(mut b) => {
                    b.fill(T::default());
                    Pooled(*b)
                }
                None => Pooled(vec![T::default(); len].into_boxed_slice()),
            }
        }
        fn free_cell(&mut self, data: Pooled<T>) {
            let (len, bytes) = (data.0.len(), std::mem::size_of_val(&*data.0));
            if len == 0 || bytes > KEEP_BYTES {
                return;
            }
            FREE.with(|f| {
                let mut f = f.borrow_mut();
                // The oldest go first until the new one fits.
                while f.iter().map(|e| e.2).sum::<usize>() + bytes > KEEP_BYTES && !f.is_empty() {
                    f.remove(0);
                }
                f.push((TypeId::of::<T>(), len, bytes, Box::new(data.0)));
            });
        }
    }

    impl brotli::enc::BrotliAlloc for PoolAlloc {}
}

/// Brotli quality and gzip level for responses made per request.
fn dynamic_level(coding: Coding) -> u32 {
    match coding {
        Coding::Br => 3,
        Coding::Gzip => 1,
    }
}

/// What the compression layer decided for one request, before the response exists.
#[derive(Clone, Copy)]
pub(crate) struct Pick {
    /// Compression on for the app (adds `Vary` even when nothing is compressed).
    on: bool,
    coding: Option<Coding>,
}

impl Pick {
    /// Reads the request: the app's switch, its method, upgrade and `Accept-Encoding`.
    pub(crate) fn new(req: &ServiceRequest, on: bool) -> Pick {
        let upgrade = req.headers().contains_key(header::UPGRADE);
        if !on || upgrade {
            return Pick {
                on: false,
                coding: None,
            };
        }
        let coding = if req.method() == Method::HEAD {
            None
        } else {
            negotiate(req.headers())
        };
        Pick { on, coding }
    }

    /// The response, compressed when it qualifies (see the module docs), with its `Vary`.
    pub(crate) fn apply<B>(self, res: ServiceResponse<B>) -> ServiceResponse<EitherBody<B, BoxBody>>
    where
        B: MessageBody + 'static,
    {
        if !self.on {
            return res.map_into_left_body();
        }
        res.map_body(|head, body| {
            let status = head.status;
            let headers = &mut head.headers;
            let skip = status.is_informational()
                || matches!(
                    status,
                    StatusCode::NO_CONTENT | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
                )
                || headers.contains_key(header::CONTENT_ENCODING)
                || headers.contains_key(header::CONTENT_RANGE)
                || !headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(compressible);
            if skip {
                return EitherBody::left(body);
            }
            add_vary(headers);
            let Some(coding) = self.coding else {
                return EitherBody::left(body);
            };
            match body.size() {
                BodySize::None => return EitherBody::left(body),
                BodySize::Sized(n) if n < MIN_SIZE as u64 => return EitherBody::left(body),
                _ => {}
            }
            let bytes = match body.try_into_bytes() {
                Ok(bytes) => bytes,
                Err(body) => return EitherBody::right(stream(coding, head, body)),
            };
            if bytes.len() > INLINE_MAX {
                return EitherBody::right(stream(coding, head, bytes));
            }
            match encode(coding, &bytes, dynamic_level(coding)) {
                Ok(out) if out.len() < bytes.len() => {
                    let headers = &mut head.headers;
                    headers.insert(
                        header::CONTENT_ENCODING,
                        HeaderValue::from_static(coding.token()),
                    );
                    weaken_etag(headers);
                    EitherBody::right(BoxBody::new(Bytes::from(out)))
                }
                // Incompressible (or an encoder error): the plain bytes.
                _ => EitherBody::right(BoxBody::new(bytes)),
            }
        })
    }
}

/// A body compressed as it streams (actix-http's encoder: chunks of 1 KiB and more are
/// compressed on the blocking pool), with the response's headers set for it.
fn stream<B>(coding: Coding, head: &mut actix_web::dev::ResponseHead, body: B) -> BoxBody
where
    B: MessageBody + 'static,
{
    let enc = actix_http::encoding::Encoder::response(coding.actix(), head, body);
    // The encoder appends its own `Vary: accept-encoding` line: merge it back into one.
    add_vary(&mut head.headers);
    weaken_etag(&mut head.headers);
    BoxBody::new(enc)
}

/// The precompressed copies of each embedded asset (`None`: not smaller than the original),
/// by asset index then coding, made on first use.
static ASSET_COPIES: LazyLock<Vec<[OnceLock<Option<Bytes>>; 2]>> = LazyLock::new(|| {
    (0..crate::assets::all().len())
        .map(|_| [OnceLock::new(), OnceLock::new()])
        .collect()
});

/// Asset `index` (its `bytes`) compressed with `coding` at the highest settings: made once per
/// process, on the blocking pool so the worker keeps serving; `None` when the compressed copy
/// would not be smaller (or the pool is gone), and the plain bytes are served.
pub(crate) async fn asset_copy(
    index: usize,
    bytes: &'static [u8],
    coding: Coding,
) -> Option<Bytes> {
    let cell = &ASSET_COPIES.get(index)?[coding as usize];
    if let Some(copy) = cell.get() {
        return copy.clone();
    }
    let make = move || {
        cell.get_or_init(|| {
            let level = match coding {
                Coding::Br => 11,
                Coding::Gzip => 9,
            };
            encode(coding, bytes, level)
                .ok()
                .filter(|c| c.len() < bytes.len())
                .map(Bytes::from)
        })
        .clone()
    };
    actix_web::web::block(make).await.ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &[&str]) -> Option<Coding> {
        let mut h = HeaderMap::new();
        for a in accept {
            h.append(header::ACCEPT_ENCODING, HeaderValue::from_str(a).unwrap());
        }
        negotiate(&h)
    }

    #[test]
    fn negotiation_follows_rfc_9110() {
        use Coding::*;
        assert_eq!(pick(&[]), None);
        assert_eq!(pick(&["gzip, br"]), Some(Br));
        assert_eq!(pick(&["gzip, deflate, br, zstd"]), Some(Br));
        assert_eq!(pick(&["gzip"]), Some(Gzip));
        assert_eq!(pick(&["x-gzip"]), Some(Gzip));
        assert_eq!(pick(&["br;q=0, gzip"]), Some(Gzip));
        assert_eq!(pick(&["br;q=0.5, gzip;q=0.8"]), Some(Gzip));
        assert_eq!(pick(&["br;q=0.8, gzip;q=0.8"]), Some(Br));
        assert_eq!(pick(&["gzip;q=0, br;q=0"]), None);
        assert_eq!(pick(&["identity"]), None);
        assert_eq!(pick(&["identity;q=0"]), None);
        assert_eq!(pick(&["*"]), Some(Br));
        assert_eq!(pick(&["*;q=0"]), None);
        assert_eq!(pick(&["br;q=0, *"]), Some(Gzip));
        assert_eq!(pick(&["gzip", "br"]), Some(Br)); // two header lines
        assert_eq!(pick(&["GZIP;Q=1.000"]), Some(Gzip));
        // Malformed items are skipped, never an error.
        assert_eq!(pick(&["br;q=2, gzip;q=abc"]), None);
        assert_eq!(pick(&["br;q=0.1234, gzip"]), Some(Gzip));
        assert_eq!(pick(&[";;;,,,=,q=, gzip"]), Some(Gzip));
        assert_eq!(pick(&[&"x, ".repeat(5000)]), None);
        // Only the first MAX_ITEMS items are read.
        assert_eq!(pick(&[&format!("{}br", "x, ".repeat(100))]), None);
    }

    #[test]
    fn qvalues() {
        assert_eq!(qvalue("1"), Some(1000));
        assert_eq!(qvalue("1.0"), Some(1000));
        assert_eq!(qvalue("0.5"), Some(500));
        assert_eq!(qvalue("0.05"), Some(50));
        assert_eq!(qvalue("0"), Some(0));
        for bad in ["1.5", "2", "-1", "0.1234", "", ".5", "0.a", "1.001"] {
            assert_eq!(qvalue(bad), None, "{bad}");
        }
    }

    #[test]
    fn types() {
        for t in [
            "text/html; charset=utf-8",
            "text/css",
            "text/javascript; charset=utf-8",
            "application/json",
            "application/ld+json",
            "image/svg+xml",
            "text/plain",
            "text/csv",
            "TEXT/HTML",
        ] {
            assert!(compressible(t), "{t}");
        }
        for t in [
            "text/event-stream",
            "text/event-stream; charset=utf-8",
            "image/png",
            "application/octet-stream",
            "application/zip",
            "font/woff2",
            "",
        ] {
            assert!(!compressible(t), "{t}");
        }
    }

    #[test]
    fn vary_is_merged() {
        assert_eq!(
            FT_VARY,
            format!("{}, Accept-Encoding", crate::response::VARY)
        );
        let mut h = HeaderMap::new();
        add_vary(&mut h);
        assert_eq!(h.get(header::VARY).unwrap(), "Accept-Encoding");
        let mut h = HeaderMap::new();
        h.insert(
            header::VARY,
            HeaderValue::from_static("HX-Request, HX-Request-Type, HX-History-Restore-Request"),
        );
        add_vary(&mut h);
        add_vary(&mut h);
        assert_eq!(
            h.get(header::VARY).unwrap(),
            "HX-Request, HX-Request-Type, HX-History-Restore-Request, Accept-Encoding"
        );
        let mut h = HeaderMap::new();
        h.append(header::VARY, HeaderValue::from_static("Origin"));
        h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        add_vary(&mut h);
        assert_eq!(h.get_all(header::VARY).count(), 1);
        assert_eq!(h.get(header::VARY).unwrap(), "Origin, accept-encoding");
        let mut h = HeaderMap::new();
        h.insert(header::VARY, HeaderValue::from_static("*"));
        add_vary(&mut h);
        assert_eq!(h.get(header::VARY).unwrap(), "*");
    }

    #[test]
    fn gzip_members_decode_and_reuse_the_deflate_state() {
        use std::io::Read;
        let a = "<li>an item</li>".repeat(2000);
        let b = "x".repeat(70_000); // more output than the first guess of its size
        let first = encode(Coding::Gzip, a.as_bytes(), 1).unwrap();
        for (text, level) in [(&b, 1), (&a, 9), (&b, 9), (&a, 1)] {
            let out = encode(Coding::Gzip, text.as_bytes(), level).unwrap();
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&out[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, text.as_bytes());
        }
        assert_eq!(encode(Coding::Gzip, a.as_bytes(), 1).unwrap(), first);
        let empty = encode(Coding::Gzip, b"", 1).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&empty[..])
            .read_to_end(&mut back)
            .unwrap();
        assert!(back.is_empty());
    }

    #[test]
    fn reused_buffers_give_the_same_bytes() {
        // The pool hands back buffers brotli wrote into: reset, they must compress exactly as
        // fresh ones do.
        let a = "<tr><td>a row</td></tr>".repeat(500);
        let b: String = (0..3000)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        let first = encode(Coding::Br, a.as_bytes(), 3).unwrap();
        for _ in 0..3 {
            encode(Coding::Br, b.as_bytes(), 3).unwrap();
            assert_eq!(encode(Coding::Br, a.as_bytes(), 3).unwrap(), first);
        }
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &first[..], &mut back).unwrap();
        assert_eq!(back, a.as_bytes());
    }

    #[test]
    fn small_brotli_window() {
        let text = "<tr><td>row</td></tr>".repeat(200);
        let out = encode(Coding::Br, text.as_bytes(), 4).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &out[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(out.len() < text.len() / 10);
    }
}
