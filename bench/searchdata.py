"""The search's own figures on a bench database: its storage (tables, TOAST and indexes) and the time to
rebuild every search row from scratch, in the database (`cases_search_refresh`, as the migration that
installs the search does)."""

import time

import psycopg

# The relations the search alone adds: the search rows (with their TOAST and GIN indexes), the title's
# trigram index (the suggestions on zero results) and the published titles' words with their trigram index
# ("Vouliez-vous dire").
ENTRIES = "cases_searchentry"
TITLE_TRIGRAMS = "case_title_trgm"
WORDS = "cases_searchword"


def storage(url: str) -> dict:
    """Megabytes of the search rows' table (heap and TOAST), of their indexes, of the title trigram index and
    of the word table with its indexes."""
    with psycopg.connect(url) as connection:
        table, indexes, title, words = connection.execute(
            "SELECT pg_table_size(%s::regclass), pg_indexes_size(%s::regclass),"
            " coalesce(pg_relation_size(to_regclass(%s)), 0), coalesce(pg_total_relation_size(to_regclass(%s)), 0)",
            [ENTRIES, ENTRIES, TITLE_TRIGRAMS, WORDS],
        ).fetchone()
    megabytes = {
        "table_mb": table / 1e6,
        "indexes_mb": indexes / 1e6,
        "title_trigram_index_mb": title / 1e6,
        "word_table_mb": words / 1e6,
    }
    return {key: round(value, 1) for key, value in {**megabytes, "total_mb": sum(megabytes.values())}.items()}


def rebuild(url: str) -> dict:
    """Empty the search rows and write every one again in one transaction, then count every published
    title's words again, then vacuum: the seconds of each, and the storage before and after (a table written
    in one pass holds no dead rows)."""
    before = storage(url)
    with psycopg.connect(url, autocommit=True) as connection:
        start = time.perf_counter()
        with connection.transaction():
            connection.execute(f"TRUNCATE {ENTRIES}")
            connection.execute("SELECT cases_search_refresh(ARRAY(SELECT id FROM cases_case))")
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        connection.execute("SELECT cases_search_words_rebuild()")
        words_seconds = time.perf_counter() - start
        rows = connection.execute(f"SELECT count(*) FROM {ENTRIES}").fetchone()[0]  # noqa: S608
        connection.execute(f"VACUUM (ANALYZE) {ENTRIES}")
        connection.execute(f"VACUUM (ANALYZE) {WORDS}")
    return {
        "rows": rows,
        "seconds": round(seconds, 1),
        "words_seconds": round(words_seconds, 1),
        "storage_before": before,
        "storage_after": storage(url),
    }
