//! SVG's camel-case attribute names: `svg_attr_name` gives a lower-cased name its case back.

use std::borrow::Cow;

/// SVG's camel-case attribute names, keyed by their lower-case form (the HTML parser's own
/// SVG attribute adjustment table).
const SVG_CAMEL_ATTRS: &[&str] = &[
    "attributeName",
    "attributeType",
    "baseFrequency",
    "baseProfile",
    "calcMode",
    "clipPathUnits",
    "diffuseConstant",
    "edgeMode",
    "filterUnits",
    "glyphRef",
    "gradientTransform",
    "gradientUnits",
    "kernelMatrix",
    "kernelUnitLength",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lengthAdjust",
    "limitingConeAngle",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "maskContentUnits",
    "maskUnits",
    "numOctaves",
    "pathLength",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "preserveAlpha",
    "preserveAspectRatio",
    "primitiveUnits",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "specularConstant",
    "specularExponent",
    "spreadMethod",
    "startOffset",
    "stdDeviation",
    "stitchTiles",
    "surfaceScale",
    "systemLanguage",
    "tableValues",
    "targetX",
    "targetY",
    "textLength",
    "viewBox",
    "viewTarget",
    "xChannelSelector",
    "yChannelSelector",
    "zoomAndPan",
];

/// The SVG spelling of an attribute name: a lower-cased camel-case SVG attribute gets its case
/// back (`viewbox` -> `viewBox`, `preserveaspectratio` -> `preserveAspectRatio`); every other
/// name is returned unchanged.
///
/// ```
/// use ft_html::svg::svg_attr_name;
/// assert_eq!(svg_attr_name("viewbox"), "viewBox");
/// assert_eq!(svg_attr_name("stddeviation"), "stdDeviation");
/// assert_eq!(svg_attr_name("stroke-width"), "stroke-width");
/// ```
pub fn svg_attr_name(name: &str) -> Cow<'static, str> {
    match SVG_CAMEL_ATTRS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(name))
    {
        Some(a) => Cow::Borrowed(a),
        None => Cow::Owned(name.to_owned()),
    }
}

pub(super) fn svg_case(name: Cow<'static, str>) -> Cow<'static, str> {
    match SVG_CAMEL_ATTRS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&name))
    {
        Some(a) => Cow::Borrowed(a),
        None => name,
    }
}
