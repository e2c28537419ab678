use ft_html::prelude::*;
struct Point(i32, i32);
fn main() {
    let _ = Div!(data_point = Point(1, 2));
}
