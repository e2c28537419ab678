"""fastlite side of ft-data's benchmark: same table, same data, same operations.
Usage: python3 fastlite_bench.py PATH N_INSERT N_GET N_QUERY  -> prints one JSON line of ops/s."""
import json, os, sys, time
from fastlite import database

path, n_ins, n_get, n_q = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for suf in ('', '-wal', '-shm'):
    if os.path.exists(path + suf):
        os.remove(path + suf)
db = database(path)
db.execute('PRAGMA synchronous = NORMAL')

class Todo:
    id: int; title: str; done: bool; name: str; priority: int

todos = db.create(Todo)
t0 = time.perf_counter()
for i in range(n_ins):
    todos.insert(Todo(title=f'todo number {i}', done=i % 3 == 0, name=f'user{i % 7}', priority=i % 5))
ins = n_ins / (time.perf_counter() - t0)
t0 = time.perf_counter()
for i in range(n_get):
    todos[(i % n_ins) + 1]
get = n_get / (time.perf_counter() - t0)
t0 = time.perf_counter()
for i in range(n_q):
    rows = todos(order_by='id', limit=100)
    assert len(rows) == 100
q = n_q / (time.perf_counter() - t0)
print(json.dumps({'insert': ins, 'get': get, 'query100': q}))
