//! What a template's unrolled renderer calls: the tag macros write, for each template, a
//! function that renders its steps in order (markup, then the value of the step's slot), so
//! that rendering costs no dispatch per step and no bounds check per slot. The steps' markup
//! is still prepared by the renderer on first use ([`crate::tmpl`]); the function is used
//! only when the steps have the shape it was written for.

use crate::Ft;
use crate::render::{render_attr_slot, render_child};
use crate::tmpl::{Act, Step};

/// The step's markup.
#[inline(always)]
pub fn lit(step: &Step, out: &mut String) {
    step.lit.write(out);
}

/// A child slot's value.
#[inline(always)]
pub fn child(slot: &Ft, out: &mut String) {
    render_child(slot, out, false);
}

/// An attribute slot's ` name="value"` (the name is the step's).
#[inline(always)]
pub fn attr(step: &Step, slot: &Ft, out: &mut String) {
    if let Act::Attr(_, name, prefix) = &step.act {
        render_attr_slot(name, prefix, slot, out);
    }
}

/// A loop's own steps and its items (`W` values each), when `step` is a loop and `slot` holds
/// its values.
#[inline(always)]
pub fn items<'a, const W: usize>(
    step: &'a Step,
    slot: &'a Ft,
) -> Option<(&'a [Step], &'a [[Ft; W]])> {
    match (&step.act, slot) {
        (Act::Repeat { body, .. }, Ft::Fragment(values)) => Some((body, values.as_chunks::<W>().0)),
        _ => None,
    }
}

/// The markup after the last value, if any (the steps past the first `k`).
#[inline(always)]
pub fn tail(steps: &[Step], k: usize, out: &mut String) {
    if let Some(rest) = steps.get(k..) {
        for step in rest {
            step.lit.write(out);
        }
    }
}
