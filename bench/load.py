"""The load test: gunicorn serving a bench database, loaded by wrk from a separate process.

Each run serves the site with production settings (DEBUG off, whitenoise, the Redis cache when it answers)
and sends, for a fixed time and a fixed number of connections, the URLs of one endpoint in turn
(`bench/rotate.lua`). Requests per second and errors are wrk's: responses other than 2xx/3xx, and
connect, read, write and timeout errors.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from http.client import HTTPConnection
from pathlib import Path

from bench.corpus import ROOT, django_env

ROTATE = Path(__file__).resolve().parent / "rotate.lua"
GUNICORN = Path(sys.executable).parent / "gunicorn"
# Loaded endpoints (names of bench.queries.endpoint_urls).
ENDPOINTS = ("bare", "search_page", "api_search", "search_page_fresh")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def flush(cache_url: str) -> None:
    if cache_url.startswith("redis"):
        import redis

        redis.Redis.from_url(cache_url).flushdb()


@contextmanager
def gunicorn(database_url: str, *, port: int, cache_url: str, cache_seconds: int, workers: int, threads: int):
    """A gunicorn serving `bench.settings` on 127.0.0.1:`port`, stopped on exit."""
    flush(cache_url)
    env = django_env(
        database_url,
        CACHE_URL=cache_url,
        PUBLIC_CACHE_SECONDS=str(cache_seconds),
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        API_THROTTLE_CSV="1000000/minute",
        CONN_MAX_AGE="600",
    )
    command = [
        str(GUNICORN),
        "observatoire.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--timeout=60",
        "--log-level=warning",
        "--preload",
        "--no-control-socket",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_serving(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            if get(port, "/bench/bare/") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


def get(port: int, path: str) -> int:
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def warm(port: int, paths: list[str]) -> dict[str, int]:
    """One request per URL (fills the page cache, opens the connections); the status codes seen."""
    statuses: dict[str, int] = {}
    for path in paths:
        status = str(get(port, path))
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def wrk(port: int, paths: list[str], *, connections: int, seconds: int, close: bool = True) -> dict:
    """wrk's figures for `paths` sent in turn; with `close`, on a new connection per request (see `run`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
    try:
        command = [
            "wrk",
            "--threads=1",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={ROTATE}",
            f"http://127.0.0.1:{port}",
            "--",
            handle.name,
            *(["close"] if close else []),
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    figures = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    seconds_run = figures["duration_us"] / 1e6
    errors = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return {
        "connections": connections,
        "seconds": round(seconds_run, 1),
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds_run, 1),
        "errors": errors,
        "non_2xx": figures["status"],
        "socket_errors": errors - figures["status"],
        "latency_p50_ms": round(figures["latency_p50_us"] / 1000, 1),
        "latency_p99_ms": round(figures["latency_p99_us"] / 1000, 1),
    }


def run(
    database_url: str,
    endpoints: dict[str, list[str]],
    *,
    port: int,
    cache_url: str,
    connections: list[int],
    seconds: int,
    workers: int,
    threads: int,
    close: bool = True,
    log,
) -> list[dict]:
    """The search page, the API list and the bare view uncached; the first two again from the page cache.

    With the page cache on, the entries are kept longer than the run, so that what is measured is the cost
    of a hit: at 100,000 cases the warm-up pass alone outlasts the default minute.

    With `close` (the default), each request comes on a connection of its own, as a reverse proxy sends them
    to its upstream by default: over persistent connections, the run's connections are shared out among
    gunicorn's workers once, as they connect, often unevenly enough that a worker holds none for the whole
    run and a core stays partly idle (bench/README.md, "Connections").
    """
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: scripts/bench.sh installs it (apt-get install wrk)")
    plan = [
        ("uncached", 0, ["bare", "search_page", "api_search", "search_page_fresh"]),
        ("cached", 3600, ["search_page", "api_search"]),
    ]
    results = []
    for mode, cache_seconds, names in plan:
        with gunicorn(
            database_url, port=port, cache_url=cache_url, cache_seconds=cache_seconds, workers=workers, threads=threads
        ):
            for name in names:
                statuses = warm(port, endpoints[name])
                for count in connections:
                    log(f"  load: {name} ({mode}), {count} connections, {seconds} s")
                    load_average = os.getloadavg()[0]
                    figures = wrk(port, endpoints[name], connections=count, seconds=seconds, close=close)
                    results.append(
                        {
                            "endpoint": name,
                            "mode": mode,
                            "connection_per_request": close,
                            **figures,
                            "warm_statuses": statuses,
                            "load_average": load_average,
                        }
                    )
    return results
