// A `format!` of the user's own that does not give a `String`, given as a tag macro's child
// or attribute value: a compile error at the call (inside a tag macro, `format!` with a string
// literal is std's `format!`, and the call as written is checked to be one).
use ft_html::prelude::*;

/// The length of the text.
macro_rules! format {
    ($($t:tt)*) => {
        ::std::format!($($t)*).len()
    };
}

fn main() {
    let n = 5;
    // In a template: kept as pieces.
    let _ = Tr!(Td!(format!("{}", n)), Td!("x"));
    // Without a template: built into a `Str`.
    let _ = P!(cls = format!("c{n}"));
}
