use ft_web::prelude::*;

#[rt("/x", metods = ["get"])]
fn x() -> String {
    String::new()
}

fn main() {}
