//! JSON as Python writes it: `py_dumps`, and `to_json_value` for any serialisable value.

use serde_json::Value;

/// Any serialisable value as JSON, for `run_js!` arguments (`null` if it cannot be encoded,
/// e.g. a map with non-string keys).
///
/// ```
/// use ft_html::xtend::to_json_value;
/// assert_eq!(to_json_value(&vec![1, 2]), serde_json::json!([1, 2]));
/// ```
pub fn to_json_value<T: serde::Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// JSON as Python's `json.dumps` writes it: `", "`/`": "` separators (or newlines and
/// `indent` spaces per level), non-ASCII as `\uXXXX`. Object keys come in `serde_json`'s
/// order (sorted).
///
/// ```
/// use ft_html::xtend::py_dumps;
/// let v = serde_json::json!({"a": [1, 2.5e-7], "b": "é"});
/// assert_eq!(py_dumps(&v, None), r#"{"a": [1, 2.5e-07], "b": "\u00e9"}"#);
/// assert_eq!(py_dumps(&v, Some(1)), "{\n \"a\": [\n  1,\n  2.5e-07\n ],\n \"b\": \"\\u00e9\"\n}");
/// ```
pub fn py_dumps(v: &Value, indent: Option<usize>) -> String {
    let mut out = String::new();
    write_json(&mut out, v, indent, 0);
    out
}

fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A float as Python's `repr` writes it: shortest digits, fixed notation for exponents
/// -4..16 (`1e16` -> `1e+16`, `1.5e-07`).
fn write_py_float(out: &mut String, f: f64) {
    crate::text::write_py_float(out, f, ["NaN", "Infinity", "-Infinity"]);
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(n) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n * level));
    }
}

pub(super) fn write_json_object<'a>(
    out: &mut String,
    items: impl ExactSizeIterator<Item = (&'a str, &'a Value)>,
    indent: Option<usize>,
    level: usize,
) {
    if items.len() == 0 {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in items.enumerate() {
        if i > 0 {
            out.push_str(if indent.is_some() { "," } else { ", " });
        }
        newline(out, indent, level + 1);
        write_json_str(out, k);
        out.push_str(": ");
        write_json(out, v, indent, level + 1);
    }
    newline(out, indent, level);
    out.push('}');
}

fn write_json(out: &mut String, v: &Value, indent: Option<usize>, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
            Some(f) => write_py_float(out, f),
            None => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_json_str(out, s),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(if indent.is_some() { "," } else { ", " });
                }
                newline(out, indent, level + 1);
                write_json(out, x, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Object(m) => {
            write_json_object(out, m.iter().map(|(k, v)| (k.as_str(), v)), indent, level)
        }
    }
}
