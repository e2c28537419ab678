use ft_html::prelude::*;
struct User {
    name: String,
}
fn main() {
    let u = User { name: "a".into() };
    let _ = Div!(u);
}
