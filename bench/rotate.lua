-- wrk script: each connection's thread sends the URLs of a file in turn, and the summary is printed as JSON.
-- Usage: wrk ... -s bench/rotate.lua http://127.0.0.1:8200 -- paths.txt [close]
-- With "close", each request asks the server to close its connection after the response (a connection per
-- request, as a reverse proxy opens them towards its upstream by default), and wrk opens a new one.

local paths = {}
local position = 0
local headers = {}

function init(args)
  if args[2] == "close" then
    headers["Connection"] = "close"
  end
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  position = math.random(#paths) - 1
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position], headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "latency_p50_us": %d, "latency_p99_us": %d, "latency_max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
