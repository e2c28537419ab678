//! Compiled templates: the merged markup with the slots' values in between.

use super::{attrs::render_attr_slot, render_child};
use crate::Ft;
use crate::tmpl::{Act, Step, TmplKids};

/// The macro's own renderer when it was written for these steps, else the steps
/// interpreted over the values.
pub(super) fn render_tmpl(t: &TmplKids, out: &mut String) {
    let (steps, unrolled) = t.tmpl.render_plan();
    if unrolled && t.slots.render(steps, out) {
        return;
    }
    match t.slots.as_fts() {
        Some(values) => render_steps(steps, values, out),
        None => render_steps(steps, &t.slots.to_fts(), out),
    }
}

fn render_steps(steps: &[Step], slots: &[Ft], out: &mut String) {
    for step in steps {
        out.push_str(&step.lit);
        match &step.act {
            Act::None => {}
            Act::Child(i) => {
                if let Some(child) = slots.get(*i) {
                    render_child(child, out, false);
                }
            }
            Act::Attr(i, name, prefix) => {
                if let Some(slot) = slots.get(*i) {
                    render_attr_slot(name, prefix, slot, out);
                }
            }
            Act::Repeat { slot, width, body } => {
                if let Some(Ft::Fragment(values)) = slots.get(*slot) {
                    for item in values.chunks_exact(*width) {
                        render_steps(body, item, out);
                    }
                }
            }
        }
    }
}
