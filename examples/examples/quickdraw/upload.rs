//! What a room's Save button sends, checked before anything is stored: the picture as a
//! `data:image/png;base64,...` URL (Fabric.js's `canvas.toDataURL()`) and the canvas as
//! Fabric.js JSON (`canvas.toJSON()`) that loads pictures only from `data:` URLs or this site
//! ([`super::image_sources`]). Anything else is a 400 that says which field is wrong; anything
//! too big a 413.

use base64::Engine;
use ft_web::Error;
use serde_json::Value;

/// The largest PNG accepted, decoded.
pub const MAX_PNG_BYTES: usize = 2 * 1024 * 1024;
/// The largest canvas JSON accepted.
pub const MAX_JSON_BYTES: usize = 2 * 1024 * 1024;
/// The largest side of a picture, in pixels (a 800x600 canvas on a 4x display is 3200x2400).
pub const MAX_SIDE: u32 = 4096;

const DATA_URL_PREFIX: &str = "data:image/png;base64,";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG in a `data:image/png;base64,` URL.
pub fn png_from_data_url(url: &str) -> Result<Vec<u8>, Error> {
    let encoded = url
        .strip_prefix(DATA_URL_PREFIX)
        .ok_or_else(|| Error::bad_request("image: expected a data:image/png;base64 URL"))?;
    if encoded.len() > MAX_PNG_BYTES.div_ceil(3) * 4 {
        return Err(Error::new(413, "image: larger than 2 MiB"));
    }
    let png = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| Error::bad_request("image: the data URL is not valid base64"))?;
    let (w, h) = png_size(&png).ok_or_else(|| Error::bad_request("image: not a PNG"))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(Error::bad_request(format!(
            "image: {w}x{h} pixels; at most {MAX_SIDE} on a side"
        )));
    }
    Ok(png)
}

/// Width and height from a PNG's header: the signature, then the `IHDR` chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || !png.starts_with(PNG_SIGNATURE) || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |at: usize| png[at..at + 4].try_into().ok().map(u32::from_be_bytes);
    Some((be(16)?, be(20)?))
}

/// Fabric.js canvas JSON: an object with an `objects` list. Returned compact, as stored.
pub fn canvas_json(text: &str) -> Result<String, Error> {
    if text.len() > MAX_JSON_BYTES {
        return Err(Error::new(413, "canvas_data: larger than 2 MiB"));
    }
    let v: Value = serde_json::from_str(text)
        .map_err(|e| Error::bad_request(format!("canvas_data: not JSON ({e})")))?;
    if !v.get("objects").is_some_and(Value::is_array) {
        return Err(Error::bad_request(
            "canvas_data: expected Fabric.js canvas JSON (an object with an \"objects\" list)",
        ));
    }
    super::image_sources::check(&v)?;
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid PNG header for a `w` x `h` picture (the rest is not looked at).
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&w.to_be_bytes());
        png.extend_from_slice(&h.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        png
    }

    fn data_url(bytes: &[u8]) -> String {
        format!(
            "{DATA_URL_PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }

    #[test]
    fn a_png_data_url_gives_its_bytes() {
        let png = png_header(800, 600);
        assert_eq!(png_from_data_url(&data_url(&png)).ok(), Some(png));
    }

    #[test]
    fn other_data_is_refused_with_the_reason() {
        let status =
            |url: &str| png_from_data_url(url).map_err(|e| (e.status(), e.message().to_owned()));
        let jpeg = data_url(b"\xff\xd8\xff\xe0 not a png");
        assert_eq!(status(&jpeg), Err((400, "image: not a PNG".into())));
        let (code, msg) = status("data:image/svg+xml;base64,PHN2Zz4=").unwrap_err();
        assert_eq!(code, 400);
        assert!(msg.contains("data:image/png;base64"), "{msg}");
        let (code, msg) = status("data:image/png;base64,@@@not-base64").unwrap_err();
        assert_eq!(
            (code, msg.as_str()),
            (400, "image: the data URL is not valid base64")
        );
        assert_eq!(status("https://example.com/a.png").unwrap_err().0, 400);
        assert_eq!(status(&data_url(&png_header(0, 10))).unwrap_err().0, 400);
        assert_eq!(status(&data_url(&png_header(5000, 10))).unwrap_err().0, 400);
        // Only the first bytes are a header: a truncated one is not a PNG.
        assert_eq!(
            status(&data_url(&png_header(8, 8)[..20])).unwrap_err().0,
            400
        );
    }

    #[test]
    fn a_too_big_picture_is_a_413() {
        let mut big = png_header(800, 600);
        big.resize(MAX_PNG_BYTES + 3, 0);
        let e = png_from_data_url(&data_url(&big)).unwrap_err();
        assert_eq!(e.status(), 413);
        // Just under the limit is fine.
        big.truncate(MAX_PNG_BYTES);
        assert!(png_from_data_url(&data_url(&big)).is_ok());
    }

    #[test]
    fn canvas_json_must_be_a_fabric_canvas() {
        let stored = canvas_json(r#"{ "version": "7.4.0", "objects": [] }"#).expect("valid");
        assert!(!stored.contains(' '), "stored compact: {stored}");
        let back: Value = serde_json::from_str(&stored).expect("JSON");
        assert_eq!(
            back,
            serde_json::json!({ "version": "7.4.0", "objects": [] })
        );
        for bad in [
            "",
            "not json",
            "[]",
            r#"{"objects": 3}"#,
            r#"{"version": "7"}"#,
        ] {
            assert_eq!(canvas_json(bad).map_err(|e| e.status()), Err(400), "{bad}");
        }
        let huge = format!(r#"{{"objects":[],"pad":"{}"}}"#, "x".repeat(MAX_JSON_BYTES));
        assert_eq!(canvas_json(&huge).map_err(|e| e.status()), Err(413));
    }
}
