"""In-process measurement: every endpoint of the mix through Django's full stack, SQL timed apart.

Run by `python -m bench` in a process of its own, with the environment it sets (bench database, DEBUG
off, `bench.settings`); writes its figures as JSON to the file given with `--output`.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path


class SqlTimer:
    """A `connection.execute_wrapper` that counts statements and adds up the time spent in them."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def percentile(cuts: list[float], rank: int) -> float:
    return cuts[rank - 1]


def summarise(samples: list[dict]) -> dict:
    """p50/p95/p99 and mean in milliseconds, SQL share of the time, queries per request, status codes."""
    times = [sample["seconds"] for sample in samples]
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    queries = [sample["queries"] for sample in samples]
    statuses: dict[str, int] = {}
    for sample in samples:
        statuses[str(sample["status"])] = statuses.get(str(sample["status"]), 0) + 1
    return {
        "requests": len(samples),
        "p50_ms": round(percentile(cuts, 50) * 1000, 2),
        "p95_ms": round(percentile(cuts, 95) * 1000, 2),
        "p99_ms": round(percentile(cuts, 99) * 1000, 2),
        "mean_ms": round(statistics.fmean(times) * 1000, 2),
        "sql_share": round(sum(sample["sql_seconds"] for sample in samples) / sum(times), 3),
        "queries_min": min(queries),
        "queries_median": statistics.median(queries),
        "queries_max": max(queries),
        "statuses": statuses,
        # Per URL, so that the counts at two sizes can be compared request by request, and the slow
        # searches found.
        "queries_by_url": {sample["url"]: sample["queries"] for sample in samples},
        "median_ms_by_url": {
            url: round(statistics.median(sample["seconds"] for sample in samples if sample["url"] == url) * 1000, 1)
            for url in dict.fromkeys(sample["url"] for sample in samples)
        },
    }


def run(rounds: int) -> dict:
    from django.db import connection
    from django.test import Client

    from bench.queries import QUERIES, endpoint_urls, sample_slugs
    from cases.models import Case

    slugs = sample_slugs(list(Case.objects.published().values_list("slug", flat=True)))
    endpoints = endpoint_urls(slugs)
    client = Client(raise_request_exception=False)

    def request(url: str) -> dict:
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - start
        status = response.status_code
        return {"url": url, "seconds": seconds, "sql_seconds": timer.seconds, "queries": timer.count, "status": status}

    for urls in endpoints.values():  # warm-up: connections, caches of the database and of Python
        for url in urls:
            request(url)
    samples: dict[str, list[dict]] = {name: [] for name in endpoints}
    # Each round goes over every endpoint in turn, so that a change of load on the machine hits them
    # alike; an endpoint with a single URL (home, bare) repeats it to get as many samples as the others.
    for round_number in range(1, rounds + 1):
        sys.stderr.write(f"[bench measure] round {round_number}/{rounds}\n")
        for name, urls in endpoints.items():
            for _repeat in range(math.ceil(len(QUERIES) / len(urls))):
                samples[name] += [request(url) for url in urls]
    searches = [url for pair in zip(endpoints["api_search"], endpoints["search_page"], strict=True) for url in pair]
    return {
        "cases": Case.objects.published().count(),
        "endpoints": {name: {**summarise(samples[name]), "urls": urls} for name, urls in endpoints.items()},
        "after_edit": after_edit(client, request, searches),
        "csv_export": csv_export(),
    }


EDIT_WORD = "benchmarquage"  # a word no case of the corpora holds


def after_edit(client, request: Callable, urls: list[str], seconds: float = 10.0) -> dict:
    """Edit a published case as the admin does (`save()`), then search at once for the word it gained (is
    the edit visible to the very next search?) and go over the search URLs (API and `/cas/` in turn) for
    `seconds`: their percentiles, to compare with the rounds'. The case gets its title back at the end."""
    from cases.models import Case

    case = Case.objects.published().order_by("pk").first()
    title = case.title
    case.title = f"{title} {EDIT_WORD}"
    case.save()
    try:
        start = time.perf_counter()
        found = client.get(f"/api/v1/cases/?q={EDIT_WORD}").json()["count"]
        first_ms = (time.perf_counter() - start) * 1000
        samples: list[dict] = []
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            samples.append(request(urls[len(samples) % len(urls)]))
    finally:
        case.title = title
        case.save()
    figures = summarise(samples)
    del figures["queries_by_url"], figures["median_ms_by_url"]
    return {"visible_to_next_search": found == 1, "first_search_ms": round(first_ms, 1), "seconds": seconds, **figures}


def csv_export() -> dict:
    """One full CSV export of the case list, read to its end as a curator (the public's is capped)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from foundation.reference.services import curators_group_sync

    curator, _created = get_user_model().objects.get_or_create(username="bench-curateur", defaults={"is_staff": True})
    curator.groups.add(curators_group_sync())
    client = Client(raise_request_exception=False)
    client.force_login(curator)
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        start = time.perf_counter()
        response = client.get("/api/v1/cases/?format=csv")
        # The rows are streamed one per chunk, after the header.
        lines, size = 0, 0
        for line in response.streaming_content if response.streaming else [response.content]:
            lines, size = lines + 1, size + len(line)
        seconds = time.perf_counter() - start
    rows = max(lines - 1, 0)
    return {
        "status": response.status_code,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "megabytes": round(size / 1e6, 1),
        "queries": timer.count,
        "sql_share": round(timer.seconds / seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    # The process as the server starts each worker: Django set up through the WSGI module.
    import observatoire.wsgi  # noqa: F401, PLC0415

    started = time.time()
    figures = run(args.rounds)
    figures["seconds"] = round(time.time() - started, 1)
    figures["load_average"] = os.getloadavg()
    args.output.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
