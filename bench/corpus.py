"""The benchmark's PostgreSQL databases: one per corpus, built once and kept.

A database is built with the project's own commands (`migrate`, `load_reference`, then `load_demo
--synthetic N --seed S`, or the cases of a JSON-lines file), vacuumed, then labelled with a comment that
names its corpus. A later run that finds the same label and as many published cases skips the build;
`--rebuild` drops the database first.
"""

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
LABEL_PREFIX = "observatoire-bench "
# The databases' names start with this (BENCH_DATABASE_PREFIX), so that two checkouts can keep their own.
NAME_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "obs_bench")


@dataclass(frozen=True)
class Corpus:
    """What a database holds: N synthetic cases from a seed, or the cases of a JSON-lines file."""

    size: int | None = None
    seed: int = 0
    path: Path | None = None

    @property
    def name(self) -> str:
        if self.path is not None:
            stem = "".join(char if char.isalnum() else "_" for char in self.path.stem.lower())
            return f"{NAME_PREFIX}_{stem}"[:63]
        if self.size % 1000 == 0:
            return f"{NAME_PREFIX}_{self.size // 1000}k"
        return f"{NAME_PREFIX}_{self.size}"

    def label(self) -> dict:
        if self.path is not None:
            digest = hashlib.sha256(self.path.read_bytes()).hexdigest()
            return {"corpus": str(self.path.name), "sha256": digest}
        return {"synthetic": self.size, "seed": self.seed}


def database_url(server: str, name: str) -> str:
    return urlunparse(urlparse(server)._replace(path=f"/{name}"))


def django_env(url: str, **extra: str) -> dict[str, str]:
    """The environment of the project's commands against one database, with production settings."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(url: str, *args: str) -> dict:
    """Run a management command against the database at `url`: its wall-clock and CPU seconds.

    The CPU time (the command and the processes it waited for, not PostgreSQL's) tells the cost of a step
    apart from what other work on a shared machine added to its duration.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=django_env(url), check=True, stdout=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": round(time.perf_counter() - start, 1), "cpu_seconds": round(cpu, 1)}


def ensure(corpus: Corpus, server: str, *, rebuild: bool, log) -> dict:
    """Make sure the corpus's database exists and holds it; returns what was done and how long it took."""
    name = corpus.name
    url = database_url(server, name)
    label = corpus.label()
    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if exists and rebuild:
            log(f"{name}: dropping it (--rebuild)")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = False
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        elif _holds(admin, url, name, label):
            log(f"{name}: already holds {label}, kept (--rebuild to build it again)")
            steps = {"migrate": manage(url, "migrate", "-v0")}
            if not search_data_current(url):
                log(f"{name}: the search data is missing or stale, reindexing")
                steps["reindex_cases"] = manage(url, "reindex_cases")
            return {"database": name, "built": False, **steps}
        else:
            log(f"{name}: exists with another corpus, building it anew")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"{name}: building {label}")
    steps = {"migrate": manage(url, "migrate", "-v0"), "load_reference": manage(url, "load_reference", "-v0")}
    if corpus.path is not None:
        steps["load_corpus"] = manage(url, "shell", "-c", f"from bench.jsonl import load; load({str(corpus.path)!r})")
    else:
        steps["load_demo"] = manage(url, "load_demo", "--synthetic", str(corpus.size), "--seed", str(corpus.seed))
    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as connection:
        # The load wrote every search row once: reclaim the dead versions and refresh the statistics.
        connection.execute("VACUUM (ANALYZE)")
        cases = published_cases(url)
        label = {**label, "published": cases}
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(LABEL_PREFIX + json.dumps(label, sort_keys=True))
            )
        )
    steps["vacuum_analyze"] = {"seconds": round(time.perf_counter() - start, 1)}
    total = sum(step["seconds"] for step in steps.values())
    log(f"{name}: built in {total:.0f} s ({steps})")
    return {"database": name, "built": True, "seconds": round(total, 1), "steps": steps, "published": cases}


def _holds(admin: psycopg.Connection, url: str, name: str, label: dict) -> bool:
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
    ).fetchone()
    comment = row[0] if row else None
    if not comment or not comment.startswith(LABEL_PREFIX):
        return False
    stored = json.loads(comment.removeprefix(LABEL_PREFIX))
    published = stored.pop("published", None)
    if stored != label:
        return False
    return published_cases(url) == published


def search_data_current(url: str) -> bool:
    """Whether every case has its search row (the database writes them itself; a base built before the
    triggers existed gets them from its migration)."""
    with psycopg.connect(url) as connection:
        cases, entries = connection.execute(
            "SELECT (SELECT count(*) FROM cases_case), (SELECT count(*) FROM cases_searchentry)"
        ).fetchone()
    return cases == entries


def published_cases(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM cases_case WHERE status = 'published'").fetchone()[0]
