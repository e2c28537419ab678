"""FastHTML side of the websocket capacity benchmark (ft-web/examples/ws_capacity.rs).

The same app as the ft side: every socket is kept on connect (FastHTML's setup_ws pattern,
written out because setup_ws itself is broken, SPEC 7.10), and POST /publish sends P(t) to all
of them. Run by the benchmark under uvicorn: uvicorn fasthtml_ws:app --app-dir bench/ws.
"""
from fasthtml.common import FastHTML, P

app = FastHTML()
conns = {}


async def on_conn(ws, send):
    conns[id(ws)] = send


async def on_disconn(ws):
    conns.pop(id(ws), None)


@app.ws('/ws', conn=on_conn, disconn=on_disconn)
async def sock(msg: str = ''):
    return None


@app.post('/publish')
async def publish(t: str):
    n = 0
    for send in list(conns.values()):
        try:
            await send(P(t))
            n += 1
        except Exception:
            pass
    return str(n)
