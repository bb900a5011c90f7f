"""Writing the PostgreSQL search data: the search rows (cases.models.SearchEntry) and the postings
(cases.models.SearchPosting), always with a bump of the version (cases.models.SearchVersion).

A few cases (an edit) are reindexed incrementally: their rows are rewritten and only the postings that
they enter or leave are read, changed and written back, under the version row's lock, which
every writer takes first, so that concurrent writers wait for each other instead of deadlocking. A large
load or `manage.py reindex_cases` writes the rows in batches, then rebuilds every posting from SQL
aggregates in one pass.
"""

import sys
from array import array

from django.db import connection, transaction
from pyroaring import BitMap

from cases.facets import FACETS
from cases.models import Case, Organization, Participation, SearchEntry, SearchPosting, SearchVersion
from observatoire.reference.models import Department, Region

CONFIG = "french_unaccent"
ENTRIES = SearchEntry._meta.db_table
POSTINGS = SearchPosting._meta.db_table
VERSION = SearchVersion._meta.db_table
# Above this many cases, a reindex rebuilds every posting rather than patching them.
BULK = 5000

# A number from a sequence, never given twice even when the transaction that took it rolls back: a state
# held in a process for one version can never be taken for another.
VERSION_SEQUENCE = "cases_searchversion_seq"
BUMP_SQL = (
    f"INSERT INTO {VERSION} (id, version) VALUES (1, nextval('{VERSION_SEQUENCE}'))"  # noqa: S608
    f" ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version RETURNING version"
)


def ids_from_bytes(data: bytes | memoryview | None) -> array:
    """Case ids sent by PostgreSQL as concatenated `int4send` values (big-endian)."""
    ids = array("I")
    if data:
        ids.frombytes(bytes(data))
        if sys.byteorder == "little":
            ids.byteswap()
    return ids


def _names(through_table: str, fk_column: str, term_table: str, term_pk: str) -> str:
    return (
        f"(SELECT string_agg(t.name, ' ') FROM {through_table} x JOIN {term_table} t ON t.{term_pk} = x.{fk_column}"  # noqa: S608
        f" WHERE x.case_id = c.id)"
    )


def _rest_sql() -> str:
    """SQL of everything a case is found by besides its title and summary (the C-weighted part)."""
    related = []
    for field_name in ("domains", "partnership_types", "engagement_practices", "dynamics", "regions"):
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        target = field.related_model._meta
        related.append(_names(through.db_table, field.m2m_reverse_name(), target.db_table, target.pk.column))
    departments = Case._meta.get_field("departments")
    dep_through = departments.remote_field.through._meta.db_table
    related.append(
        f"(SELECT string_agg(d.name || ' ' || r.name, ' ') FROM {dep_through} x"  # noqa: S608
        f" JOIN {Department._meta.db_table} d ON d.code = x.{departments.m2m_reverse_name()}"
        f" JOIN {Region._meta.db_table} r ON r.code = d.region_id WHERE x.case_id = c.id)"
    )
    related.append(
        f"(SELECT string_agg(o.name, ' ') FROM {Participation._meta.db_table} p"  # noqa: S608
        f" JOIN {Organization._meta.db_table} o ON o.id = p.organization_id WHERE p.case_id = c.id)"
    )
    return "concat_ws(' ', " + ", ".join(["c.body", "c.outcomes", "c.place", *related]) + ")"


def _entries_sql() -> str:
    """Write the search rows of the cases whose ids are the array parameter."""
    # Two organisations of the same kind in a case make one tag, as the facet counts cases.
    tags = [
        f"ARRAY(SELECT {'DISTINCT ' if facet.case_field is None else ''}'{facet.param}:' || t.{facet.value_field}"  # noqa: S608
        f" FROM {facet.join_sql} WHERE x.case_id = c.id)"
        for facet in FACETS
    ]
    columns = [
        "status", "public", "published_at", "title", "start_year", "last_year", "tags", "facet_ends",
        "title_vector", "document",
    ]  # fmt: skip
    parts = [f"f.t{index}" for index in range(len(tags))]
    ends = ", ".join(" + ".join(f"cardinality({part})" for part in parts[: index + 1]) for index in range(len(parts)))
    title_summary = (
        f"setweight(to_tsvector('{CONFIG}', coalesce(c.title, '')), 'A')"
        f" || setweight(to_tsvector('{CONFIG}', coalesce(c.summary, '')), 'B')"
    )
    return f"""
        INSERT INTO {ENTRIES} AS e (case_id, {", ".join(columns)})
        SELECT c.id, c.status, c.status = %s, c.published_at, c.title, c.start_year,
            coalesce(c.end_year, c.start_year), {" || ".join(parts)}, ARRAY[{ends}]::smallint[],
            {title_summary}, {title_summary} || setweight(to_tsvector('{CONFIG}', {_rest_sql()}), 'C')
        FROM {Case._meta.db_table} AS c
        CROSS JOIN LATERAL (SELECT {", ".join(f"{tag} AS t{index}" for index, tag in enumerate(tags))}) AS f
        WHERE c.id = ANY(%s)
        ON CONFLICT (case_id) DO UPDATE SET {", ".join(f"{column} = EXCLUDED.{column}" for column in columns)}
    """  # noqa: S608


