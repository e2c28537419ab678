//! The attribute names the tag macros check at compile time: HTML's (the WHATWG HTML
//! standard's attribute index: the global attributes, the event handlers, each element's own),
//! SVG's, htmx 2's and htmx 4's, and those of the htmx extensions ft ships (`sse-connect`,
//! `ws-send`, ...). Names are the HTML names the macros compute (`hx_get` is `hx-get`,
//! `accept_charset` is `accept-charset`, `viewBox` is `viewbox`: SPEC 1B lower-cases them).
//!
//! Every list is sorted (a test checks it), so a lookup is a binary search ([`has`]).
//! What is open by design (`data-*`, `aria-*`, `hx-on*`, string keys, custom elements) is
//! decided by the check in ft-macros, not listed here.

/// Whether the sorted list holds `name`.
pub fn has(list: &[&str], name: &str) -> bool {
    list.binary_search(&name).is_ok()
}

/// Which htmx versions' `hx-*` attributes are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Htmx {
    pub v2: bool,
    pub v4: bool,
}

impl Htmx {
    /// htmx 2's and htmx 4's attributes together (the default).
    pub const BOTH: Htmx = Htmx { v2: true, v4: true };
}

/// Whether the tag macros accept the attribute `name` (its HTML name, SPEC 1B) written as
/// an identifier key on the element `tag` (`None`: an element the macro does not know):
/// - names with HTML punctuation (`@click`), `_`, `data-*` and `aria-*` are open;
/// - an `hx-*` name must be htmx's ([`is_htmx`]), on any element;
/// - on an HTML or SVG element the check knows ([`is_known_tag`]), any other name must be one
///   of its attributes ([`is_attr_of`]); on any other element (custom elements, `<math>`,
///   `None`) it is open.
///
/// String keys are never checked (the caller skips them). html2ft writes a string key for a
/// name this refuses, so its output compiles.
pub fn accepts(tag: Option<&str>, name: &str, htmx: Htmx) -> bool {
    if name == "_"
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || name.starts_with("data-")
        || name.starts_with("aria-")
    {
        return true;
    }
    if name.starts_with("hx-") {
        return is_htmx(name, htmx);
    }
    match tag.filter(|t| is_known_tag(t)) {
        Some(tag) => is_attr_of(tag, name),
        None => true,
    }
}

/// Whether an `hx-*` name is htmx's in the versions given, or an extension's: `hx-on-*`
/// (`hx-on--after-request`, `hx-on-click`) and response-targets' `hx-target-*` are open.
///
/// htmx 4 also reads `name:inherited`, `name:append` and `name:inherited:append`, and
/// `hx-status:404`; with FastHTML's `-` meta character (ft's `htmx4(true)` sets it) they are
/// `hx-headers-inherited`, `hx-vals-append`, `hx-status-404`, which are identifiers.
pub fn is_htmx(name: &str, htmx: Htmx) -> bool {
    if name.starts_with("hx-on-")
        || name.starts_with("hx-target-")
        || (htmx.v2 && has(HTMX2, name))
        || (htmx.v4 && has(HTMX4, name))
        || has(HTMX_EXT, name)
    {
        return true;
    }
    if !htmx.v4 {
        return false;
    }
    if name.starts_with("hx-status-") {
        return true;
    }
    ["-inherited-append", "-inherited", "-append"]
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .any(|base| has(HTMX4, base) || has(HTMX_EXT, base))
}

/// Whether `name` is one of the attributes of `tag` (an element [`is_known_tag`] knows):
/// global, event handler, an extension's, its own, or SVG's on an SVG element.
pub fn is_attr_of(tag: &str, name: &str) -> bool {
    has(GLOBAL, name)
        || has(EVENTS, name)
        || has(HTMX_EXT, name)
        || has(FASTHTML, name)
        || has(of_tag(tag), name)
        || (is_svg(tag) && has(SVG, name))
}

/// The SVG element tags (`tag_list::SVG`, in SVG's case) and `<svg>` itself.
pub fn is_svg(tag: &str) -> bool {
    tag == "svg" || crate::tag_list::SVG.iter().any(|(_, t)| *t == tag)
}

/// A tag whose attributes the check knows: the HTML and SVG tags of the tag macros
/// (`<math>` is MathML's: not checked).
pub fn is_known_tag(tag: &str) -> bool {
    use crate::tag_list::{HTML, SVG, VOID};
    tag != "math"
        && [HTML, VOID, SVG]
            .iter()
            .any(|list| list.iter().any(|(_, t)| *t == tag))
}

