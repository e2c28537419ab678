//! surreal.js script helpers: `Surreal`, `On!`, `Prev!`, `Now!` and `AnyNow`.

use super::presets::script;
use super::py_dumps;
use crate::Ft;
use serde_json::Value;

/// `Surreal(code)`: a script running `code` once the DOM is ready, with `m` bound to the
/// script's parent (`me()`) and `p` to its previous sibling, for surreal.js (SPEC 1.76).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(Surreal("m.hide()").render().contains("domReadyExecute(() => {\n        m.hide()\n    });"));
/// ```
#[allow(non_snake_case)]
pub fn Surreal(code: impl AsRef<str>) -> Ft {
    script(format!(
        "\n{{\n    const m=me();\n    const _p = document.currentScript.previousElementSibling;\n    const p = _p ? me(_p) : null;\n    domReadyExecute(() => {{\n        {}\n    }});\n}}",
        code.as_ref()
    ))
}

/// A string as a JavaScript string literal (JSON, with non-ASCII as `\u` escapes).
fn js_str(s: &str) -> String {
    py_dumps(&Value::String(s.to_owned()), None)
}

/// The options of `On!` and `Prev!`.
#[derive(Debug, Clone)]
pub struct OnBuilder {
    code: String,
    event: String,
    sel: String,
    me: bool,
}

impl OnBuilder {
    /// A click handler running `code` on the script's parent.
    pub fn new(code: impl AsRef<str>) -> Self {
        OnBuilder {
            code: code.as_ref().to_owned(),
            event: "click".into(),
            sel: String::new(),
            me: true,
        }
    }
    /// The event name (default `click`).
    pub fn event(&mut self, event: impl AsRef<str>) {
        self.event = event.as_ref().to_owned();
    }
    /// The selector: empty for the parent `m`, `-` for the previous sibling `p`, otherwise a
    /// CSS selector searched within `m`.
    pub fn sel(&mut self, sel: impl AsRef<str>) {
        self.sel = sel.as_ref().to_owned();
    }
    /// `me = false` binds every match (`any(..)`) instead of the first (`me(..)`).
    pub fn me(&mut self, me: bool) {
        self.me = me;
    }
    /// The script.
    pub fn build(&self) -> Ft {
        let sel = match self.sel.as_str() {
            "-" => "p".to_owned(),
            "" => "m".to_owned(),
            s => format!("{}({}, m)", if self.me { "me" } else { "any" }, js_str(s)),
        };
        Surreal(format!(
            "\n{sel}.on({}, async ev=>{{\n    let e = me(ev);\n    {}\n}});",
            js_str(&self.event),
            self.code
        ))
    }
}

/// `On!(code, event?, sel?, me = bool)`: a surreal.js async event handler (SPEC 1.77). The
/// selector is empty for the script's parent `m`, `"-"` for the previous sibling `p`, else a
/// CSS selector inside `m` (`me = false`: all matches).
///
/// Deliberate difference: the event and selector are written as JSON string literals, so a
/// `"` in them cannot break out of the string (same output for ordinary names).
///
/// ```
/// use ft_html::prelude::*;
/// let s = On!("x()", "input", ".b", me = false).render();
/// assert!(s.contains("any(\".b\", m).on(\"input\", async ev=>{\n    let e = me(ev);\n    x()\n});"));
/// ```
#[macro_export]
macro_rules! On {
    ($code:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::OnBuilder::new($code);
        $crate::__ft_opts!(__b [event, sel] $($($rest)*)?);
        __b.build()
    }};
}

/// `Prev!(code, event?)`: `On!` for the script's previous sibling `p` (SPEC 1.78).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(Prev!("e.hide()").render().contains("\np.on(\"click\", async ev=>{"));
/// ```
#[macro_export]
macro_rules! Prev {
    ($code:expr $(, $($rest:tt)*)?) => {{
        let mut __b = $crate::xtend::OnBuilder::new($code);
        __b.sel("-");
        $crate::__ft_opts!(__b [event] $($($rest)*)?);
        __b.build()
    }};
}

/// The options of `Now!`.
#[derive(Debug, Clone)]
pub struct NowBuilder {
    code: String,
    sel: String,
}

impl NowBuilder {
    /// Runs `code` at once with `e` bound to the script's parent.
    pub fn new(code: impl AsRef<str>) -> Self {
        NowBuilder {
            code: code.as_ref().to_owned(),
            sel: String::new(),
        }
    }
    /// A selector for `e` instead of the parent.
    pub fn sel(&mut self, sel: impl AsRef<str>) {
        self.sel = sel.as_ref().to_owned();
    }
    /// The script.
    pub fn build(&self) -> Ft {
        let sel = if self.sel.is_empty() {
            String::new()
        } else {
            js_str(&self.sel)
        };
        script(format!(
            "(async (ee = me({sel})) => {{\nlet e = me(ee);\n{}\n}})()\n",
            self.code
        ))
    }
}

/// `Now!(code, sel?)`: an async surreal.js block run at once, with `e` = `me(sel)`
/// (SPEC 1.79). The selector is written as a JSON string literal.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Now!("e.x()", "#a").render(),
///     "<script>(async (ee = me(\"#a\")) => {\nlet e = me(ee);\ne.x()\n})()\n</script>"
/// );
/// ```
#[macro_export]
macro_rules! Now {
    ($code:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::NowBuilder::new($code);
        $crate::__ft_opts!(__b [sel] $($($rest)*)?);
        __b.build()
    }};
}

/// `AnyNow(sel, code)`: an async surreal.js block run at once with `e` = `any(sel)`
/// (SPEC 1.79). The selector is written as a JSON string literal.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     AnyNow(".b", "e.y()").render(),
///     "<script>(async (e = any(\".b\")) => {\ne.y()\n})()\n</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn AnyNow(sel: impl AsRef<str>, code: impl AsRef<str>) -> Ft {
    script(format!(
        "(async (e = any({})) => {{\n{}\n}})()\n",
        js_str(sel.as_ref()),
        code.as_ref()
    ))
}
