-- wrk script for the POST route: a form that inserts one row, sent as htmx sends it.
wrk.method = "POST"
wrk.body = "title=New+item+%26+more"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["HX-Request"] = "true"
