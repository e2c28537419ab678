// `#[ft_web::test]` runs an async body: a plain fn is pointed at.
#[ft_web::test]
fn plain() {}

fn main() {}
