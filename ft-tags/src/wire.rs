//! A template's description as text, for `ft dev`'s markup hot reload: the runner compiles an
//! edited tag macro call with the macros' own code (ft-template) and sends the new
//! description to the running app (ft-html's `hot`), which renders it in place of the one
//! built in.
//!
//! One letter per node, strings length-prefixed in bytes (`5:hello`), numbers ended by `;`:
//! `Ov4:link` / `On2:td` (void or not, name), `A5:class3:btn`, `S6:hx-get0;` (attribute slot),
//! `N` (auto-name), `T2:hi`, `C1;` (child slot), `E` (close), `R2;1;5;` (repeat: slot, width,
//! len). [`decode`] checks the structure as well as the syntax, so a description that decodes
//! is one the renderer can walk: every `Repeat` holds whole elements, attributes follow an
//! `Open`, every element is closed, and elements and loops nest at most 512 deep.

use crate::markup::{Node, Tag};
use std::fmt::Write;

/// `nodes` as text.
pub fn encode<T: Tag>(nodes: &[Node<'_, T>]) -> String {
    fn s(out: &mut String, v: &str) {
        let _ = write!(out, "{}:{v}", v.len());
    }
    let mut out = String::new();
    for n in nodes {
        match n {
            Node::Open(t) => {
                out.push_str(if t.is_void() { "Ov" } else { "On" });
                s(&mut out, t.name());
            }
            Node::Attr(name, value) => {
                out.push('A');
                s(&mut out, name);
                s(&mut out, value);
            }
            Node::AttrSlot(name, slot) => {
                out.push('S');
                s(&mut out, name);
                let _ = write!(out, "{slot};");
            }
            Node::AutoName => out.push('N'),
            Node::Text(t) => {
                out.push('T');
                s(&mut out, t);
            }
            Node::Child(slot) => {
                let _ = write!(out, "C{slot};");
            }
            Node::Close => out.push('E'),
            Node::Repeat { slot, width, len } => {
                let _ = write!(out, "R{slot};{width};{len};");
            }
        }
    }
    out
}

/// The nodes `text` describes, borrowing its strings; an error says where it stopped.
pub fn decode(text: &str) -> Result<Vec<Node<'_>>, String> {
    let mut r = Reader { text, at: 0 };
    let mut nodes = Vec::new();
    while r.at < text.len() {
        let at = r.at;
        let node = match r.byte()? {
            b'O' => {
                let void = match r.byte()? {
                    b'v' => true,
                    b'n' => false,
                    _ => return Err(format!("bad tag kind at byte {at}")),
                };
                Node::Open((r.string()?, void))
            }
            b'A' => Node::Attr(r.string()?, r.string()?),
            b'S' => Node::AttrSlot(r.string()?, r.number()?),
            b'N' => Node::AutoName,
            b'T' => Node::Text(r.string()?),
            b'C' => Node::Child(r.number()?),
            b'E' => Node::Close,
            b'R' => Node::Repeat {
                slot: r.number()?,
                width: r.number()?,
                len: r.number()?,
            },
            _ => return Err(format!("unknown node at byte {at}")),
        };
        nodes.push(node);
    }
    check(&nodes)?;
    Ok(nodes)
}

/// How deep elements and loops may nest in a description: far more than any template's, few
/// enough that checking, rendering, reading back and dropping one (each recursive) never runs
/// out of stack.
const MAX_DEPTH: usize = 512;