/// The global attributes: allowed on every HTML element (WHATWG 3.2.6), with the ones
/// other standards make global too (`role` from ARIA, `part`/`exportparts` from CSS Shadow
/// Parts, `xmlns`, RDFa Lite's `property`/`typeof`/.. as Open Graph `<meta>` tags use them).
pub const GLOBAL: &[&str] = &[
    "about",
    "accesskey",
    "autocapitalize",
    "autocorrect",
    "autofocus",
    "class",
    "content",
    "contenteditable",
    "datatype",
    "dir",
    "draggable",
    "enterkeyhint",
    "exportparts",
    "hidden",
    "id",
    "inert",
    "inputmode",
    "is",
    "itemid",
    "itemprop",
    "itemref",
    "itemscope",
    "itemtype",
    "lang",
    "nonce",
    "part",
    "popover",
    "prefix",
    "property",
    "resource",
    "role",
    "slot",
    "spellcheck",
    "style",
    "tabindex",
    "title",
    "translate",
    "typeof",
    "virtualkeyboardpolicy",
    "vocab",
    "writingsuggestions",
    "xmlns",
];

/// FastHTML's own attributes, on any element: `skip` keeps a form control out of
/// `fill_form` (SPEC 1.105; `CheckboxX!`'s hidden input has it, SPEC 1.75).
pub const FASTHTML: &[&str] = &["skip"];

/// The event handler content attributes (WHATWG's index of event handlers, with the pointer,
/// touch, animation, transition and focus events browsers also fire at elements).
pub const EVENTS: &[&str] = &[
    "onabort",
    "onafterprint",
    "onanimationcancel",
    "onanimationend",
    "onanimationiteration",
    "onanimationstart",
    "onauxclick",
    "onbeforecopy",
    "onbeforecut",
    "onbeforeinput",
    "onbeforematch",
    "onbeforepaste",
    "onbeforeprint",
    "onbeforetoggle",
    "onbeforeunload",
    "onblur",
    "oncancel",
    "oncanplay",
    "oncanplaythrough",
    "onchange",
    "onclick",
    "onclose",
    "oncommand",
    "oncontextlost",
    "oncontextmenu",
    "oncontextrestored",
    "oncopy",
    "oncuechange",
    "oncut",
    "ondblclick",
    "ondrag",
    "ondragend",
    "ondragenter",
    "ondragexit",
    "ondragleave",
    "ondragover",
    "ondragstart",
    "ondrop",
    "ondurationchange",
    "onemptied",
    "onended",
    "onerror",
    "onfocus",
    "onfocusin",
    "onfocusout",
    "onformdata",
    "onfullscreenchange",
    "onfullscreenerror",
    "ongotpointercapture",
    "onhashchange",
    "oninput",
    "oninvalid",
    "onkeydown",
    "onkeypress",
    "onkeyup",
    "onlanguagechange",
    "onload",
    "onloadeddata",
    "onloadedmetadata",
    "onloadstart",
    "onlostpointercapture",
    "onmessage",
    "onmessageerror",
    "onmousedown",
    "onmouseenter",
    "onmouseleave",
    "onmousemove",
    "onmouseout",
    "onmouseover",
    "onmouseup",
    "onmousewheel",
    "onoffline",
    "ononline",
    "onpagehide",
    "onpagereveal",
    "onpageshow",
    "onpageswap",
    "onpaste",
    "onpause",
    "onplay",
    "onplaying",
    "onpointercancel",
    "onpointerdown",
    "onpointerenter",
    "onpointerleave",
    "onpointermove",
    "onpointerout",
    "onpointerover",
    "onpointerrawupdate",
    "onpointerup",
    "onpopstate",
    "onprogress",
    "onratechange",
    "onrejectionhandled",
    "onreset",
    "onresize",
    "onscroll",
    "onscrollend",
    "onsearch",
    "onsecuritypolicyviolation",
    "onseeked",
    "onseeking",
    "onselect",
    "onselectionchange",
    "onselectstart",
    "onslotchange",
    "onstalled",
    "onstorage",
    "onsubmit",
    "onsuspend",
    "ontimeupdate",
    "ontoggle",
    "ontouchcancel",
    "ontouchend",
    "ontouchmove",
    "ontouchstart",
    "ontransitioncancel",
    "ontransitionend",
    "ontransitionrun",
    "ontransitionstart",
    "onunhandledrejection",
    "onunload",
    "onvolumechange",
    "onwaiting",
    "onwheel",
];

