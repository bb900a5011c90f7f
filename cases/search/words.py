"""The words of the published titles, as they are written, for "Vouliez-vous dire" on PostgreSQL.

`cases_searchword` holds each word of the published cases' titles once, lower-cased with its accents
(`mobilité`), its unaccented form (`mobilite`, what a misspelt word is compared with) and the number of
published titles holding it. The database keeps it: statement-level triggers on the cases add the words of
the published rows a statement writes and take away those of the rows it replaces or deletes, in the same
transaction, so that a draft's words never reach it and `update()`, `loaddata` or a deletion cannot leave it
behind. A trigram index on the unaccented form lets the closest words be found without reading every word
(`CLOSEST_WORDS_SQL`). No Django model: the table is the database's own, like the triggers, and stays out
of `dumpdata` (a fixture carrying its rows would have its titles counted twice, by the triggers too).
"""

from cases.models import Case

WORDS = "cases_searchword"
CASES = Case._meta.db_table
PUBLISHED = Case.Status.PUBLISHED.value

# A title's words as people write them: PostgreSQL's 'simple' configuration lower-cases and keeps the
# accents; the hyphenated whole (`tiers-lieu`, whose parts are listed too) and words of two letters or
# fewer are left out.
_FUNCTIONS = f"""
    CREATE OR REPLACE FUNCTION cases_title_words(title text) RETURNS text[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(w), '{{}}')
        FROM unnest(tsvector_to_array(to_tsvector('simple', coalesce(title, '')))) AS w
        WHERE length(w) > 2 AND strpos(w, '-') = 0
    $$;
    CREATE OR REPLACE FUNCTION cases_search_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE emptied text[];
    BEGIN
        -- TG_ARGV[0] lists (title, +1 or -1) for the published rows the statement wrote or replaced; an
        -- update that changes neither a title nor a status adds and takes away the same words: no write.
        EXECUTE 'WITH delta AS (SELECT w, sum(t.n) AS n FROM (' || TG_ARGV[0] || ') AS t (title, n),'
            ' unnest(cases_title_words(t.title)) AS w GROUP BY w HAVING sum(t.n) <> 0),'
            ' counted AS (INSERT INTO {WORDS} AS s (word, folded, titles)'
            ' SELECT w, unaccent(w), n FROM delta ORDER BY w'
            ' ON CONFLICT (word) DO UPDATE SET titles = s.titles + EXCLUDED.titles RETURNING s.word, s.titles)'
            ' SELECT array_agg(word) FROM counted WHERE titles <= 0' INTO emptied;
        IF emptied IS NOT NULL THEN
            DELETE FROM {WORDS} WHERE word = ANY(emptied) AND titles <= 0;
        END IF;
        RETURN NULL;
    END $$;
    CREATE OR REPLACE FUNCTION cases_search_words_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {WORDS};
        RETURN NULL;
    END $$;
    CREATE OR REPLACE FUNCTION cases_search_words_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM {WORDS};
        INSERT INTO {WORDS} (word, folded, titles)
        SELECT w, unaccent(w), count(*) FROM {CASES} AS c, unnest(cases_title_words(c.title)) AS w
        WHERE c.status = '{PUBLISHED}' GROUP BY w;
    $$;
"""  # noqa: S608

_NEW = f"SELECT title, 1 FROM new_rows WHERE status = ''{PUBLISHED}''"  # noqa: S608
_OLD = f"SELECT title, -1 FROM old_rows WHERE status = ''{PUBLISHED}''"  # noqa: S608
# (trigger, event, transition tables, the (title, n) rows it counts)
TRIGGERS = [
    ("search_words_after_insert", "INSERT", "NEW TABLE AS new_rows", _NEW),
    ("search_words_after_update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", f"{_NEW} UNION ALL {_OLD}"),
    ("search_words_after_delete", "DELETE", "OLD TABLE AS old_rows", _OLD),
]


def install(apps=None, schema_editor=None) -> None:
    """Create (or rewrite) the word table, its index, functions and triggers, and count every published
    title's words again (PostgreSQL; nothing on SQLite, whose backend reads the titles)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _install(cursor)


def uninstall(apps=None, schema_editor=None) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _uninstall(cursor)


def _install(cursor) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {WORDS} (word text PRIMARY KEY, folded text NOT NULL, titles integer NOT NULL)"
    )
    cursor.execute(f"CREATE INDEX IF NOT EXISTS searchword_folded_trgm ON {WORDS} USING gin (folded gin_trgm_ops)")
    cursor.execute(_FUNCTIONS)
    for name, event, transition, rows in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {CASES}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {CASES} REFERENCING {transition}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION cases_search_words_changed('{rows}')"
        )
    cursor.execute(f"DROP TRIGGER IF EXISTS search_words_after_truncate ON {CASES}")
    cursor.execute(
        f"CREATE TRIGGER search_words_after_truncate AFTER TRUNCATE ON {CASES}"
        " FOR EACH STATEMENT EXECUTE FUNCTION cases_search_words_truncated()"
    )
    cursor.execute("SELECT cases_search_words_rebuild()")


def _uninstall(cursor) -> None:
    for name in [*(trigger[0] for trigger in TRIGGERS), "search_words_after_truncate"]:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {CASES}")
    cursor.execute(f"DROP TABLE IF EXISTS {WORDS}")
    for function in [
        "cases_search_words_changed()",
        "cases_search_words_truncated()",
        "cases_search_words_rebuild()",
        "cases_title_words(text)",
    ]:
        cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


def trigger_names() -> set[tuple[str, str]]:
    """(table, trigger) of the word table's triggers, for the health check."""
    return {(CASES, name) for name, *_rest in TRIGGERS} | {(CASES, "search_words_after_truncate")}


# For each searched word (unaccented), the closest word of the published titles or of the vocabularies
# (`known`: the written and unaccented forms) by trigram similarity, ties to the word in most titles.
# `%%` (pg_trgm's similarity operator, at its default threshold of 0.3) lets the trigram index pick the
# candidates; the stricter least similarity is checked on them alone.
CLOSEST_WORDS_SQL = (
    "WITH q (word) AS (SELECT DISTINCT unnest(%s::text[])),"  # noqa: S608
    " candidates (query, word, folded, titles) AS (SELECT q.word, s.word, s.folded, s.titles FROM q"
    f" JOIN {WORDS} AS s ON s.folded %% q.word"
    " UNION ALL SELECT q.word, k.word, k.folded, 0 FROM q, unnest(%s::text[], %s::text[]) AS k (word, folded)) "
    "SELECT DISTINCT ON (query) query, word FROM candidates"
    " WHERE similarity(folded, query) >= %s AND folded <> ALL(%s::text[])"
    " ORDER BY query, similarity(folded, query) DESC, titles DESC, word"
)
