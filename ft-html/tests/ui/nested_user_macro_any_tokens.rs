// A user macro named like a tag macro that takes any tokens: it accepts the outer macro's
// resolution check, and the value it gives is refused at the nested call.
use ft_html::prelude::*;

macro_rules! Td {
    ($($t:tt)*) => {
        ft_html::Td!(cls = "mine")
    };
}

fn main() {
    let _ = Tr!(P!("a"), Td!(1));
}
