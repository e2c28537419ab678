//! What ft's macros (at compile time) and ft-html (at run time) must agree on, in one plain
//! library both depend on: the tag lists, the attribute-name mapping and the classes of tags
//! (void, raw text, auto-name, block, whitespace-significant, head, the `A!`/`Form!` presets).

pub mod attrs;
pub mod classes;
pub mod markup;
pub mod names;
pub mod tag_list;
pub mod wire;
