use ft_html::prelude::*;
fn main() {
    // `placeholder` is an attribute of `<input>` and `<textarea>`, not of `<div>`.
    let _ = Div!(placeholder = "x");
}
