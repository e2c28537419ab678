"""Creates a fresh benchmark database: the `item` table (with a `priority` column that no
server shows, and so none reads), WAL, and the same 100 rows for every server (`python3 bench/seed.py path.db`)."""

import os
import sqlite3
import sys

SCHEMA = """CREATE TABLE "item" (
   "id" INTEGER PRIMARY KEY AUTOINCREMENT,
   "title" TEXT NOT NULL DEFAULT '',
   "done" BOOLEAN NOT NULL DEFAULT FALSE,
   "priority" INTEGER NOT NULL DEFAULT 0
)"""

path = sys.argv[1]
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
c = sqlite3.connect(path)
c.execute("PRAGMA journal_mode = WAL")
c.execute(SCHEMA)
c.executemany(
    'INSERT INTO "item" ("title", "done", "priority") VALUES (?, ?, ?)',
    [(f"Item {i} <buy> milk & eggs", i % 3 == 0, i % 5) for i in range(1, 101)],
)
c.commit()
c.close()
