//! Arguments are evaluated in the order written, so a value may be borrowed by one argument
//! and moved by a later one, whatever order the HTML puts them in.
use ft_html::prelude::*;

fn main() {
    // The issue's line: the child borrows `tid`, the attribute after it moves it.
    let tid = String::from("t1");
    let li = Li!(A!("x", hx_target = format!("#{tid}")), id = tid);
    assert_eq!(
        li.render(),
        r##"<li id="t1"><a href="#" hx-target="#t1">x</a></li>"##
    );

    // A moved `String` used by a plain child, then by an attribute.
    let name = String::from("n");
    let p = P!(name.len(), title = name);
    assert_eq!(p.render(), r#"<p title="n">1</p>"#);

    // ... by a nested call's attribute, then by the outer call's child.
    let id = String::from("row-1");
    let tr = Tr!(Td!(A!("edit", hx_get = format!("/rows/{id}"))), cls = id.clone(), Td!(id));
    assert_eq!(
        tr.render(),
        r##"<tr class="row-1"><td><a href="#" hx-get="/rows/row-1">edit</a></td><td>row-1</td></tr>"##
    );

    // ... by an attribute of a helper, then by its child.
    let url = String::from("/u");
    let a = A!(hx_get = url.clone(), Span!(url));
    assert_eq!(a.render(), r##"<a href="#" hx-get="/u"><span>/u</span></a>"##);

    // ... by a spread and a child, then by an attribute.
    let v = String::from("1");
    let d = Div!(..[("data_a", v.clone())], v.len(), id = v);
    assert_eq!(d.render(), r#"<div data-a="1" id="1">1</div>"#);

    // ... by a helper's parameter, then by its child.
    let h = String::from("head");
    let card = Card!(header = h.clone(), h);
    assert_eq!(
        card.render(),
        "<article><header>head</header>head</article>"
    );
}
