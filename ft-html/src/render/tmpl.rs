//! Compiled templates: the macro's renderer, or the template's steps interpreted over the
//! values read back as `Ft`s.

use super::{attrs::render_attr_slot, render_child};
use crate::Ft;
use crate::tmpl::{Act, Step, TmplKids};

pub(super) fn render_tmpl(t: &TmplKids, out: &mut String) {
    // The macro's renderer writes the built markup: not when `ft dev` replaced it.
    let hot = t.tmpl.hot();
    if hot.is_none() && t.slots.render(out) {
        return;
    }
    let steps = hot.map_or_else(|| t.tmpl.steps(), |h| h.steps);
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
                if let Some(child) = slots.get(usize::from(*i)) {
                    render_child(child, out, false);
                }
            }
            Act::Attr(i, name) => {
                if let Some(slot) = slots.get(usize::from(*i)) {
                    render_attr_slot(name, slot, out);
                }
            }
            Act::Repeat { slot, width, body } => {
                if let Some(Ft::Fragment(values)) = slots.get(usize::from(*slot)) {
                    for item in values.chunks_exact(usize::from(*width)) {
                        render_steps(body, item, out);
                    }
                }
            }
        }
    }
}
