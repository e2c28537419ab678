-- The `item` table of bench/seed.py and its 100 rows, for the PostgreSQL benchmarks
-- (bench/run.sh and bench/callgrind.sh with DB=postgres).
CREATE TABLE "item" (
   "id" SERIAL PRIMARY KEY,
   "title" TEXT NOT NULL DEFAULT '',
   "done" BOOLEAN NOT NULL DEFAULT FALSE,
   "priority" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "item" ("title", "done", "priority")
SELECT format('Item %s <buy> milk & eggs', i), i % 3 = 0, i % 5 FROM generate_series(1, 100) AS i;
