//! Request bodies: urlencoded and multipart forms, JSON objects, uploaded files. Read once,
//! on first need, within the app's size limit; anything malformed is a clear 4xx.

use crate::Error;
use actix_web::error::PayloadError;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::web::{Bytes, BytesMut, Payload};
use actix_web::{HttpMessage, HttpRequest};
use futures_util::{Stream, StreamExt};
use std::cell::Cell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// An uploaded file (FastHTML's `UploadFile`, SPEC 3.19): the form field's file name, content
/// type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadFile {
    /// The form field it came from.
    pub field: String,
    /// The file name the browser sent (never trust it as a path).
    pub filename: String,
    /// The content type the browser sent.
    pub content_type: String,
    /// The contents.
    pub bytes: Bytes,
}

impl UploadFile {
    /// The size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    /// Empty file?
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
    /// The file name without any directory part: safe to join to a folder of your own.
    pub fn safe_name(&self) -> String {
        let base = self.filename.rsplit(['/', '\\']).next().unwrap_or("");
        let cleaned: String = base
            .chars()
            .filter(|c| !c.is_control() && *c != ':')
            .collect::<String>();
        match cleaned.trim_start_matches('.') {
            "" => "upload".to_owned(),
            s => s.to_owned(),
        }
    }
}

/// What a body held.
#[derive(Debug, Default, Clone)]
pub struct ParsedBody {
    /// Form fields (or a JSON object's members as text), in order.
    pub fields: Vec<(String, String)>,
    /// Uploaded files.
    pub files: Vec<UploadFile>,
    /// The JSON value, when the body was JSON.
    pub json: Option<serde_json::Value>,
    /// The raw bytes (kept for `body` parameters; empty for multipart).
    pub raw: Bytes,
}

async fn read_all(mut payload: Payload, limit: usize) -> Result<Bytes, Error> {
    // A small body usually arrives in one chunk: keep it as it is, copy only from a second one.
    let mut first: Option<Bytes> = None;
    let mut buf = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| Error::bad_request(format!("Could not read the body: {e}")))?;
        let so_far = first.as_ref().map_or(buf.len(), Bytes::len);
        if so_far + chunk.len() > limit {
            return Err(Error::payload_too_large(limit));
        }
        match first.take() {
            None if buf.is_empty() => first = Some(chunk),
            None => buf.extend_from_slice(&chunk),
            Some(head) => {
                buf.reserve(head.len() + chunk.len());
                buf.extend_from_slice(&head);
                buf.extend_from_slice(&chunk);
            }
        }
    }
    Ok(first.unwrap_or_else(|| buf.freeze()))
}

/// Reads and parses the body by its content type.
pub(crate) async fn parse(
    req: &HttpRequest,
    payload: Payload,
    limit: usize,
    part_limit: usize,
) -> Result<ParsedBody, Error> {
    let ctype = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ctype.split(';').next().unwrap_or("").trim();
    let is = |m: &str| mime.eq_ignore_ascii_case(m);
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(Error::payload_too_large(limit));
    }
    if is("multipart/form-data") {
        multipart(req, payload, limit, part_limit).await
    } else if is("application/json") {
        let raw = read_all(payload, limit).await?;
        json_body(raw)
    } else {
        let raw = read_all(payload, limit).await?;
        let fields = if is("application/x-www-form-urlencoded") || mime.is_empty() {
            urlencoded(&raw)?
        } else {
            Vec::new()
        };
        Ok(ParsedBody {
            fields,
            raw,
            ..Default::default()
        })
    }
}

/// Parses `a=1&b=x+y` (also the query string). Invalid UTF-8 after decoding is a 400.
pub fn urlencoded(raw: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for pair in raw.split(|b| *b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        out.push((decode_component(k)?, decode_component(v)?));
    }
    Ok(out)
}

fn decode_component(s: &[u8]) -> Result<String, Error> {
    let mut bytes = Vec::with_capacity(s.len());
    if s.contains(&b'%') {
        // `+` is a space; splitting on it first is the same as replacing it first, since
        // neither `+` nor a space can be part of a `%XX` escape.
        for (i, piece) in s.split(|b| *b == b'+').enumerate() {
            if i > 0 {
                bytes.push(b' ');
            }
            bytes.extend(percent_encoding::percent_decode(piece));
        }
    } else {
        bytes.extend(s.iter().map(|b| if *b == b'+' { b' ' } else { *b }));
    }
    String::from_utf8(bytes).map_err(|_| Error::bad_request("Invalid UTF-8 in form data"))
}

