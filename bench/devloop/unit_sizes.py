#!/usr/bin/env python3
"""How much code one `#[get]`/`#[post]` route, one tag macro call and one `#[derive(Record)]`
expand to: each snippet is expanded alone (rustc -Zunpretty=expanded, with the generated app's
own rustc command line) and compared with the same snippet without the macro.

    python3 bench/devloop/unit_sizes.py WORK/scratch-N/rustc-command

The rustc command is the one bench/compile-time.sh saves (the app crate's, from
`cargo build -vv`, outputs into a scratch folder, no incremental cache); it needs that app's
folder (CARGO_MANIFEST_DIR) and target dir to still exist. RUSTC_BOOTSTRAP=1 is set for the
-Z flag only: this measures, it never builds anything that is run. Prints a markdown table:
bytes, lines and tokens (identifiers, literals and punctuation characters, roughly rustc's
tokens) of each macro's expansion. Standard library only.
"""

import os
import re
import subprocess
import sys
import tempfile

PRELUDE = "use ft_web::prelude::*;\nfn main() {}\n"

STRUCT = "struct Row0 { id: i64, name: String, qty: i64, done: bool }\n"
ROW = "#[table(name = \"rows_0\")]\n" + STRUCT

# (name, with the macro, the same without it)
UNITS = [
    (
        "`#[get]` route, no parameters",
        '#[get("/x")]\nfn r() -> &\'static str { "x" }\n',
        'fn r() -> &\'static str { "x" }\n',
    ),
    (
        "`#[post]` route, 3 parameters (String, i64, Tbl<Row0>)",
        "#[derive(Record)]\n" + ROW
        + '#[post("/x")]\nasync fn r(name: String, qty: i64, rows: Tbl<Row0>) -> Result<Ft> { let _ = (name, qty, rows); todo!() }\n',
        "#[derive(Record)]\n" + ROW
        + "async fn r(name: String, qty: i64, rows: Tbl<Row0>) -> Result<Ft> { let _ = (name, qty, rows); todo!() }\n",
    ),
    (
        "`#[derive(Record)]`, 4 fields",
        "#[derive(Record)]\n" + ROW,
        STRUCT,
    ),
    (
        "one tag call, text child only: `P!(\"x\")`",
        'fn f() -> Ft { P!("x") }\n',
        "fn f() -> Ft { todo!() }\n",
    ),
    (
        "one tag call, runtime child + 2 attrs: `P!(s, cls = \"c\", id = \"i\")`",
        'fn f(s: &str) -> Ft { P!(s, cls = "c", id = "i") }\n',
        "fn f(s: &str) -> Ft { let _ = s; todo!() }\n",
    ),
    (
        "one tag call with `hx_get = format!(..)`: `A!(s, hx_get = format!(\"/p/{}\", n))`",
        'fn f(s: &str, n: i64) -> Ft { A!(s, hx_get = format!("/p/{}", n)) }\n',
        "fn f(s: &str, n: i64) -> Ft { let _ = (s, n); todo!() }\n",
    ),
    (
        "the generator's component `item_K` (one tree of 5 tag calls)",
        STRUCT
        + """fn item_0(x: &Row0) -> Ft {
    Li!(
        A!(&x.name, hx_get = format!("/p0/row/{}", x.id), hx_target = "#detail-0"),
        Span!(x.qty, cls = if x.qty > 10 { "many" } else { "few" }),
        Input!(r#type = "checkbox", checked = x.done, disabled = true),
        Button!("x", hx_post = format!("/p0/del/{}", x.id), cls = "outline", hidden = x.done),
        id = format!("row-0-{}", x.id)
    )
}
""",
        STRUCT + "fn item_0(x: &Row0) -> Ft { let _ = x; todo!() }\n",
    ),
]

TOKEN = re.compile(
    r'r#*"|b?"(?:\\.|[^"\\])*"|b?\'(?:\\.|[^\'\\])\'|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9A-Za-z_.]*|\S'
)


def expand(cmd, src, tmp):
    path = os.path.join(tmp, "unit.rs")
    with open(path, "w") as f:
        f.write(PRELUDE + src)
    # The saved command compiles src/main.rs: the snippet takes its place.
    c = cmd.replace(" src/main.rs ", f" {path} ")
    r = subprocess.run(
        ["bash", "-c", f"RUSTC_BOOTSTRAP=1 {c} -Zunpretty=expanded"],
        capture_output=True,
        text=True,
        cwd=os.environ.get("APP_DIR") or None,
    )
    if r.returncode != 0:
        sys.exit(f"unit_sizes.py: expanding failed:\n{src}\n{r.stderr[-3000:]}")
    out = r.stdout
    return len(out.encode()), out.count("\n"), len(TOKEN.findall(out))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cmd = open(sys.argv[1]).read().strip()
    m = re.search(r"CARGO_MANIFEST_DIR=(\S+)", cmd)
    if m:
        os.environ["APP_DIR"] = m.group(1)
    print("| macro | bytes | lines | tokens |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="ft-unit-") as tmp:
        for name, with_macro, without in UNITS:
            a = expand(cmd, with_macro, tmp)
            b = expand(cmd, without, tmp)
            print(f"| {name} | {a[0] - b[0]} | {a[1] - b[1]} | {a[2] - b[2]} |")


if __name__ == "__main__":
    main()
