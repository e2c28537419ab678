//! What ft's macros (at compile time) and ft-core (at run time) must agree on, in one plain
//! library both depend on: the tag lists and the attribute-name mapping.

pub mod names;
pub mod tag_list;
