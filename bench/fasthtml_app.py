"""The benchmark app in FastHTML (0.14.14 + fastlite): a page of 100 rows, a one-row htmx
partial and a form POST that inserts. Run by bench/run.sh:
`FT_BENCH_DB=x.db uvicorn fasthtml_app:app --port P --workers 1 --no-access-log`.

The handlers are `async def`: FastHTML runs a plain `def` handler on a thread pool, and
fastlite's one apsw connection then fails under concurrent requests
(`apsw.ThreadingViolationError: ... the Connection is busy in another thread`, answered as
500s). On the event loop the requests are served one at a time, which is what one uvicorn
worker does anyway."""

import os

from fasthtml.common import *
from fastlite import database

db = database(os.environ.get("FT_BENCH_DB", "bench.db"))
items = db.t.item


def row(it):
    return Tr(
        Td(it["id"]),
        Td(it["title"]),
        Td("yes" if it["done"] else "no"),
        Td(A("edit", href="#", hx_get=f"/items/{it['id']}", hx_swap="outerHTML", hx_target=f"#item-{it['id']}")),
        id=f"item-{it['id']}",
    )


app, rt = fast_app(secret_key="bench")


@rt("/")
async def get():
    rows = items(order_by="id", limit=100)
    return Titled(
        "Items",
        Table(
            Thead(Tr(Th("id"), Th("title"), Th("done"), Th("edit"))),
            Tbody(*[row(r) for r in rows], id="items"),
        ),
        Form(Input(name="title"), Button("Add"), hx_post="/items", hx_target="#items", hx_swap="beforeend"),
    )


@rt("/items/{id}")
async def get(id: int):  # noqa: F811
    return row(items[id])


@rt("/items")
async def post(title: str):
    return row(items.insert(title=title, done=False, priority=0))
