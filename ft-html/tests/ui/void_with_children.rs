use ft_core::prelude::*;
fn main() {
    let _ = Input!("text", name = "q");
}
