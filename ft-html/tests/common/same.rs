//! The check shared by the compiled-template tests: markup compiled by the tag macros and the
//! same markup built one node at a time render, serialize and read back alike.

use ft_html::prelude::*;

/// Equal HTML, equal XML, equal trees, equal children.
pub fn same(compiled: Ft, built: Ft) {
    assert_eq!(compiled.render(), built.render());
    assert_eq!(compiled.to_xml(), built.to_xml());
    assert_eq!(compiled, built);
    assert_eq!(compiled.children(), built.children());
}
