//! What a template's unrolled renderer calls: for each template the tag macros write a
//! [`SlotSet`](crate::typed::SlotSet) whose `render` writes the steps in order (markup, then
//! the typed value of the step's slot), so that rendering costs no dispatch per step, no
//! dispatch on a value's kind and no bounds check per slot. The steps' markup is still
//! prepared by the renderer on first use ([`crate::tmpl`]); the renderer is used only when
//! the steps have the shape it was written for.

use crate::tmpl::{Act, Step};
use crate::typed::SlotValue;

/// The step's markup.
#[inline]
pub fn lit(step: &Step, out: &mut String) {
    out.push_str(&step.lit);
}

/// A child slot's value.
#[inline]
pub fn child<V: SlotValue>(value: &V, out: &mut String) {
    value.child(out);
}

/// An attribute slot's ` name="value"` (the name is the step's).
#[inline]
pub fn attr<V: SlotValue>(step: &Step, value: &V, out: &mut String) {
    if let Act::Attr(_, name, prefix) = &step.act {
        value.attr(name, prefix, out);
    }
}

/// A loop's own steps, when `step` is a loop.
#[inline]
pub fn body(step: &Step) -> Option<&[Step]> {
    match &step.act {
        Act::Repeat { body, .. } => Some(body),
        _ => None,
    }
}

/// The markup after the last value, if any (the steps past the first `k`).
#[inline]
pub fn tail(steps: &[Step], k: usize, out: &mut String) {
    if let Some(rest) = steps.get(k..) {
        for step in rest {
            out.push_str(&step.lit);
        }
    }
}
