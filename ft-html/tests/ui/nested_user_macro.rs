// A macro of the user's own named like a tag macro, nested in a tag macro: refused at the
// nested call (the outer macro would otherwise compile it as ft's `<td>`).
use ft_html::prelude::*;

/// A right-aligned number cell.
macro_rules! Td {
    ($n:expr) => {
        ft_html::Td!($n, cls = "num")
    };
}

fn main() {
    let _ = Tr!(Td!(1), Td!(2));
}
