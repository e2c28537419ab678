"""Sends a fixed number of requests to one benchmark route over one keep-alive connection
(for bench/callgrind.sh, where the server runs under valgrind and wrk's fixed durations would
give a different request count each run).

    python3 bench/drive.py PORT ROUTE N      # ROUTE: page, partial or post
"""

import http.client
import sys

ROUTES = {
    "page": ("GET", "/", None, {}),
    "partial": ("GET", "/items/42", None, {"HX-Request": "true"}),
    "post": (
        "POST",
        "/items",
        "title=New+item+%26+more",
        {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"},
    ),
}


def main() -> None:
    port, route, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    method, path, body, headers = ROUTES[route]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for _ in range(n):
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        res.read()
        if res.status != 200:
            sys.exit(f"drive: {method} {path} answered {res.status}")
    conn.close()


if __name__ == "__main__":
    main()