/// htmx 2's attributes (2.0.7, the version ft ships); `hx-on*` is open (see ft-macros).
pub const HTMX2: &[&str] = &[
    "hx-boost",
    "hx-confirm",
    "hx-delete",
    "hx-disable",
    "hx-disabled-elt",
    "hx-disinherit",
    "hx-encoding",
    "hx-ext",
    "hx-get",
    "hx-headers",
    "hx-history",
    "hx-history-elt",
    "hx-include",
    "hx-indicator",
    "hx-inherit",
    "hx-params",
    "hx-patch",
    "hx-post",
    "hx-preserve",
    "hx-prompt",
    "hx-push-url",
    "hx-put",
    "hx-replace-url",
    "hx-request",
    "hx-select",
    "hx-select-oob",
    "hx-swap",
    "hx-swap-oob",
    "hx-sync",
    "hx-target",
    "hx-trigger",
    "hx-validate",
    "hx-vals",
    "hx-vars",
];

/// htmx 4's attributes (4.0.0); `hx-on*` is open. Its `name:modifier` forms
/// (`hx-status:404`, `hx-target:inherited`) hold a `:`, so they are string keys.
pub const HTMX4: &[&str] = &[
    "hx-action",
    "hx-boost",
    "hx-config",
    "hx-confirm",
    "hx-delete",
    "hx-disable",
    "hx-encoding",
    "hx-get",
    "hx-headers",
    "hx-history-elt",
    "hx-ignore",
    "hx-include",
    "hx-indicator",
    "hx-method",
    "hx-morph-skip",
    "hx-morph-skip-children",
    "hx-patch",
    "hx-post",
    "hx-preserve",
    "hx-push-url",
    "hx-put",
    "hx-query",
    "hx-replace-url",
    "hx-select",
    "hx-select-oob",
    "hx-status",
    "hx-swap",
    "hx-swap-oob",
    "hx-sync",
    "hx-target",
    "hx-trigger",
    "hx-validate",
    "hx-vals",
];

/// The attributes of the htmx extensions ft ships (`ft-web/assets`), for htmx 2 and 4:
/// sse (`sse-connect`, `sse-swap`, `sse-close`), ws (`ws-connect`, `ws-send`), head-support
/// (`hx-head`), preload, class-tools (`classes`), path-deps, remove-me, htmx 4's live,
/// multipart, optimistic and preload, and htmx 4's sse and ws names (`hx-sse:connect`,
/// `hx-ws:send`, written with the `-` meta character). response-targets' `hx-target-*` is open (see ft-macros);
/// loading-states' names are `data-loading*`.
pub const HTMX_EXT: &[&str] = &[
    "classes",
    "hx-head",
    "hx-live",
    "hx-multipart",
    "hx-optimistic",
    "hx-preload",
    "hx-sse-close",
    "hx-sse-connect",
    "hx-ws-connect",
    "hx-ws-send",
    "path-deps",
    "preload",
    "preload-images",
    "remove-me",
    "sse-close",
    "sse-connect",
    "sse-swap",
    "ws-connect",
    "ws-send",
];

