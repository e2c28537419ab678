use ft_html::prelude::*;
fn main() {
    // A path being typed after a misspelt attribute: both errors, in source order.
    let _ = A!(P!("x"), hfer = "/a", std::);
}
