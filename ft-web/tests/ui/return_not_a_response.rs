use ft_web::prelude::*;

struct Report;

#[rt("/report")]
fn report() -> Report {
    Report
}

fn main() {}
