"""The benchmark's report: the issue's targets checked against the figures, and the Markdown tables."""

LABELS = {
    "api_search": "API search + facets",
    "search_page": "`/cas/` search page",
    "api_search_fresh": "API search + facets, second mix",
    "search_page_fresh": "`/cas/` search page, second mix",
    "case_page": "case page",
    "api_detail": "API case detail",
    "home": "home page",
    "region_report": "regional report page",
    "bare": "bare view",
}
# The targets of the issue, at the largest size, on the 2-core machine.
TARGET_P95_MS = {
    "api_search": 50,
    "search_page": 120,
    "api_search_fresh": 50,
    "search_page_fresh": 120,
    "case_page": 30,
    "api_detail": 30,
    "region_report": 100,
}
GROWTH_LIMIT = 1.5
SEARCH_PAGES = ("search_page", "search_page_fresh")
SEARCH_SHARE_OF_BARE = 0.05
CACHED_SHARE_OF_BARE = 0.40
# Endpoints measured on the same URLs at every size (the case pages sample different cases).
SAME_URLS = ("api_search", "search_page", "api_search_fresh", "search_page_fresh", "home", "region_report", "bare")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _size(corpus: dict) -> str:
    return _thousands(corpus["cases"])


def _measured(results: dict) -> list[dict]:
    return [corpus for corpus in results["corpora"] if "inprocess" in corpus]


def checks(results: dict) -> list[dict]:
    found = []
    for corpus in results["corpora"]:
        found += _load_checks(corpus)
    corpora = _measured(results)
    if not corpora:
        return found
    largest, smallest = corpora[-1], corpora[0]
    for name, target in TARGET_P95_MS.items():
        p95 = largest["inprocess"]["endpoints"][name]["p95_ms"]
        found.append({"check": f"{name} p95 ≤ {target} ms at {_size(largest)}", "value": p95, "ok": p95 <= target})
    if len(corpora) > 1:
        for name in LABELS:
            before = smallest["inprocess"]["endpoints"][name]["p95_ms"]
            after = largest["inprocess"]["endpoints"][name]["p95_ms"]
            ratio = round(after / before, 2) if before else None
            found.append(
                {
                    "check": f"{name} p95 at {_size(largest)} ≤ {GROWTH_LIMIT} × p95 at {_size(smallest)}",
                    "value": ratio,
                    "ok": ratio is not None and ratio <= GROWTH_LIMIT,
                }
            )
            differences = _query_differences(name, smallest, largest)
            found.append(
                {
                    "check": f"{name}: URLs whose queries per request differ between sizes",
                    "value": len(differences),
                    "details": differences,
                    "ok": not differences,
                }
            )
    return found


def _query_differences(name: str, smallest: dict, largest: dict) -> list:
    before = smallest["inprocess"]["endpoints"][name]
    after = largest["inprocess"]["endpoints"][name]
    if name in SAME_URLS:
        return [
            [url, count, after["queries_by_url"][url]]
            for url, count in before["queries_by_url"].items()
            if after["queries_by_url"].get(url) != count
        ]
    counts = sorted(set(before["queries_by_url"].values())), sorted(set(after["queries_by_url"].values()))
    return [] if counts[0] == counts[1] else [list(counts)]


