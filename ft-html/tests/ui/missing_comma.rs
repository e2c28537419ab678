use ft_html::prelude::*;
fn main() {
    let _ = Div!(P!("a") P!("b"));
}
