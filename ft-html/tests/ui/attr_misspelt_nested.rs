use ft_html::prelude::*;
fn main() {
    // Nested calls are compiled into the outer template; a refused name is still reported
    // at the nested call's attribute.
    let _ = Ul!(Li!(A!("x", hreff = "/x")), id = "l");
}
