//! FastHTML's extension components (`fasthtml.xtend`, SPEC 1H): tags with sensible defaults
//! (`A!`, `Form!`, `Hidden!`, `Script!`, `Style!`, `AX!`, `CheckboxX!`), page helpers
//! (`Titled!`, `Html!`, `Socials!`, `Favicon`, `LdJson`, `YouTubeEmbed!`), script helpers
//! (`On!`, `Now!`, `run_js!`, `HtmxOn`, `jsd!`, `ScriptX`, ...) and small utilities
//! (`loose_format`, `py_dumps`, `clear`, `File`, `upload_pb_attrs`).
//!
//! Helpers that are a tag with defaults take children and `name = value` attributes like any
//! tag macro. Helpers with FastHTML keyword options (`On!`, `Socials!`, `jsd!`,
//! `YouTubeEmbed!`) take them as `name = value` too; an unknown option is a compile error
//! where FastHTML would raise a `TypeError`.
//!
//! Deliberate differences from FastHTML are listed in each item's documentation. The main
//! one: script and style content is never able to end its element early. The renderer
//! writes `<script>`/`<style>` content unescaped but breaks up `</script`, `</style` and
//! `<!--` (`<\/script`), which JavaScript and CSS read the same, so user data inside a
//! `Script!`, `run_js!` or `Style!` cannot inject markup (FastHTML can, SPEC 1.81).

mod case;
mod controls;
mod format;
mod head;
mod htmx;
mod jsd;
mod json;
mod page;
mod presets;
mod raw;
mod run_js;
mod surreal;
mod youtube;

pub use controls::{AxBuilder, CheckboxXBuilder};
pub use format::{loose_format, replace_css_vars};
pub use head::{Favicon, LdJson, LdWebsite, SocialsBuilder};
pub use htmx::{HtmxOn, clear, upload_pb_attrs};
pub use jsd::Jsd;
pub use json::{py_dumps, to_json_value};
pub use page::{HtmlBuilder, TitledBuilder};
pub use presets::Preset;
pub use raw::{File, Nbsp, ScriptX, StyleX};
pub use run_js::run_js;
pub use surreal::{AnyNow, NowBuilder, OnBuilder, Surreal};
pub use youtube::YouTubeEmbedBuilder;

/// Calls `builder.name(value)` for each `name = value`, and the listed methods for positional
/// arguments in order. An unknown name is a "no method named .." compile error.
#[doc(hidden)]
#[macro_export]
macro_rules! __ft_opts {
    ($b:ident [$($m:ident),*]) => {};
    ($b:ident [$($m:ident),*] $k:ident = $v:expr $(, $($rest:tt)*)?) => {
        $b.$k($v);
        $crate::__ft_opts!($b [$($m),*] $($($rest)*)?);
    };
    ($b:ident [$m:ident $(, $ms:ident)*] $e:expr $(, $($rest:tt)*)?) => {
        $b.$m($e);
        $crate::__ft_opts!($b [$($ms),*] $($($rest)*)?);
    };
}
