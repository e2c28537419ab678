//! The code paths built on `unsafe` (inline `Str`s and fixed-size copies, writes into a
//! buffer's spare room, the per-thread pools of children vectors and attribute lists), driven
//! with input of every length and with trees that cross threads. Every output is checked
//! against a plain reference; run the binary under `valgrind` too, which also sees reads
//! of uninitialised bytes and writes past an allocation.

use ft_html::prelude::*;
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Strings of 0..=30 characters mixing ASCII, 2-, 3- and 4-byte characters and the bytes
/// the renderer treats specially, starting at every offset of the cycle.
fn hostile_strings() -> Vec<String> {
    const CYCLE: [char; 10] = ['a', 'é', '€', '😀', '<', '&', '>', '"', ':', '\''];
    let mut out = vec![];
    for start in 0..CYCLE.len() {
        for n in 0..=30 {
            out.push((0..n).map(|i| CYCLE[(start + i) % CYCLE.len()]).collect());
        }
    }
    // Plain ASCII around the inline size and the 16/32-byte copy limits.
    out.extend((0..=40).map(|n| "x".repeat(n)));
    out
}

fn esc_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// ` name="value"`, or `'value'` (with `'` escaped) when the value holds `"` (SPEC 1.23).
fn attr_ref(name: &str, v: &str) -> String {
    let q = if v.contains('"') { '\'' } else { '"' };
    let mut e = esc_text(v);
    if q == '\'' {
        e = e.replace('\'', "&#39;");
    }
    format!(" {name}={q}{e}{q}")
}

fn tag_names() -> Vec<String> {
    let mut t: Vec<String> = [1usize, 2, 12, 13, 14, 15, 29, 30, 31]
        .iter()
        .map(|&n| "q".repeat(n))
        .collect();
    t.extend(["td".into(), "ñandú".into(), "é".repeat(7), "x-€".into()]);
    t
}

/// Renders into a buffer with no spare room, so that the first reservation is exact and a
/// write past it leaves the allocation.
fn render_tight(ft: &Ft) -> String {
    let mut out = String::new();
    ft.render_into(&mut out);
    out
}

#[test]
fn text_of_every_length_in_every_tag_shape() {
    let texts = hostile_strings();
    for tag in tag_names() {
        for text in &texts {
            for kind in 0..3 {
                let s = match kind {
                    0 => Str::new(text),
                    1 => Str::from(text.clone()),
                    _ => Str::format(format_args!("{text}")),
                };
                let mut el = Element::new(tag.clone());
                el.push(Ft::Text(Text::Str(s.clone())));
                let want = format!("<{tag}>{}</{tag}>", esc_text(text));
                assert_eq!(render_tight(&Ft::Element(el.clone())), want);
                // Several children (the children loop), and raw markup.
                let mut two = Element::new(tag.clone());
                two.push((Ft::Text(Text::Str(s.clone())), Ft::Element(el)));
                assert_eq!(
                    render_tight(&Ft::Element(two)),
                    format!("<{tag}>{}{want}</{tag}>", esc_text(text))
                );
                assert_eq!(render_tight(&Ft::Raw(Raw(s))), *text);
            }
        }
    }
}

#[test]
fn attributes_of_every_name_and_value_length() {
    let values = hostile_strings();
    for name_len in [1usize, 2, 7, 15, 16, 17, 28, 31, 32, 33, 40] {
        let name = "d".repeat(name_len);
        for v in &values {
            for trusted in [false, true] {
                let s = Str::new(v);
                let value = if trusted {
                    AttrValue::Trusted(s)
                } else {
                    AttrValue::Text(s)
                };
                let mut el = Element::new_static("b", false);
                el.put(Cow::Owned(name.clone()), Some(value));
                el.push("t");
                let want = format!("<b{}>t</b>", attr_ref(&name, v));
                assert_eq!(render_tight(&Ft::Element(el.clone())), want);
                let mut void = Element::new("img");
                *void.attrs_mut() = el.attrs().to_vec();
                assert_eq!(
                    render_tight(&Ft::Element(void)),
                    format!("<img{}>", attr_ref(&name, v))
                );
            }
        }
    }
}

static SIDE_TREES: AtomicUsize = AtomicUsize::new(0);

/// A value whose drop builds, renders and drops a tree of its own: it runs while a pool is
/// emptying a children vector.
struct BuildsOnDrop(usize);

impl Drop for BuildsOnDrop {
    fn drop(&mut self) {
        let t = Ul!((0..self.0).map(|i| Li!(format!("side tree item {i}"), cls = "x")));
        assert!(t.render().ends_with("</li></ul>") || self.0 == 0);
        SIDE_TREES.fetch_add(1, Ordering::Relaxed);
    }
}

