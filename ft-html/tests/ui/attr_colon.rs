use ft_html::prelude::*;
fn main() {
    let _ = Div!("hi", cls: "x");
}
