use ft_core::prelude::*;
fn main() {
    let _ = Div!(cls = "a", klass = "b");
}
