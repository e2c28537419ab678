use ft_web::prelude::*;

#[rt("/search")]
fn search(q: String, page: Option<u32>) -> String {
    format!("{q} {page:?}")
}

fn main() {
    let _ = search.to("rust").page(2).sort("asc");
}
