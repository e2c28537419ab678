// One of ft's helpers imported under a tag's name and nested in a tag macro: refused at the
// nested call (the outer macro would otherwise compile it as the plain `<g>` tag).
use ft_html::prelude::*;
use ft_html::svg::Circle as G;

fn main() {
    let _ = Svg!(G!(5, fill = "red"), Defs!());
}