fn json_body(raw: Bytes) -> Result<ParsedBody, Error> {
    // An empty JSON body counts as `{}` (SPEC 3.44).
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(ParsedBody {
            json: Some(serde_json::json!({})),
            raw,
            ..Default::default()
        });
    }
    let value: serde_json::Value =
        serde_json::from_slice(&raw).map_err(|_| Error::bad_request("Invalid JSON body"))?;
    let serde_json::Value::Object(map) = &value else {
        return Err(Error::bad_request("JSON body must be an object"));
    };
    let mut fields = Vec::new();
    for (k, v) in map {
        json_field(&mut fields, k, v);
    }
    Ok(ParsedBody {
        fields,
        json: Some(value),
        raw,
        ..Default::default()
    })
}

fn json_field(out: &mut Vec<(String, String)>, k: &str, v: &serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Null => {}
        Value::String(s) => out.push((k.to_owned(), s.clone())),
        Value::Bool(b) => out.push((k.to_owned(), b.to_string())),
        Value::Number(n) => out.push((k.to_owned(), n.to_string())),
        Value::Array(items) => {
            for item in items {
                json_field(out, k, item);
            }
        }
        Value::Object(_) => out.push((k.to_owned(), v.to_string())),
    }
}

/// The body as the multipart parser reads it, noting when it has ended: the parser can wait
/// for more bytes after the end (a body cut off just after a `\r`), and nothing would wake it.
struct Tracked {
    payload: Payload,
    ended: Rc<Cell<bool>>,
}

impl Stream for Tracked {
    type Item = Result<Bytes, PayloadError>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let next = self.payload.poll_next_unpin(cx);
        if matches!(next, Poll::Ready(None | Some(Err(_)))) {
            self.ended.set(true);
        }
        next
    }
}

/// The next multipart item; a 400 when the parser waits on a body that has ended (instead of
/// keeping the request open forever).
async fn next_part<T>(
    parts: &mut (impl Stream<Item = Result<T, actix_multipart::MultipartError>> + Unpin),
    ended: &Cell<bool>,
) -> Option<Result<T, Error>> {
    std::future::poll_fn(|cx| match parts.poll_next_unpin(cx) {
        Poll::Pending if ended.get() => Poll::Ready(Some(Err(Error::bad_request(
            "Invalid form-data: the body ends inside a part",
        )))),
        Poll::Pending => Poll::Pending,
        Poll::Ready(next) => Poll::Ready(
            next.map(|r| r.map_err(|e| Error::bad_request(format!("Invalid form-data: {e}")))),
        ),
    })
    .await
}

