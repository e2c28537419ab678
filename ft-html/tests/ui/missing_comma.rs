use ft_core::prelude::*;
fn main() {
    let _ = Div!(P!("a") P!("b"));
}
