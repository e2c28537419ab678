//! Attributes: ` name="value"`, with names HTML cannot hold dropped, values escaped and
//! quoted as FastHTML does, and run-time values that could run script made inert.

use crate::Ft;
use crate::attr::AttrRef;
use crate::escape;
use crate::text::write_float;
use crate::tmpl::slot_attr_ref;

/// ` name="value"` from an attribute slot (nothing for `None`, `false`).
pub(crate) fn render_attr_slot(name: &str, slot: &Ft, out: &mut String) {
    if let Some(v) = slot_attr_ref(slot) {
        render_attr_value(name, v, out);
    }
}

/// ` name="value"` from a template's attribute value (nothing for `false`); the name was
/// checked when the template was compiled.
#[inline]
pub(crate) fn render_attr_value(name: &str, v: AttrRef<'_>, out: &mut String) {
    write_valid_attr(name, v, out);
}

use ft_tags::markup::valid_attr_name as valid_name;

/// ` name="value"` (or ` name`, or nothing for `false` and names HTML cannot hold).
pub(crate) fn write_attr_ref(name: &str, value: AttrRef<'_>, out: &mut String) {
    if valid_name(name) {
        write_valid_attr(name, value, out);
    }
}

/// ` name="value"` (or ` name`, or nothing for `false`) for a name known to be valid; a bool
/// `value` is `value="true"`/`value="false"`.
fn write_valid_attr(name: &str, value: AttrRef<'_>, out: &mut String) {
    if let AttrRef::Bool(b) = value
        && name == "value"
    {
        // A bare or missing `value` submits "" (or "on"): a bool sent in a form must say
        // which it is, as `FromParam for bool` reads it back.
        out.push_str(if b {
            " value=\"true\""
        } else {
            " value=\"false\""
        });
        return;
    }
    if matches!(value, AttrRef::Bool(false)) {
        return;
    }
    out.push(' ');
    out.push_str(name);
    match value {
        AttrRef::Bool(_) => {}
        AttrRef::Int(n) => quoted(out, itoa::Buffer::new().format(n)),
        AttrRef::UInt(n) => quoted(out, itoa::Buffer::new().format(n)),
        AttrRef::Float(f) => {
            out.push_str("=\"");
            write_float(out, f);
            out.push('"');
        }
        AttrRef::Text(s) => {
            out.push('=');
            write_text_value(name, s, out);
        }
        AttrRef::Trusted(s) => {
            out.push('=');
            escape::attr_value(out, s);
        }
    }
}

/// The quoted value of a run-time string attribute (`"value"`, as `write_valid_attr` writes
/// it after ` name=`).
#[inline]
pub(crate) fn write_text_value(name: &str, s: &str, out: &mut String) {
    escape::attr_value(out, blocked(name, s).unwrap_or(s));
}

/// ` name="value"` for a run-time string under a name known to be valid: what
/// `write_valid_attr` writes for [`AttrRef::Text`], for a value not held in a `Str`.
#[inline]
pub(crate) fn write_text_attr(name: &str, s: &str, out: &mut String) {
    out.push(' ');
    out.push_str(name);
    out.push('=');
    write_text_value(name, s, out);
}

/// `="digits"`.
fn quoted(out: &mut String, digits: &str) {
    out.push_str("=\"");
    out.push_str(digits);
    out.push('"');
}

/// The inert replacement of a run-time value that could run script (an unsafe URL in a URL
/// attribute, a `js:` prefix in `hx-vals`). A value without `:` has neither, so the name
/// and scheme checks are skipped for most values (ids, paths, words).
fn blocked(name: &str, value: &str) -> Option<&'static str> {
    if !value.as_bytes().contains(&b':') {
        return None;
    }
    escape::unsafe_value_replacement(name, value)
}