# Pairs: a phrase `a <d> b` (d <= MAX_GAP) holds exactly the cases whose document has lexeme a at some
# position p and lexeme b at p + d (positions as the tsvector keeps them: stop words leave gaps). The
# posting `p:<a> <b> <d>` holds them, so such a phrase needs no check of the documents.
MAX_GAP = 3


def pair_key(first: str, second: str, gap: int) -> str:
    return f"p:{first} {second} {gap}"


# Compounds: a hyphenated word is one lexeme followed by one per piece ("tiers-lieux" is
# 'tiers-lieu' <-> 'tier' <-> 'lieu'), a chain of three or more that no pair answers exactly. Its key
# `c:<compound> <lexeme>@<offset> …` lists the lexemes at the positions of its pieces (as many positions
# as the compound has pieces), with their offsets: the phrase of the hyphenated word is exactly the cases
# holding that key.
def compound_key(compound: str, followers: list[tuple[str, int]]) -> str:
    return "c:" + compound + "".join(f" {lexeme}@{offset}" for lexeme, offset in followers)


def compound_span(compound: str) -> int:
    """How many positions follow a compound lexeme's own: one per piece."""
    return compound.count("-") + 1


def _compounds_sql(occurrences: str) -> str:
    return f"""
        SELECT 'c:' || a.lexeme || string_agg(' ' || b.lexeme || '@' || (b.p - a.p), '' ORDER BY b.p)
        FROM ({occurrences}) AS a
        JOIN ({occurrences}) AS b
            ON b.p > a.p AND b.p <= a.p + length(a.lexeme) - length(replace(a.lexeme, '-', '')) + 1
        WHERE strpos(a.lexeme, '-') > 0 GROUP BY a.lexeme, a.p
    """  # noqa: S608


# The distinct pair and compound keys of a search row's `document` (self-joins of its positions).
_OCCURRENCES = "SELECT u.lexeme, p FROM unnest(document) AS u, unnest(u.positions) AS p"
PAIRS_SQL = f"""
    SELECT 'p:' || a.lexeme || ' ' || b.lexeme || ' ' || g.d
    FROM ({_OCCURRENCES}) AS a CROSS JOIN generate_series(1, {MAX_GAP}) AS g (d)
    JOIN ({_OCCURRENCES}) AS b ON b.p = a.p + g.d
    UNION {_compounds_sql(_OCCURRENCES)}
"""  # noqa: S608


# The keys of the postings that hold each case of the array parameter.
KEYS_SQL = f"""
    SELECT case_id, ARRAY(SELECT 'w:' || l FROM unnest(tsvector_to_array(document)) AS l)
        || ARRAY(SELECT 't:' || u.lexeme FROM unnest(title_vector) AS u WHERE 'A' = ANY(u.weights))
        || ARRAY(SELECT 's:' || u.lexeme FROM unnest(title_vector) AS u WHERE 'B' = ANY(u.weights))
        || ARRAY({PAIRS_SQL})
    FROM {ENTRIES} WHERE case_id = ANY(%s)
"""  # noqa: S608


def _keys(cursor, ids: list[int]) -> dict[int, set[str]]:
    cursor.execute(KEYS_SQL, [ids])
    return {case_id: set(keys) for case_id, keys in cursor.fetchall()}


def write_entries(ids: list[int]) -> None:
    """Rewrite the search rows of these cases, without touching the postings (see `rebuild_postings`)."""
    with connection.cursor() as cursor:
        cursor.execute(_entries_sql(), [Case.Status.PUBLISHED, list(ids)])


