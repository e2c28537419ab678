//! Compiled templates: the macro's renderer, or the template's steps interpreted over the
//! values read back as `Ft`s.

use super::{attrs::render_attr_slot, render_child};
use crate::Ft;
use crate::tmpl::{Act, Step, TmplKids};

/// Small, so that it is inlined where elements are rendered (a page's rows are one call each
/// to their own renderer); the interpreted steps are [`render_interpreted`].
#[inline]
pub(super) fn render_tmpl(t: &TmplKids, out: &mut String) {
    // The macro's renderer writes the built markup: not when `ft dev` replaced it.
    let hot = t.tmpl.hot();
    if hot.is_none() && t.slots.render(out) {
        return;
    }
    render_interpreted(t, hot, out);
}

/// The template's steps over the values read back as `Ft`s: values without the macro's
/// renderer, or a template `ft dev` replaced.
fn render_interpreted(t: &TmplKids, hot: Option<&'static crate::hot::Hot>, out: &mut String) {
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
