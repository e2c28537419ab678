use ft_html::prelude::*;
fn main() {
    let _ = Div!(cls = "a", klass = "b");
}
