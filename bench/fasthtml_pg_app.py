"""The benchmark app in FastHTML on PostgreSQL: bench/fasthtml_app.py with fastsql (FastHTML's
MiniDataAPI on SQLAlchemy) in place of fastlite, for `DB=postgres bench/run.sh`:
`FT_BENCH_DB=postgresql+psycopg2://.. uvicorn fasthtml_pg_app:app --port P --workers 1 --no-access-log`.
Needs python-fasthtml 0.14.14, fastsql, psycopg2 and uvicorn. fastsql keeps one SQLAlchemy
connection; the `async def` handlers run one at a time on the event loop, as on SQLite."""

import os

from fasthtml.common import *
from fastsql import database

db = database(os.environ["FT_BENCH_DB"])
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
