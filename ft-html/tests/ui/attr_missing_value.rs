use ft_core::prelude::*;
fn main() {
    let _ = Div!("hi", cls = , id = "x");
}
