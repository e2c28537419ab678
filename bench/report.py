"""Helpers of bench/run.sh: parse one wrk run, check that every server answers the same HTML,
and print the results table (also written into docs/perf-web.md between its markers; with
DB=postgres, `table-pg` writes docs/perf-pg.md's)."""

import datetime
import os
import platform
import re
import subprocess
import sys

SERVERS = ["ft", "rusqlite", "sqlx", "fasthtml"]
LABEL = {
    "ft": "ft",
    "rusqlite": "actix-web + maud + rusqlite",
    "sqlx": "actix-web + maud + sqlx",
    "fasthtml": "FastHTML 0.14.14 (uvicorn)",
}
ROUTES = [
    ("page", "GET / (100 rows)"),
    ("partial", "GET /items/42 (htmx partial)"),
    ("post", "POST /items (insert)"),
]
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def seconds(v, unit):
    return float(v) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def parse(name, route, rnd, path, ticks):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    n = int(re.search(r"(\d+) requests in", text).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p99_ms = seconds(*m.groups()) * 1e3
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    bad = int(bad.group(1)) if bad else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    sock = sum(int(x) for x in sock.groups()) if sock else 0
    if bad or sock:
        print(f"bench: {name} {route}: {bad} non-2xx answers, {sock} socket errors", file=sys.stderr)
    cpu_us = int(ticks) / os.sysconf("SC_CLK_TCK") / max(n, 1) * 1e6
    print(f"{name}\t{route}\t{rnd}\t{rps:.1f}\t{p99_ms:.3f}\t{cpu_us:.2f}\t{n}\t{bad}\t{sock}")


def normalize(html):
    """FastHTML indents its output and adds a canonical link; ft and maud write it compact."""
    html = re.sub(r'<link rel="canonical"[^>]*>', "", html)
    return re.sub(r">\s+<", "><", html).strip()


def check(work, name):
    def read(server, what):
        return open(os.path.join(work, f"{server}.{what}"), encoding="utf-8").read()

    page, partial, post = read(name, "page"), read(name, "partial"), read(name, "post")
    problems = []
    rows = len(re.findall(r'<tr id="item-\d+">', page))
    if rows != 100:
        problems.append(f"the page has {rows} rows, not 100")
    if 'Item 7 &lt;buy&gt; milk &amp; eggs' not in page:
        problems.append("the page does not show row 7 escaped")
    if not normalize(partial).startswith('<tr id="item-42"><td>42</td>'):
        problems.append(f"the partial is not row 42: {partial[:120]!r}")
    if not normalize(post).startswith('<tr id="item-101"><td>101</td><td>New item &amp; more</td>'):
        problems.append(f"the POST did not answer the new row 101: {post[:120]!r}")
    ref = next(
        (s for s in ["rusqlite", "tokio-postgres", "ft", "sqlx"] if s != name and os.path.exists(os.path.join(work, f"{s}.page"))),
        None,
    )
    how = "structure only (first server)"
    if ref:
        for what, mine in [("page", page), ("partial", partial), ("post", post)]:
            theirs = read(ref, what)
            if name == "fasthtml":
                same, how = normalize(mine) == normalize(theirs), f"same HTML as {ref} (FastHTML's indentation removed)"
            else:
                same, how = mine == theirs, f"byte-identical to {ref}"
            if not same:
                a, b = (normalize(mine), normalize(theirs)) if name == "fasthtml" else (mine, theirs)
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                problems.append(f"{what} differs from {ref} at byte {i}: {a[max(0, i - 60):i + 60]!r} vs {b[max(0, i - 60):i + 60]!r}")
    if problems:
        print(f"bench: {name} does not answer what the others do:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        sys.exit(1)
    print(f"   checked: 100 rows, partial, POST; {how} ({len(page)} bytes page)")


def cmd(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return "?"


def best_runs(work):
    """The round with the most requests/s of each (server, route), and each server's peak RSS."""
    best = {}
    for line in open(os.path.join(work, "results.tsv")):
        name, route, rnd, rps, p99, cpu, n, bad, sock = line.rstrip("\n").split("\t")
        key = (name, route)
        row = (float(rps), float(p99), float(cpu), int(bad) + int(sock), rnd)
        if key not in best or row[0] > best[key][0]:
            best[key] = row
    mem = {}
    for line in open(os.path.join(work, "memory.tsv")):
        name, _, kb = line.split()
        mem[name] = max(mem.get(name, 0), int(kb))
    return best, mem


def write_doc(doc, text, title):
    body = f"{BEGIN}\n{text}\n{END}"
    if os.path.exists(doc):
        old = open(doc, encoding="utf-8").read()
        if BEGIN in old and END in old:
            new = old[: old.index(BEGIN)] + body + old[old.index(END) + len(END):]
        else:
            new = old.rstrip("\n") + "\n\n" + body + "\n"
    else:
        new = f"# {title}\n\n" + body + "\n"
    open(doc, "w", encoding="utf-8").write(new)
    print(f"\n(written to {doc})")


def machine(params):
    cpu = cmd(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).strip()
    wrkv = " ".join(cmd(["sh", "-c", "wrk --version 2>&1 | head -1"]).split()[:2])
    memtotal = cmd(["sh", "-c", "awk '/MemTotal/ {printf \"%.1f GB\", $2/1048576}' /proc/meminfo"])
    return [
        f"Date: {datetime.date.today().isoformat()}. Machine: {os.cpu_count()} cores ({cpu}), {memtotal} RAM, "
        f"Linux {platform.release()}; the wrk client runs on the same cores as the server. "
        f"Load average after the run: {open('/proc/loadavg').read().split()[0]}.",
        f"Settings: {params}; {wrkv}; "
        f"{cmd(['rustc', '--version'])}; {cmd(['sh', '-c', 'psql --version'])} (server on 127.0.0.1).",
    ]


PG_SERVERS = ["ft", "tokio-postgres", "fasthtml"]
PG_LABEL = {
    "ft": "ft",
    "tokio-postgres": "actix-web + maud + tokio-postgres",
    "fasthtml": "FastHTML 0.14.14 + fastsql (uvicorn)",
}


def table_pg(work, doc, params):
    """DB=postgres: ft vs tokio-postgres, with the PostgreSQL backends' CPU per request."""
    best, mem = best_runs(work)
    hz = os.sysconf("SC_CLK_TCK")
    dbcpu = {}
    path = os.path.join(work, "pg_cpu.tsv")
    for line in open(path) if os.path.exists(path) else []:
        name, route, rnd, ticks, n, backends = line.rstrip("\n").split("\t")
        dbcpu[(name, route, rnd)] = (int(ticks) / hz / max(int(n), 1) * 1e6, int(backends))
    servers = [s for s in PG_SERVERS if any(k[0] == s for k in best)]
    servers += sorted({k[0] for k in best} - set(servers))
    out = [
        "| route | server | req/s | vs tokio-postgres | p99 latency | server CPU / request | vs tokio-postgres | PostgreSQL CPU / request (backends) | peak RSS (VmHWM) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for route, label in ROUTES:
        base = best.get(("tokio-postgres", route))
        for s in servers:
            if (s, route) not in best:
                continue
            rps, p99, cpu, errs, rnd = best[(s, route)]
            ratio = f"{rps / base[0]:.2f}x" if base else "-"
            cratio = f"{cpu / base[2]:.2f}x" if base and base[2] > 0 else "-"
            name = PG_LABEL.get(s, s)
            name = f"**{name}**" if s == "ft" else name
            warn = f" ({errs} errors)" if errs else ""
            d = dbcpu.get((s, route, rnd))
            dcol = f"{d[0]:.1f} µs ({d[1]})" if d else "-"
            out.append(
                f"| {label} | {name} | {rps:,.0f}{warn} | {ratio} | {p99:.2f} ms | {cpu:.1f} µs | {cratio} | {dcol} | {mem.get(s, 0) / 1024:.1f} MB |"
            )
    ratios = []
    for route, label in ROUTES:
        if ("ft", route) in best and ("tokio-postgres", route) in best:
            ratios.append(f"{label}: {best[('ft', route)][0] / best[('tokio-postgres', route)][0]:.2f}x")
    commit = cmd(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"])
    info = machine(params)
    info[0] += f" Commit: {commit}."
    info += ["", "ft / hand-written tokio-postgres, requests/s: " + "; ".join(ratios) + "."]
    text = "\n".join(out + [""] + info)
    print()
    print(text)
    if doc:
        write_doc(doc, text, "PostgreSQL load benchmark: ft vs actix-web + maud + tokio-postgres")


def table(work, doc, params):
    best = {}
    for line in open(os.path.join(work, "results.tsv")):
        name, route, rnd, rps, p99, cpu, n, bad, sock = line.rstrip("\n").split("\t")
        key = (name, route)
        row = (float(rps), float(p99), float(cpu), int(bad) + int(sock))
        if key not in best or row[0] > best[key][0]:
            best[key] = row
    mem = {}
    for line in open(os.path.join(work, "memory.tsv")):
        name, _, kb = line.split()
        mem[name] = max(mem.get(name, 0), int(kb))
    servers = [s for s in SERVERS if any(k[0] == s for k in best)]
    out = []
    out.append("| route | server | req/s | vs rusqlite | p99 latency | server CPU / request | vs rusqlite | peak RSS (VmHWM) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for route, label in ROUTES:
        base = best.get(("rusqlite", route))
        for s in servers:
            if (s, route) not in best:
                continue
            rps, p99, cpu, errs = best[(s, route)]
            ratio = f"{rps / base[0]:.2f}x" if base else "-"
            cratio = f"{cpu / base[2]:.2f}x" if base and base[2] > 0 else "-"
            name = f"**{LABEL[s]}**" if s == "ft" else LABEL[s]
            warn = f" ({errs} errors)" if errs else ""
            out.append(
                f"| {label} | {name} | {rps:,.0f}{warn} | {ratio} | {p99:.2f} ms | {cpu:.1f} µs | {cratio} | {mem.get(s, 0) / 1024:.1f} MB |"
            )
    ft_ratios = []
    for route, label in ROUTES:
        if ("ft", route) in best and ("rusqlite", route) in best:
            ft_ratios.append(f"{label}: {best[('ft', route)][0] / best[('rusqlite', route)][0]:.2f}x")
    cpu = cmd(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).strip()
    wrkv = " ".join(cmd(["sh", "-c", "wrk --version 2>&1 | head -1"]).split()[:2])
    memtotal = cmd(["sh", "-c", "awk '/MemTotal/ {printf \"%.1f GB\", $2/1048576}' /proc/meminfo"])
    info = [
        f"Date: {datetime.date.today().isoformat()}. Machine: {os.cpu_count()} cores ({cpu}), {memtotal} RAM, "
        f"Linux {platform.release()}; the wrk client runs on the same cores as the server. "
        f"Load average after the run: {open('/proc/loadavg').read().split()[0]}.",
        f"Settings: {params}; {wrkv}; "
        f"{cmd(['rustc', '--version'])}; Python {platform.python_version()}.",
        "",
        "ft / hand-written rusqlite, requests/s: " + "; ".join(ft_ratios) + " (target: at least 0.80x on every route).",
    ]
    text = "\n".join(out + [""] + info)
    print()
    print(text)
    if doc:
        body = f"{BEGIN}\n{text}\n{END}"
        if os.path.exists(doc):
            old = open(doc, encoding="utf-8").read()
            if BEGIN in old and END in old:
                new = old[: old.index(BEGIN)] + body + old[old.index(END) + len(END):]
            else:
                new = old.rstrip("\n") + "\n\n" + body + "\n"
        else:
            new = "# Web load benchmark: ft vs actix-web + maud vs FastHTML\n\nReproduce: `bench/run.sh`.\n\n" + body + "\n"
        open(doc, "w", encoding="utf-8").write(new)
        print(f"\n(written to {doc})")


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "parse":
        parse(*sys.argv[2:7])
    elif what == "check":
        check(sys.argv[2], sys.argv[3])
    elif what == "table":
        table(sys.argv[2], sys.argv[3], sys.argv[4])
    elif what == "table-pg":
        table_pg(sys.argv[2], sys.argv[3], sys.argv[4])
