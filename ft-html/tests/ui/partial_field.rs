use ft_html::prelude::*;
struct Todo {
    title: String,
}
fn main() {
    let t = Todo { title: "x".into() };
    // A field being typed, in a nested call: the error is at `t.`, not at the whole call.
    let _ = Div!(P!(t.title.clone()), Span!(t.));
}
