use ft_web::prelude::*;

#[rt("/todos/{id}")]
fn show(id: i64) -> String {
    id.to_string()
}

fn main() {
    let _ = show.to("seven");
}