/// The structure the renderer relies on (see the module's docs).
fn check<T>(nodes: &[Node<'_, T>]) -> Result<(), String> {
    check_in(nodes, 0)
}

/// [`check`] for nodes inside `outer` elements and loops.
fn check_in<T>(nodes: &[Node<'_, T>], outer: usize) -> Result<(), String> {
    let too_deep = |d: usize| {
        (outer + d > MAX_DEPTH)
            .then(|| format!("elements and loops nested deeper than {MAX_DEPTH}"))
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < nodes.len() {
        match nodes[i] {
            Node::Open(_) => {
                depth += 1;
                if let Some(e) = too_deep(depth) {
                    return Err(e);
                }
            }
            Node::Close => {
                depth = depth
                    .checked_sub(1)
                    .ok_or(format!("node {i} closes nothing"))?;
            }
            Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName => {
                if !matches!(
                    nodes.get(i.wrapping_sub(1)),
                    Some(Node::Open(_) | Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName)
                ) {
                    return Err(format!(
                        "attribute node {i} is not after an element's start"
                    ));
                }
            }
            Node::Repeat { len, .. } => {
                let end = i + 1 + usize::from(len);
                let body = nodes
                    .get(i + 1..end)
                    .ok_or(format!("repeat {i} runs past the end"))?;
                if let Some(e) = too_deep(depth + 1) {
                    return Err(e);
                }
                check_in(body, outer + depth + 1).map_err(|e| format!("in repeat {i}: {e}"))?;
                i = end;
                continue;
            }
            Node::Text(_) | Node::Child(_) => {}
        }
        i += 1;
    }
    if depth == 0 {
        Ok(())
    } else {
        Err(format!("{depth} element(s) not closed"))
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .text
            .as_bytes()
            .get(self.at)
            .ok_or("the text ends inside a node")?;
        self.at += 1;
        Ok(b)
    }

    /// Digits up to `end`, as a number.
    fn digits(&mut self, end: u8) -> Result<usize, String> {
        let rest = &self.text.as_bytes()[self.at..];
        let n = rest
            .iter()
            .position(|&b| b == end)
            .ok_or(format!("no '{}' after byte {}", end as char, self.at))?;
        let digits = &self.text[self.at..self.at + n];
        self.at += n + 1;
        digits
            .parse()
            .map_err(|_| format!("{digits:?} is not a number"))
    }

    fn number(&mut self) -> Result<u16, String> {
        let n = self.digits(b';')?;
        u16::try_from(n).map_err(|_| format!("{n} is too large"))
    }

    fn string(&mut self) -> Result<&'a str, String> {
        let len = self.digits(b':')?;
        let end = self.at.checked_add(len).ok_or("length overflows")?;
        let s = self
            .text
            .get(self.at..end)
            .ok_or(format!("a string of {len} bytes runs past the end"))?;
        self.at = end;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_node_kind_round_trips() {
        let nodes: Vec<Node<'_>> = vec![
            Node::Open(("ul", false)),
            Node::Attr("class", "a:b;c"),
            Node::AttrSlot("hx-get", 3),
            Node::AutoName,
            Node::Repeat {
                slot: 1,
                width: 2,
                len: 4,
            },
            Node::Open(("li", false)),
            Node::Text("héllo 5:x"),
            Node::Child(0),
            Node::Close,
            Node::Open(("br", true)),
            Node::Close,
            Node::Text(""),
            Node::Close,
        ];
        let text = encode(&nodes);
        let back = decode(&text).unwrap();
        assert_eq!(format!("{back:?}"), format!("{nodes:?}"));
    }

    #[test]
    fn broken_text_is_an_error_not_a_panic() {
        let good =
            encode::<(&str, bool)>(&[Node::Open(("p", false)), Node::Text("hi"), Node::Close]);
        // Every truncation of a good description is refused or is a shorter valid one.
        for cut in 0..good.len() {
            if let Ok(nodes) = decode(&good[..cut]) {
                assert!(nodes.len() < 3, "{cut}");
            }
        }
        for bad in [
            "X", "On", "On9:p", "C;", "C99999;", "A1:a", "T-1:x", "E", "On1:pAx", "Ox1:p",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn nesting_past_any_template_is_refused_not_a_stack_overflow() {
        // `R0;1;n;` n times, each holding the rest, then `<p></p>`.
        let n = 65_000usize;
        let mut text = String::new();
        for k in 0..n {
            text.push_str(&format!("R0;1;{};", n - k - 1 + 2));
        }
        text.push_str("On1:pE");
        assert!(decode(&text).is_err());
        let mut ok = String::new();
        for k in 0..8 {
            ok.push_str(&format!("R0;1;{};", 8 - k - 1 + 2));
        }
        ok.push_str("On1:pE");
        assert!(decode(&ok).is_ok(), "{ok}");
        // Elements as deep (read back, each is an element holding the next).
        let deep = format!("{}{}", "On1:b".repeat(100_000), "E".repeat(100_000));
        assert!(decode(&deep).is_err());
        let fine = format!("{}{}", "On1:b".repeat(100), "E".repeat(100));
        assert!(decode(&fine).is_ok());
    }

    #[test]
    fn the_structure_is_checked() {
        // Not closed, closed twice, an attribute without an element, a repeat past the end
        // or cutting an element in two.
        for bad in [
            "On1:p",
            "On1:pEE",
            "A1:a1:b",
            "T1:xA1:a1:b",
            "R0;1;5;On1:pE",
            "On1:uR0;1;1;On2:liEE",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
        assert!(decode("On1:uR0;1;2;On2:liEE").is_ok());
    }
}