@transaction.atomic
def reindex(ids, *, removed: bool = False) -> None:
    """Bring the search rows and postings of a few cases in step with the cases, in one transaction.

    `removed`: the cases are being deleted; their rows and their ids in the postings go.
    """
    ids = sorted(set(ids))
    if not ids:
        return
    if len(ids) > BULK and not removed:
        write_entries(ids)
        rebuild_postings()
        return
    with connection.cursor() as cursor:
        cursor.execute(BUMP_SQL)  # first: the lock that orders writers
        before = _keys(cursor, ids)
        if removed:
            cursor.execute(f"DELETE FROM {ENTRIES} WHERE case_id = ANY(%s)", [ids])  # noqa: S608
            after: dict[int, set[str]] = {}
        else:
            cursor.execute(_entries_sql(), [Case.Status.PUBLISHED, ids])
            after = _keys(cursor, ids)
        # Only the postings a case enters or leaves change: a saved case keeps most of its keys (pairs
        # hold gaps, not positions, so an edit changes the pairs around it alone).
        touched = sorted(set().union(*(before.get(pk, set()) ^ after.get(pk, set()) for pk in ids)))
        if not touched:
            return
        cursor.execute(
            f"SELECT key, bitmap FROM {POSTINGS} WHERE key = ANY(%s) ORDER BY key FOR UPDATE",  # noqa: S608
            [touched],
        )
        stored = {key: BitMap.deserialize(bytes(data)) for key, data in cursor.fetchall()}
        holders: dict[str, list[int]] = {}
        for case_id, keys in after.items():
            for key in keys:
                holders.setdefault(key, []).append(case_id)
        written, emptied = [], []
        changed = BitMap(ids)
        for key in touched:
            bitmap = stored.get(key, BitMap()) - changed
            bitmap.update(holders.get(key, []))
            if bitmap:
                written.append((key, bitmap.serialize()))
            elif key in stored:
                emptied.append(key)
        if written:
            cursor.execute(
                f"INSERT INTO {POSTINGS} (key, bitmap) SELECT * FROM unnest(%s::text[], %s::bytea[])"  # noqa: S608
                " ON CONFLICT (key) DO UPDATE SET bitmap = EXCLUDED.bitmap",
                [[key for key, _ in written], [data for _, data in written]],
            )
        if emptied:
            cursor.execute(f"DELETE FROM {POSTINGS} WHERE key = ANY(%s)", [emptied])  # noqa: S608


# Every posting, from the search rows: the ids of each lexeme's (and pair's) cases, in order, as int4send bytes.
POSTINGS_SQL = f"""
    SELECT 'w:' || l, string_agg(int4send(case_id::int4), ''::bytea ORDER BY case_id)
    FROM {ENTRIES}, unnest(tsvector_to_array(document)) AS l GROUP BY l
    UNION ALL
    SELECT (CASE WHEN w = 'A' THEN 't:' ELSE 's:' END) || u.lexeme,
        string_agg(int4send(case_id::int4), ''::bytea ORDER BY case_id)
    FROM {ENTRIES}, unnest(title_vector) AS u, unnest(u.weights) AS w GROUP BY 1
    UNION ALL
    SELECT pair.key, string_agg(int4send(case_id::int4), ''::bytea ORDER BY case_id)
    FROM {ENTRIES} CROSS JOIN LATERAL ({PAIRS_SQL}) AS pair (key) GROUP BY pair.key
"""  # noqa: S608


def bump_version() -> None:
    """Move the version without changing the search rows: each process reloads its state (the terms it
    checks a search's filters against, and their labels) at its next search."""
    with connection.cursor() as cursor:
        cursor.execute(BUMP_SQL)


@transaction.atomic
def rebuild_postings(batch: int = 2000) -> int:
    """Rebuild every posting from the search rows; returns how many there are."""
    with connection.cursor() as cursor, connection.chunked_cursor() as rows:
        cursor.execute(BUMP_SQL)
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"DELETE FROM {POSTINGS}")  # noqa: S608
        rows.execute(POSTINGS_SQL)
        total = 0
        while chunk := rows.fetchmany(batch):
            keys = [key for key, _data in chunk]
            bitmaps = [BitMap(ids_from_bytes(data)).serialize() for _key, data in chunk]
            cursor.execute(
                f"INSERT INTO {POSTINGS} (key, bitmap) SELECT * FROM unnest(%s::text[], %s::bytea[])",  # noqa: S608
                [keys, bitmaps],
            )
            total += len(keys)
    return total


def rebuild(ids) -> None:
    """Rewrite the rows of many cases, then every posting (a large load)."""
    ids = list(ids)
    for start in range(0, len(ids), 20000):
        write_entries(ids[start : start + 20000])
    rebuild_postings()
