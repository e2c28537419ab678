-- wrk script for bench/login_flood.sh: a wrong-password login, again and again, counting the
-- answers by status (303: the password was checked; 429: throttled; 503: the hashing pool was
-- full). wrk.body and the Origin header are set by the script's caller through env vars.
wrk.method = "POST"
wrk.body = os.getenv("FLOOD_BODY") or "name=bench&pwd=wrong"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("FLOOD_ORIGIN")

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + n
        end
    end
    local parts = {}
    for status, n in pairs(total) do
        table.insert(parts, string.format("%d=%d", status, n))
    end
    table.sort(parts)
    io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