/// Each HTML element's own attributes (WHATWG's attribute index), by tag; a tag not listed
/// has the global ones only. The presentational attributes HTML made obsolete but browsers
/// still read, and pages still write (`border` on a table, `align`/`valign`/`width` on cells,
/// `frameborder` on an iframe, `name` on an anchor), are kept on their elements.
pub const PER_TAG: &[(&str, &[&str])] = &[
    (
        "a",
        &[
            "charset",
            "coords",
            "download",
            "href",
            "hreflang",
            "name",
            "ping",
            "referrerpolicy",
            "rel",
            "rev",
            "shape",
            "target",
            "type",
        ],
    ),
    (
        "area",
        &[
            "alt",
            "coords",
            "download",
            "href",
            "hreflang",
            "ping",
            "referrerpolicy",
            "rel",
            "shape",
            "target",
        ],
    ),
    (
        "audio",
        &[
            "autoplay",
            "controls",
            "controlslist",
            "crossorigin",
            "disableremoteplayback",
            "loop",
            "muted",
            "preload",
            "src",
        ],
    ),
    ("base", &["href", "target"]),
    ("blockquote", &["cite"]),
    (
        "body",
        &["alink", "background", "bgcolor", "link", "text", "vlink"],
    ),
    ("br", &["clear"]),
    (
        "button",
        &[
            "command",
            "commandfor",
            "disabled",
            "form",
            "formaction",
            "formenctype",
            "formmethod",
            "formnovalidate",
            "formtarget",
            "name",
            "popovertarget",
            "popovertargetaction",
            "type",
            "value",
        ],
    ),
    ("canvas", &["height", "width"]),
    ("caption", &["align"]),
    ("col", &["align", "span", "valign", "width"]),
    ("colgroup", &["align", "span", "valign", "width"]),
    ("data", &["value"]),
    ("del", &["cite", "datetime"]),
    ("details", &["name", "open"]),
    ("dialog", &["closedby", "open"]),
    ("div", &["align"]),
    ("embed", &["height", "src", "type", "width"]),
    ("fencedframe", &["allow", "height", "width"]),
    ("fieldset", &["disabled", "form", "name"]),
    (
        "form",
        &[
            "accept",
            "accept-charset",
            "action",
            "autocomplete",
            "enctype",
            "method",
            "name",
            "novalidate",
            "rel",
            "target",
        ],
    ),
    ("h1", &["align"]),
    ("h2", &["align"]),
    ("h3", &["align"]),
    ("h4", &["align"]),
    ("h5", &["align"]),
    ("h6", &["align"]),
    ("head", &["profile"]),
    ("hr", &["align", "color", "noshade", "size", "width"]),
    ("html", &["manifest", "version"]),
    (
        "iframe",
        &[
            "allow",
            "allowfullscreen",
            "allowtransparency",
            "credentialless",
            "csp",
            "frameborder",
            "height",
            "loading",
            "marginheight",
            "marginwidth",
            "name",
            "referrerpolicy",
            "sandbox",
            "scrolling",
            "src",
            "srcdoc",
            "width",
        ],
    ),
    (
        "img",
        &[
            "align",
            "alt",
            "border",
            "crossorigin",
            "decoding",
            "fetchpriority",
            "height",
            "hspace",
            "ismap",
            "loading",
            "longdesc",
            "referrerpolicy",
            "sizes",
            "src",
            "srcset",
            "usemap",
            "vspace",
            "width",
        ],
    ),
    (
        "input",
        &[
            "accept",
            "alpha",
            "alt",
            "autocomplete",
            "capture",
            "checked",
            "colorspace",
            "dirname",
            "disabled",
            "form",
            "formaction",
            "formenctype",
            "formmethod",
            "formnovalidate",
            "formtarget",
            "height",
            "list",
            "max",
            "maxlength",
            "min",
            "minlength",
            "multiple",
            "name",
            "pattern",
            "placeholder",
            "popovertarget",
            "popovertargetaction",
            "readonly",
            "required",
            "size",
            "src",
            "step",
            "type",
            "value",
            "webkitdirectory",
            "width",
        ],
    ),
    ("ins", &["cite", "datetime"]),
    ("label", &["for", "form"]),
    ("li", &["type", "value"]),
    (
        "link",
        &[
            "as",
            "blocking",
            "charset",
            "color",
            "crossorigin",
            "disabled",
            "fetchpriority",
            "href",
            "hreflang",
            "imagesizes",
            "imagesrcset",
            "integrity",
            "media",
            "referrerpolicy",
            "rel",
            "rev",
            "sizes",
            "target",
            "type",
        ],
    ),
    ("map", &["name"]),
    ("menu", &["compact"]),
    (
        "meta",
        &[
            "charset",
            "content",
            "http-equiv",
            "media",
            "name",
            "scheme",
        ],
    ),
    ("meter", &["high", "low", "max", "min", "optimum", "value"]),
    (
        "object",
        &["data", "form", "height", "name", "type", "usemap", "width"],
    ),
    ("ol", &["compact", "reversed", "start", "type"]),
    ("optgroup", &["disabled", "label"]),
    ("option", &["disabled", "label", "selected", "value"]),
    ("output", &["for", "form", "name"]),
    ("p", &["align"]),
    ("param", &["name", "value"]),
    ("pre", &["width"]),
    ("progress", &["max", "value"]),
    ("q", &["cite"]),
    (
        "script",
        &[
            "async",
            "blocking",
            "charset",
            "crossorigin",
            "defer",
            "fetchpriority",
            "integrity",
            "language",
            "nomodule",
            "referrerpolicy",
            "src",
            "type",
        ],
    ),
    (
        "select",
        &[
            "autocomplete",
            "disabled",
            "form",
            "multiple",
            "name",
            "required",
            "size",
        ],
    ),
    ("slot", &["name"]),
    (
        "source",
        &["height", "media", "sizes", "src", "srcset", "type", "width"],
    ),
    ("style", &["blocking", "media", "type"]),
    (
        "table",
        &[
            "align",
            "bgcolor",
            "border",
            "cellpadding",
            "cellspacing",
            "frame",
            "rules",
            "summary",
            "width",
        ],
    ),
    ("tbody", &["align", "valign"]),
    (
        "td",
        &[
            "abbr", "align", "axis", "bgcolor", "colspan", "headers", "height", "nowrap",
            "rowspan", "scope", "valign", "width",
        ],
    ),
    (
        "template",
        &[
            "shadowrootclonable",
            "shadowrootcustomelementregistry",
            "shadowrootdelegatesfocus",
            "shadowrootmode",
            "shadowrootserializable",
        ],
    ),
    (
        "textarea",
        &[
            "autocomplete",
            "cols",
            "dirname",
            "disabled",
            "form",
            "maxlength",
            "minlength",
            "name",
            "placeholder",
            "readonly",
            "required",
            "rows",
            "wrap",
        ],
    ),
    ("tfoot", &["align", "valign"]),
    (
        "th",
        &[
            "abbr", "align", "axis", "bgcolor", "colspan", "headers", "height", "nowrap",
            "rowspan", "scope", "valign", "width",
        ],
    ),
    ("thead", &["align", "valign"]),
    ("time", &["datetime"]),
    ("tr", &["align", "bgcolor", "valign"]),
    ("track", &["default", "kind", "label", "src", "srclang"]),
    ("ul", &["compact", "type"]),
    (
        "video",
        &[
            "autoplay",
            "controls",
            "controlslist",
            "crossorigin",
            "disablepictureinpicture",
            "disableremoteplayback",
            "height",
            "loop",
            "muted",
            "playsinline",
            "poster",
            "preload",
            "src",
            "width",
        ],
    ),
];

