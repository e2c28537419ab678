use ft_html::prelude::*;
fn main() {
    // Not an htmx attribute of htmx 2 or 4, nor close to one.
    let _ = Div!(hx_frobnicate = "1");
}
