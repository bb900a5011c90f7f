"""`python -m bench` (or `scripts/bench.sh`, `make bench`): build the corpora, measure, load, report.

See bench/README.md for what is measured and how to read it.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import load, report, searchdata
from bench.corpus import ROOT, Corpus, database_url, django_env, ensure, published_cases
from bench.queries import endpoint_urls

RESULTS = Path(__file__).resolve().parent / "results"


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench.sh", description="The Observatoire's benchmark.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="synthetic corpus sizes")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--corpus", type=Path, help="measure the cases of this JSON-lines file instead")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again even when they are fine")
    parser.add_argument("--build-only", action="store_true", help="build the databases, measure nothing")
    parser.add_argument("--no-load", action="store_true", help="skip the load test (in-process figures only)")
    parser.add_argument("--no-inprocess", action="store_true", help="skip the in-process measurement (load only)")
    parser.add_argument("--no-rebuild-search", action="store_true", help="skip the search rows' rebuild")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query mix in-process")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server (a role that may create databases and extensions)",
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--duration", type=int, default=30, help="seconds of each load run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (gthread)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="load over persistent connections instead of a connection per request (see bench/README.md)",
    )
    return parser.parse_args()


def collect_static(url: str) -> None:
    """DEBUG off serves hashed static files from a manifest, as in production: build it."""
    env = django_env(url)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def measure(url: str, cache_url: str, rounds: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = Path(handle.name)
    env = django_env(
        url,
        CACHE_URL=cache_url,
        PUBLIC_CACHE_SECONDS="0",
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        API_THROTTLE_CSV="1000000/minute",
        CONN_MAX_AGE="600",
    )
    try:
        command = [sys.executable, "-m", "bench.measure", "--rounds", str(rounds), "--output", str(output)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return json.loads(output.read_text())
    finally:
        output.unlink(missing_ok=True)


def main() -> None:
    args = parse_args()
    corpora = (
        [Corpus(path=args.corpus.resolve())] if args.corpus else [Corpus(size=n, seed=args.seed) for n in args.sizes]
    )
    cache_url = args.cache_url if load.redis_answers(args.cache_url) else "locmem://"
    if cache_url == "locmem://":
        log(f"Redis does not answer at {args.cache_url}: each process keeps its own cache")
    started = datetime.now()
    results: dict = {
        "date": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()},
        "options": {key: str(value) if isinstance(value, Path) else value for key, value in vars(args).items()},
        "cache_url": cache_url,
        "corpora": [],
    }
    for corpus in corpora:
        build = ensure(corpus, args.server, rebuild=args.rebuild, log=log)
        cases = published_cases(database_url(args.server, corpus.name))
        results["corpora"].append({"name": corpus.name, "label": corpus.label(), "cases": cases, "build": build})
    if not args.build_only:
        collect_static(database_url(args.server, corpora[0].name))
        for entry, corpus in zip(results["corpora"], corpora, strict=True):
            url = database_url(args.server, corpus.name)
            if not args.no_inprocess:
                log(f"{corpus.name}: in-process measurement ({args.rounds} rounds)")
                entry["inprocess"] = measure(url, cache_url, args.rounds)
            if not args.no_load:
                log(f"{corpus.name}: load test")
                entry["load"] = load.run(
                    url,
                    {name: urls for name, urls in endpoint_urls([]).items() if name in load.ENDPOINTS},
                    port=args.port,
                    cache_url=cache_url,
                    connections=args.connections,
                    seconds=args.duration,
                    workers=args.workers,
                    threads=args.threads,
                    close=not args.keep_alive,
                    log=log,
                )
            if not args.no_rebuild_search:
                log(f"{corpus.name}: search storage, then every search row rebuilt")
                entry["search_rebuild"] = searchdata.rebuild(url)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["checks"] = report.checks(results)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{started:%Y-%m-%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    sys.stdout.write(report.markdown(results))
    log(f"figures written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
