use ft_core::prelude::*;
fn main() {
    let _ = Div!(hx_get => "/x");
}