async fn multipart(
    req: &HttpRequest,
    payload: Payload,
    limit: usize,
    part_limit: usize,
) -> Result<ParsedBody, Error> {
    // Under a boundary of 1 to 3 characters the parser misreads a preamble line `--` (it
    // panics); browsers and HTTP libraries use 16 or more.
    let boundary = req.mime_type().ok().flatten();
    let boundary = boundary.as_ref().and_then(|m| m.get_param("boundary"));
    if boundary.is_some_and(|b| b.as_str().len() < 4) {
        return Err(Error::bad_request(
            "Invalid form-data: the boundary is shorter than 4 characters",
        ));
    }
    let ended = Rc::new(Cell::new(false));
    let tracked = Tracked {
        payload,
        ended: ended.clone(),
    };
    let mut mp = actix_multipart::Multipart::new(req.headers(), tracked);
    let mut body = ParsedBody::default();
    let mut total = 0usize;
    while let Some(field) = next_part(&mut mp, &ended).await {
        let mut field = field?;
        let cd = field.content_disposition().cloned();
        let name = cd
            .as_ref()
            .and_then(|c| c.get_name())
            .unwrap_or("")
            .to_owned();
        let filename = cd
            .as_ref()
            .and_then(|c| c.get_filename())
            .map(str::to_owned);
        let ctype = field
            .content_type()
            .map(|m| m.to_string())
            .unwrap_or_default();
        let mut data = BytesMut::new();
        while let Some(chunk) = next_part(&mut field, &ended).await {
            let chunk = chunk?;
            total += chunk.len();
            if total > limit {
                return Err(Error::payload_too_large(limit));
            }
            // A non-file field is held as text: FastHTML's (python-multipart's) limit on it,
            // with its message (SPEC 5.39).
            if filename.is_none() && data.len() + chunk.len() > part_limit {
                return Err(Error::bad_request(format!(
                    "Part exceeded maximum size of {}KB.",
                    part_limit / 1024
                )));
            }
            data.extend_from_slice(&chunk);
        }
        match filename {
            Some(filename) => body.files.push(UploadFile {
                field: name,
                filename,
                content_type: ctype,
                bytes: data.freeze(),
            }),
            None => {
                let text = String::from_utf8(data.to_vec())
                    .map_err(|_| Error::bad_request("Invalid UTF-8 in form data"))?;
                body.fields.push((name, text));
            }
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::{Payload, parse, urlencoded};
    use actix_web::FromRequest;

    fn pairs(raw: &str) -> Vec<(String, String)> {
        urlencoded(raw.as_bytes()).unwrap_or_default()
    }

    #[test]
    fn plus_is_a_space_and_escapes_decode() {
        assert_eq!(
            pairs("a=x+y&b=%2B&c=%+1&d=%E2%82%AC+%26&&e&f=plain"),
            [
                ("a", "x y"),
                ("b", "+"),
                ("c", "% 1"), // a broken escape stays as it is; `+` next to it is a space
                ("d", "€ &"),
                ("e", ""),
                ("f", "plain"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn invalid_utf8_is_a_400() {
        let err = urlencoded(b"a=%FF").err().map(|e| e.status());
        assert_eq!(err, Some(400));
    }

    // Found by fuzz/ (params): a preamble line `--` under a one-letter boundary panicked.
    #[actix_web::test]
    async fn a_short_multipart_boundary_is_a_400() {
        for (boundary, want) in [("b", Err(400)), ("abc", Err(400)), ("abcd", Ok(1))] {
            let part = "Content-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n";
            let body = format!("--\n--{boundary}\r\n{part}--{boundary}--\r\n");
            let (req, mut pl) = actix_web::test::TestRequest::default()
                .insert_header((
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                ))
                .set_payload(body)
                .to_http_parts();
            let Ok(payload) = Payload::from_request(&req, &mut pl).await else {
                panic!("no payload");
            };
            let got = parse(&req, payload, 1 << 20, 1 << 20).await;
            assert_eq!(
                got.map(|b| b.fields.len()).map_err(|e| e.status()),
                want,
                "{boundary}"
            );
        }
    }

    // Found by fuzz/ (params): a multipart body ending just after a `\r` (no closing
    // boundary) left the request waiting forever.
    #[actix_web::test]
    async fn a_cut_multipart_body_is_a_400_not_a_hang() {
        let part = "--XyZ-7\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nval\r\n";
        let end = "--XyZ-7--\r\n";
        for body in [
            part.to_owned(),
            format!("{part}-XyZ-7--\r\n"),
            format!("{part}{end}"),
        ] {
            let (req, mut pl) = actix_web::test::TestRequest::default()
                .insert_header(("content-type", "multipart/form-data; boundary=XyZ-7"))
                .set_payload(body.clone())
                .to_http_parts();
            let Ok(payload) = Payload::from_request(&req, &mut pl).await else {
                panic!("no payload");
            };
            let wait = std::time::Duration::from_secs(5);
            let parsed = tokio::time::timeout(wait, parse(&req, payload, 1 << 20, 1 << 20)).await;
            let status = parsed.map(|r| r.map(|b| b.fields).map_err(|e| e.status()));
            let want = if body.ends_with(end) {
                Ok(vec![("x".to_owned(), "val".to_owned())])
            } else {
                Err(400)
            };
            assert_eq!(status.ok(), Some(want), "{body:?}");
        }
    }
}