def _load_checks(corpus: dict) -> list[dict]:
    runs = corpus.get("load", [])
    found = [
        {
            "check": f"no error under load: {run['endpoint']} ({run['mode']}, {run['connections']} connections, "
            f"{_size(corpus)})",
            "value": run["errors"],
            "ok": run["errors"] == 0,
        }
        for run in runs
    ]
    bare = {run["connections"]: run["rps"] for run in runs if run["endpoint"] == "bare"}
    for run in runs:
        if run["endpoint"] not in SEARCH_PAGES or not bare.get(run["connections"]):
            continue
        share = round(run["rps"] / bare[run["connections"]], 3)
        limit = CACHED_SHARE_OF_BARE if run["mode"] == "cached" else SEARCH_SHARE_OF_BARE
        found.append(
            {
                "check": f"{run['endpoint']} ({run['mode']}) ≥ {limit:.0%} of the bare view's req/s "
                f"({run['connections']} connections, {_size(corpus)})",
                "value": share,
                "ok": share >= limit,
            }
        )
    return found


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def markdown(results: dict) -> str:
    corpora = _measured(results)
    lines = [f"# Benchmark {results['date']}", ""]
    lines += [
        f"Machine: {results['machine']['cpus']} CPUs, load average at start "
        f"{results['machine']['load_average_at_start'][0]:.1f}, at end "
        f"{results['machine']['load_average_at_end'][0]:.1f}; cache: `{results['cache_url']}`.",
        "",
    ]
    for corpus in results["corpora"]:
        build = corpus["build"]
        if build["built"]:
            steps = ", ".join(
                f"{step} {figures['seconds']:.0f} s"
                + (f" (CPU {figures['cpu_seconds']:.0f} s)" if "cpu_seconds" in figures else "")
                for step, figures in build["steps"].items()
            )
            lines.append(f"- `{build['database']}` built in {build['seconds']:.0f} s: {steps}")
        else:
            lines.append(f"- `{build['database']}` kept as it was (same corpus)")
    lines.append("")
    if corpora:
        lines += [
            "## In-process (Django test client, full middleware, DEBUG off, page cache off)",
            "",
            "| endpoint | cases | p50 ms | p95 ms | p99 ms | target p95 | SQL share | queries/request | statuses |",
            "|---|--:|--:|--:|--:|--:|--:|--:|---|",
        ]
        for name, label in LABELS.items():
            for corpus in corpora:
                figures = corpus["inprocess"]["endpoints"][name]
                target = TARGET_P95_MS.get(name)
                queries = (
                    f"{figures['queries_min']}"
                    if figures["queries_min"] == figures["queries_max"]
                    else f"{figures['queries_min']}–{figures['queries_max']} (median {figures['queries_median']:g})"
                )
                statuses = ", ".join(f"{code}: {count}" for code, count in sorted(figures["statuses"].items()))
                lines.append(
                    f"| {label} | {_size(corpus)} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | "
                    f"{figures['p99_ms']:.1f} | {f'{target}' if target else ''} | {figures['sql_share']:.0%} | "
                    f"{queries} | {statuses} |"
                )
        lines.append("")
    edits = [corpus for corpus in corpora if "after_edit" in corpus["inprocess"]]
    if edits:
        lines += [
            "## Searches in the seconds after an edit (API and `/cas/` in turn, first mix)",
            "",
            "| cases | edit seen by the next search | that search ms | requests | p50 ms | p95 ms | p99 ms | queries |",
            "|--:|---|--:|--:|--:|--:|--:|--:|",
        ]
        for corpus in edits:
            edit = corpus["inprocess"]["after_edit"]
            lines.append(
                f"| {_size(corpus)} | {'yes' if edit['visible_to_next_search'] else 'NO'} | "
                f"{edit['first_search_ms']:.1f} | {edit['requests']} | {edit['p50_ms']:.1f} | {edit['p95_ms']:.1f} | "
                f"{edit['p99_ms']:.1f} | {edit['queries_min']}–{edit['queries_max']} |"
            )
        lines.append("")
    rebuilt = [corpus for corpus in results["corpora"] if "search_rebuild" in corpus]
    if rebuilt:
        lines += [
            "## Search storage and its rebuild from scratch",
            "",
            "| cases | rows | rebuild s | words s | table MB | indexes MB | title trigram MB | words MB |"
            " total MB before → after |",
            "|--:|--:|--:|--:|--:|--:|--:|--:|---|",
        ]
        for corpus in rebuilt:
            figures = corpus["search_rebuild"]
            before, after = figures["storage_before"], figures["storage_after"]
            lines.append(
                f"| {_size(corpus)} | {_thousands(figures['rows'])} | {figures['seconds']:.1f} | "
                f"{figures.get('words_seconds', 0):.1f} | "
                f"{after['table_mb']:.1f} | {after['indexes_mb']:.1f} | {after['title_trigram_index_mb']:.1f} | "
                f"{after.get('word_table_mb', 0):.1f} | "
                f"{before['total_mb']:.1f} → {after['total_mb']:.1f} |"
            )
        lines.append("")
    exports = [corpus for corpus in corpora if "csv_export" in corpus["inprocess"]]
    if exports:
        lines += [
            "## Full CSV export (`/api/v1/cases/?format=csv` as a curator, read to its end)",
            "",
            "| cases | rows | seconds | rows/s | MB | queries | SQL share | status |",
            "|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for corpus in exports:
            export = corpus["inprocess"]["csv_export"]
            lines.append(
                f"| {_size(corpus)} | {_thousands(export['rows'])} | {export['seconds']:.1f} | "
                f"{_thousands(export['rows_per_second'])} | "
                f"{export['megabytes']:.1f} | {export['queries']} | {export['sql_share']:.0%} | {export['status']} |"
            )
        lines.append("")
    runs = [(corpus, run) for corpus in results["corpora"] for run in corpus.get("load", [])]
    if runs:
        lines += [
            "## Load (gunicorn, wrk from another process, "
            + (
                "a connection per request)"
                if all(run.get("connection_per_request") for _, run in runs)
                else "persistent connections)"
            ),
            "",
            "| endpoint | page cache | cases | connections | req/s | % of bare | errors | p50 ms | p99 ms |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for corpus, run in runs:
            bare = next(
                (
                    other["rps"]
                    for other in corpus["load"]
                    if other["endpoint"] == "bare" and other["connections"] == run["connections"]
                ),
                None,
            )
            share = f"{run['rps'] / bare:.0%}" if bare else ""
            lines.append(
                f"| {LABELS[run['endpoint']]} | {run['mode']} | {_size(corpus)} | {run['connections']} | "
                f"{run['rps']:.0f} | {share} | {run['errors']} | {run['latency_p50_ms']:.0f} | "
                f"{run['latency_p99_ms']:.0f} |"
            )
        lines.append("")
    if results.get("checks"):
        lines += ["## Targets", ""]
        lines += [f"- {_mark(check['ok'])} {check['check']}: {check['value']}" for check in results["checks"]]
        lines.append("")
    return "\n".join(lines) + "\n"
