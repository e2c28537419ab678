use ft_web::prelude::*;

#[derive(FormFields)]
struct Todo {
    title: String,
}

#[rt("/add")]
fn add(todo: Todo, n: Option<u32>) -> String {
    format!("{} {n:?}", todo.title)
}

fn main() {
    // The link has a `todo` method (any type not known by name does), but a struct is not a
    // query value: nothing can be given to it.
    let _ = add.to().n(1).todo(Todo { title: "x".into() });
    // A query value must be of the parameter's type.
    let _ = add.to().n("1");
}
