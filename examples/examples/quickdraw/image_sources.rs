//! Where a saved canvas may load pictures from. Fabric.js JSON can name any URL as an image's
//! `src` (an image object, `backgroundImage`, `overlayImage`) or a pattern's `source`, and
//! `loadFromJSON` fetches it in every visitor's browser: a saved drawing could make them fetch
//! a tracker or a third-party URL. Only `data:` pictures and paths on this site are allowed:
//! a save naming anything else is refused, and a canvas stored before this check loads
//! without those parts.

use ft_web::Error;
use serde_json::{Map, Value};

/// The keys under which Fabric.js loads a URL.
const URL_KEYS: [&str; 2] = ["src", "source"];

/// The `data:` pictures a canvas may hold (what `toDataURL` and pasted pictures give).
const DATA_IMAGES: [&str; 4] = [
    "data:image/png;",
    "data:image/jpeg;",
    "data:image/gif;",
    "data:image/webp;",
];

/// Is `url` a `data:` picture or a path on this site (`/...`, not `//host/...`)?
pub fn allowed(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    if DATA_IMAGES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // Browsers read `\` as `/` and skip tabs and newlines in URLs: `/\host` and `/\t/host`
    // are other hosts.
    let path: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

/// The first URL a canvas would load from elsewhere, if any.
pub fn first_foreign(v: &Value) -> Option<&str> {
    match v {
        Value::Array(items) => items.iter().find_map(first_foreign),
        Value::Object(map) => foreign_here(map).or_else(|| map.values().find_map(first_foreign)),
        _ => None,
    }
}

/// Refuses (400) a canvas that would load a picture from elsewhere.
pub fn check(v: &Value) -> Result<(), Error> {
    match first_foreign(v) {
        Some(url) => Err(Error::bad_request(format!(
            "canvas_data: images must be data: URLs or paths on this site, not {url:?}"
        ))),
        None => Ok(()),
    }
}

/// `json` without the parts that would load a picture from elsewhere: an object naming such
/// a URL is left out of its list or its parent. JSON that does not parse is `{}` (an empty
/// canvas).
pub fn strip_foreign(json: &str) -> String {
    match serde_json::from_str::<Value>(json) {
        Ok(mut v) => {
            strip(&mut v);
            v.to_string()
        }
        Err(_) => "{}".to_owned(),
    }
}

fn foreign_here(map: &Map<String, Value>) -> Option<&str> {
    URL_KEYS
        .iter()
        .filter_map(|k| map.get(*k)?.as_str())
        .find(|url| !allowed(url))
}

fn strip(v: &mut Value) {
    let names_foreign = |x: &Value| x.as_object().and_then(foreign_here).is_some();
    match v {
        Value::Array(items) => {
            items.retain(|x| !names_foreign(x));
            items.iter_mut().for_each(strip);
        }
        Value::Object(map) => {
            map.retain(|k, x| {
                let foreign_url =
                    URL_KEYS.contains(&k.as_str()) && x.as_str().is_some_and(|u| !allowed(u));
                !foreign_url && !names_foreign(x)
            });
            map.values_mut().for_each(strip);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_data_pictures_and_local_paths_are_allowed() {
        for ok in [
            "data:image/png;base64,iVBO",
            "DATA:image/jpeg;base64,/9j/",
            "/drawings/1.png",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "https://tracker.example/p.gif",
            "http://127.0.0.1:9/x.png",
            "//tracker.example/p.gif",
            "/\\tracker.example/p.gif",
            "/\t/tracker.example/p.gif",
            "data:text/html,<script>",
            "data:image/svg+xml,<svg/>",
            "javascript:alert(1)",
            "p.gif",
            "",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
    }

    #[test]
    fn foreign_pictures_anywhere_in_the_canvas_are_found_and_stripped() {
        let canvas = json!({
            "objects": [
                {"type": "Path", "path": [["M", 1, 2]]},
                {"type": "Image", "src": "https://a.example/1.png"},
                {"type": "Group", "objects": [
                    {"type": "Image", "src": "data:image/png;base64,AA"},
                    {"type": "Rect", "fill": {"type": "pattern", "source": "//b.example/2.png"}}
                ]}
            ],
            "backgroundImage": {"type": "Image", "src": "http://c.example/3.png"}
        });
        assert!(first_foreign(&canvas).is_some_and(|u| u.contains(".example/")));
        assert_eq!(check(&canvas).unwrap_err().status(), 400);
        let clean: Value = serde_json::from_str(&strip_foreign(&canvas.to_string())).unwrap();
        assert_eq!(
            clean,
            json!({
                "objects": [
                    {"type": "Path", "path": [["M", 1, 2]]},
                    {"type": "Group", "objects": [
                        {"type": "Image", "src": "data:image/png;base64,AA"},
                        {"type": "Rect"}
                    ]}
                ]
            })
        );
        assert_eq!(first_foreign(&clean), None);
        assert_eq!(strip_foreign("not json"), "{}");
    }
}