/// The attributes of an HTML element of its own (not the global ones), if the tag is listed.
pub fn of_tag(tag: &str) -> &'static [&'static str] {
    PER_TAG
        .binary_search_by(|(t, _)| (*t).cmp(tag))
        .map_or(&[], |i| PER_TAG[i].1)
}

/// SVG's attributes (SVG 2 and SVG 1.1's presentation, core, conditional, xlink, animation
/// and filter attributes), lower-cased as FastHTML writes them (`viewBox` is `viewbox`), for
/// the SVG element tags (`G!`, `LinearGradient!`, ..) and `<svg>` itself.
pub const SVG: &[&str] = &[
    "accumulate",
    "additive",
    "alignment-baseline",
    "amplitude",
    "attributename",
    "attributetype",
    "azimuth",
    "basefrequency",
    "baseline-shift",
    "begin",
    "bias",
    "by",
    "calcmode",
    "clip",
    "clip-path",
    "clip-rule",
    "clippathunits",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-rendering",
    "crossorigin",
    "cursor",
    "cx",
    "cy",
    "d",
    "decoding",
    "diffuseconstant",
    "direction",
    "display",
    "divisor",
    "dominant-baseline",
    "download",
    "dur",
    "dx",
    "dy",
    "edgemode",
    "elevation",
    "end",
    "exponent",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "filterunits",
    "flood-color",
    "flood-opacity",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "fr",
    "from",
    "fx",
    "fy",
    "gradienttransform",
    "gradientunits",
    "height",
    "href",
    "hreflang",
    "image-rendering",
    "in",
    "in2",
    "intercept",
    "k1",
    "k2",
    "k3",
    "k4",
    "kernelmatrix",
    "kernelunitlength",
    "keypoints",
    "keysplines",
    "keytimes",
    "lengthadjust",
    "letter-spacing",
    "lighting-color",
    "limitingconeangle",
    "marker-end",
    "marker-mid",
    "marker-start",
    "markerheight",
    "markerunits",
    "markerwidth",
    "mask",
    "mask-type",
    "maskcontentunits",
    "maskunits",
    "max",
    "media",
    "method",
    "min",
    "mode",
    "numoctaves",
    "offset",
    "opacity",
    "operator",
    "order",
    "orient",
    "origin",
    "overflow",
    "paint-order",
    "path",
    "pathlength",
    "patterncontentunits",
    "patterntransform",
    "patternunits",
    "ping",
    "pointer-events",
    "points",
    "pointsatx",
    "pointsaty",
    "pointsatz",
    "preservealpha",
    "preserveaspectratio",
    "primitiveunits",
    "r",
    "radius",
    "referrerpolicy",
    "refx",
    "refy",
    "rel",
    "repeatcount",
    "repeatdur",
    "requiredextensions",
    "requiredfeatures",
    "restart",
    "result",
    "rotate",
    "rx",
    "ry",
    "scale",
    "seed",
    "shape-rendering",
    "side",
    "spacing",
    "specularconstant",
    "specularexponent",
    "spreadmethod",
    "startoffset",
    "stddeviation",
    "stitchtiles",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "surfacescale",
    "systemlanguage",
    "tablevalues",
    "target",
    "targetx",
    "targety",
    "text-anchor",
    "text-decoration",
    "text-rendering",
    "textlength",
    "to",
    "transform",
    "transform-origin",
    "type",
    "unicode-bidi",
    "values",
    "vector-effect",
    "version",
    "viewbox",
    "visibility",
    "width",
    "word-spacing",
    "writing-mode",
    "x",
    "x1",
    "x2",
    "xchannelselector",
    "xlink-href",
    "xlink-title",
    "xml-space",
    "y",
    "y1",
    "y2",
    "ychannelselector",
    "z",
    "zoomandpan",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_sorted_and_without_repeats() {
        let lists: [(&str, &[&str]); 7] = [
            ("GLOBAL", GLOBAL),
            ("FASTHTML", FASTHTML),
            ("EVENTS", EVENTS),
            ("HTMX2", HTMX2),
            ("HTMX4", HTMX4),
            ("HTMX_EXT", HTMX_EXT),
            ("SVG", SVG),
        ];
        for (name, list) in lists.into_iter().chain(PER_TAG.iter().copied()) {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{name} is not sorted");
        }
        assert!(PER_TAG.windows(2).all(|w| w[0].0 < w[1].0), "PER_TAG");
    }

    #[test]
    fn lookups() {
        assert!(has(GLOBAL, "tabindex"));
        assert!(has(EVENTS, "onclick") && !has(EVENTS, "onclik"));
        assert!(has(HTMX2, "hx-ext") && !has(HTMX4, "hx-ext"));
        assert!(has(HTMX4, "hx-action") && !has(HTMX2, "hx-action"));
        assert!(has(of_tag("input"), "placeholder"));
        assert!(has(of_tag("a"), "href") && !has(of_tag("div"), "href"));
        assert!(of_tag("span").is_empty());
        assert!(has(SVG, "viewbox") && has(SVG, "stroke-width"));
        let both = Htmx::BOTH;
        assert!(accepts(Some("div"), "hx-get", both) && !accepts(Some("div"), "hx-gett", both));
        assert!(!accepts(None, "hx-gett", both) && accepts(None, "hreff", both));
        assert!(accepts(Some("my-el"), "anything", both));
        assert!(accepts(Some("div"), "@click", both) && accepts(Some("div"), "data-x", both));
        assert!(!accepts(Some("div"), "n1", both) && !accepts(Some("a"), "hreff", both));
        let v2 = Htmx {
            v2: true,
            v4: false,
        };
        assert!(is_htmx("hx-ext", v2) && !is_htmx("hx-action", v2));
        assert!(is_htmx("sse-connect", v2) && is_htmx("hx-on--load", v2));
        assert!(is_htmx("hx-headers-inherited", both) && is_htmx("hx-vals-inherited-append", both));
        assert!(is_htmx("hx-status-404", both) && is_htmx("hx-ws-connect", both));
        assert!(!is_htmx("hx-headers-inherited", v2) && !is_htmx("hx-status-404", v2));
        assert!(!is_htmx("hx-gett-inherited", both));
        assert!(is_svg("linearGradient") && is_known_tag("td") && !is_known_tag("math"));
    }
}
