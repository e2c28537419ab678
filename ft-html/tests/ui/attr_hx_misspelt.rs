use ft_html::prelude::*;
fn main() {
    let _ = Div!(hx_gett = "/x");
}