/// A tree with every kind of node the pools and `Str` handle: pooled children vectors
/// and attribute lists, owned (run-time) tags, static, inline and heap strings, an extension
/// value that builds a tree when dropped.
fn tree(seed: usize) -> (Ft, String) {
    let long = format!("a heap string for row {seed}, past the inline size");
    let t = Div!(
        Ft::Ext(Ext::new(BuildsOnDrop(seed % 5))),
        (0..seed % 7 + 1).map(|i| Tr!(
            Td!(i),
            Td!(format!("cell {i}")),
            Td!(long.clone()),
            id = format!("r{seed}-{i}")
        )),
        Element::new(format!("my-widget-{}", seed % 3)),
        Span!("static literal that is longer than the inline size"),
        cls = "box"
    );
    let mut want = String::from(r#"<div class="box">"#);
    for i in 0..seed % 7 + 1 {
        want +=
            &format!(r#"<tr id="r{seed}-{i}"><td>{i}</td><td>cell {i}</td><td>{long}</td></tr>"#);
    }
    want += &format!("<my-widget-{0}></my-widget-{0}>", seed % 3);
    want += "<span>static literal that is longer than the inline size</span></div>";
    (t, want)
}

thread_local! {
    static KEPT: std::cell::RefCell<Vec<Ft>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[test]
fn trees_built_on_one_thread_dropped_on_others_and_at_thread_exit() {
    const BUILDERS: usize = 4;
    const PER: usize = 60;
    let (tx, rx) = mpsc::sync_channel::<(Ft, String)>(8);
    let builders: Vec<_> = (0..BUILDERS)
        .map(|b| {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for i in 0..PER {
                    let (t, want) = tree(b * PER + i);
                    // Warm this thread's pools too: drop a copy here.
                    drop(t.clone());
                    tx.send((t, want)).expect("send");
                }
                // The thread ends (its pools are freed) while its trees live on elsewhere.
            })
        })
        .collect();
    drop(tx);
    let droppers: Vec<_> = {
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        (0..2)
            .map(|d| {
                let rx = rx.clone();
                std::thread::spawn(move || {
                    // One thread keeps trees in a thread-local registered before its pools
                    // (dropped after their exit guard), the other after (dropped before it).
                    if d == 0 {
                        KEPT.with(|_| ());
                    }
                    let mut n = 0;
                    loop {
                        let next = rx.lock().expect("lock").recv();
                        let Ok((t, want)) = next else { break };
                        assert_eq!(t.render(), want);
                        if n % 4 == 0 {
                            KEPT.with(|k| k.borrow_mut().push(t));
                        } else {
                            drop(t);
                        }
                        n += 1;
                    }
                    n
                })
            })
            .collect()
    };
    for b in builders {
        b.join().expect("builder");
    }
    let received: usize = droppers
        .into_iter()
        .map(|d| d.join().expect("dropper"))
        .sum();
    assert_eq!(received, BUILDERS * PER);
    // A thread that never used its pools before it ends: the first buffers it gives back
    // (from a thread-local's destructor) register the exit guard while the thread ends.
    let keepers: Vec<_> = (0..3)
        .map(|i| {
            let (t, want) = tree(BUILDERS * PER + i);
            std::thread::spawn(move || {
                assert_eq!(t.render(), want);
                KEPT.with(|k| k.borrow_mut().push(t));
            })
        })
        .collect();
    for k in keepers {
        k.join().expect("keeper");
    }
    // Every tree was dropped, the kept ones at their thread's exit (a copy shares its
    // extension value, which is dropped with the last of them).
    assert_eq!(SIDE_TREES.load(Ordering::Relaxed), BUILDERS * PER + 3);
}

#[test]
fn attribute_names_as_given_in_the_public_fields() {
    // `Attr`'s fields are public: any name reaches the renderer. Names HTML cannot hold are
    // dropped; the others are written as they are, whatever their length or bytes.
    for (name, shown) in [
        ("é-ü", true),
        ("x".repeat(33).as_str(), true),
        ("a b", false),
        ("a\"b", false),
        ("a>", false),
        ("", false),
        ("x_", false),
        ("_", true),
    ] {
        for v in ["", "v", "a value longer than the inline size"] {
            let mut el = Element::new_static("i", false);
            el.attrs_mut().push(Attr {
                name: Cow::Owned(name.to_string()),
                value: AttrValue::Text(Str::new(v)),
            });
            let a = if shown {
                attr_ref(name, v)
            } else {
                String::new()
            };
            assert_eq!(render_tight(&Ft::Element(el)), format!("<i{a}></i>"));
        }
    }
}

#[test]
fn vectors_of_any_capacity_go_back_to_the_pools_and_come_out_whole() {
    // Children vectors and attribute lists whose capacity was changed through the public
    // API (odd sizes, shrunk below a pool's smallest class, grown past its largest) are given
    // back; everything taken afterwards is filled to its reported capacity.
    for k in [0usize, 1, 3, 4, 5, 7, 9, 17, 100, 20_000] {
        let mut el = Element::new_static("ul", false);
        el.children_mut().reserve_exact(k);
        for i in 0..k.min(50) {
            el.push(Li!(i));
        }
        el.children_mut().shrink_to_fit();
        el.attrs_mut().reserve_exact(k);
        el.set("id", "x");
        drop(el);
    }
    for n in [1usize, 2, 4, 5, 8, 9, 33, 300] {
        let mut el = Element::new_static("ol", false);
        el.reserve(n);
        el.set("class", "c");
        let kids = el.children_mut();
        let cap = kids.capacity();
        assert!(cap >= n);
        kids.extend((0..cap).map(|i| Ft::text(format!("{i}"))));
        let attrs = el.attrs_mut();
        let acap = attrs.capacity();
        attrs.extend((1..acap).map(|i| Attr {
            name: Cow::Owned(format!("data-{i}")),
            value: AttrValue::UInt(i as u64),
        }));
        let want: String = (0..cap).map(|i| i.to_string()).collect();
        let attrs: String = (1..acap).map(|i| format!(r#" data-{i}="{i}""#)).collect();
        assert_eq!(
            render_tight(&Ft::Element(el)),
            format!(r#"<ol class="c"{attrs}>{want}</ol>"#)
        );
    }
}
