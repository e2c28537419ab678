use ft_web::prelude::*;

struct Widget;

#[rt("/w")]
fn widget(w: Widget) -> String {
    let _ = w;
    String::new()
}

fn main() {}
