"""Case search: the one function the pages, the API and the admin call.

PostgreSQL (production) matches a stored, weighted tsvector (title A, summary B, the rest C) built with
the `french_unaccent` configuration, parses queries in the websearch syntax (see `text_search_query`) and
ranks with `ts_rank` over the title and summary (cases.models.SearchEntry, which the public search reads:
see cases.hits). SQLite (the embedded demo) matches a normalised copy of the same text, every word required.
"""

import functools
import operator
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import F, Func, IntegerField, QuerySet, TextField, Value, When
from django.db.models.functions import Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from observatoire.reference.text import normalize

CONFIG = "french_unaccent"
MARK_START, MARK_END = "<mark>", "</mark>"

# Words too common to narrow a search, for the SQLite fallback (PostgreSQL has its own list).
_STOP_WORDS_TEXT = (
    "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon "
    "ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre "
    "vous c d j l m n s t y est sont ete etre avoir"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Links keep their text; headings, emphasis, quotes and tables lose their marks.
MARKDOWN_LINK = r"!?\[([^\]]*)\]\([^)]*\)"
MARKDOWN_PUNCTUATION = r"[#*_`>|~]+"
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def search_cases(queryset: QuerySet, query: str) -> QuerySet:
    """Cases of `queryset` matching `query`, annotated with `rank` (higher is better)."""
    query = (query or "").strip()
    if not query:
        return queryset
    if is_postgresql():
        ts_query = text_search_query(query)
        if ts_query is None:
            return queryset.none().annotate(rank=Value(0.0))
        # Ranked by the title and summary alone, as cases.hits does: ts_rank over the whole document would
        # read every match's TOASTed vector, and a word in the body is a match all the same.
        rank = SearchRank(F("search_entry__title_vector"), ts_query)
        return queryset.filter(search_vector=ts_query).annotate(rank=rank)
    return _search_normalised(queryset, query)


def text_search_query(query: str) -> SearchQuery | None:
    """The PostgreSQL query for `query`, in the websearch syntax: "a phrase", -word, `or` (or `ou`, as on SQLite).

    French stemming does not always fold a plural onto its singular ("potagers" stems to `potager`,
    "potager" to `potag`), so each word also looks for its other number. None when nothing is left to look
    for (punctuation only).
    """
    alternatives = []
    for alternative in re.split(r"\s+(?:or|ou)\s+", query.strip(), flags=re.IGNORECASE):
        parts = []
        for token in _TOKEN.findall(alternative):
            negated = token.startswith("-")
            token = token.lstrip("-")
            if token.startswith('"'):
                phrase = token.strip('"').strip()
                if not _WORD.search(phrase):
                    continue
                queries = [SearchQuery(phrase, search_type="phrase", config=CONFIG, invert=negated)]
            elif _WORD.search(token):
                forms = dict.fromkeys([token, *_other_numbers(token)])
                queries = [SearchQuery(form, config=CONFIG, invert=negated) for form in forms]
            else:
                continue
            # Not (a or b) is (not a) and (not b).
            parts.append(functools.reduce(operator.and_ if negated else operator.or_, queries))
        if parts:
            alternatives.append(functools.reduce(operator.and_, parts))
    return functools.reduce(operator.or_, alternatives) if alternatives else None


def _other_numbers(word: str) -> list[str]:
    """The word's plural if it looks singular, its singular if it looks plural (French regular forms)."""
    if len(word) <= 3 or not word[-1].isalpha():
        return []
    if word[-1] in "sxSX":
        return [word[:-1]]
    return [word + "s"]


def suggest_titles(queryset: QuerySet, query: str, limit: int = 3) -> list[str]:
    """Titles close to a query that found nothing ("did you mean"), by trigram similarity.

    Only PostgreSQL has trigrams; the SQLite demo suggests nothing.
    """
    query = (query or "").strip()
    if not query or not is_postgresql():
        return []
    return list(
        queryset.annotate(similarity=TrigramWordSimilarity(query, "title"))
        .filter(similarity__gte=0.35)
        .order_by("-similarity")
        .values_list("title", flat=True)[:limit]
    )


def highlight_summaries(cases: Iterable, query: str) -> dict[int, SafeString]:
    """Summaries with the query's words marked, keyed by case id, escaped before marking.

    The text is escaped first and only then are `<mark>` tags added, so a summary holding HTML is
    shown as text and never runs.
    """
    cases, query = list(cases), (query or "").strip()
    if not query or not cases:
        return {}
    if is_postgresql():
        marked = _headlines(cases, query, F("summary"), highlight_all=True)
        return {pk: mark_safe(text) for pk, text in marked.items()}  # noqa: S308
    terms = [term for term, negated in _terms(query) if not negated]
    return {case.pk: highlight_text(case.summary, terms) for case in cases}


def highlight_passages(cases: Iterable, query: str) -> dict[int, SafeString]:
    """A short passage of each case's body around the query's words, marked, keyed by case id.

    Only cases whose body holds a word of the query get one: a card shows where a match outside the
    summary was found. The Markdown punctuation is dropped and the text escaped before marking.
    """
    cases, query = list(cases), (query or "").strip()
    if not query or not cases:
        return {}
    if is_postgresql():
        plain = F("body")
        for pattern, replacement in ((MARKDOWN_LINK, r"\1"), (MARKDOWN_PUNCTUATION, ""), (r"\s+", " ")):
            plain = Func(
                plain,
                Value(pattern),
                Value(replacement),
                Value("g"),
                function="regexp_replace",
                output_field=TextField(),
            )
        marked = _headlines(cases, query, plain, max_words=28, min_words=12, max_fragments=2, fragment_delimiter=" … ")
        return {pk: mark_safe(text) for pk, text in marked.items() if MARK_START in text}  # noqa: S308
    terms = [term for term, negated in _terms(query) if not negated]
    passages = {}
    for case in cases:
        for sentence in re.split(r"(?<=[.!?])\s+", plain_text(case.body)):
            marked = highlight_text(_around_first_mark(sentence, terms), terms)
            if MARK_START in marked:
                passages[case.pk] = marked
                break
    return passages


def _headlines(cases: list, query: str, document, **options) -> dict[int, str]:
    """`ts_headline` of `document` for each case, on its escaped text, in one query (PostgreSQL)."""
    from cases.models import Case

    ts_query = text_search_query(query)
    if ts_query is None:
        return {}
    headline = SearchHeadline(
        _escaped(document), ts_query, config=CONFIG, start_sel=MARK_START, stop_sel=MARK_END, **options
    )
    rows = Case.objects.filter(pk__in=[case.pk for case in cases]).annotate(marked=headline)
    return dict(rows.values_list("pk", "marked"))


def plain_text(markdown: str) -> str:
    """Markdown without its punctuation (headings, emphasis, link targets), for excerpts."""
    text = re.sub(MARKDOWN_PUNCTUATION, "", re.sub(MARKDOWN_LINK, r"\1", markdown or ""))
    return re.sub(r"\s+", " ", text).strip()


def _around_first_mark(sentence: str, terms: list[str], width: int = 220) -> str:
    """The sentence, cut to about `width` characters from a little before its first matching word."""
    if len(sentence) <= width:
        return sentence
    stems = [_stem(word) for term in terms for word in term.split()]
    start = 0
    for match in _WORD.finditer(sentence):
        if any(normalize(match.group(0)).startswith(stem) for stem in stems):
            start = max(0, match.start() - width // 3)
            break
    return sentence[start : start + width]


def _escaped(expression):
    """The SQL text of `expression` with `&`, `<` and `>` escaped, so that marking it later is safe."""
    return Replace(
        Replace(Replace(expression, Value("&"), Value("&amp;")), Value("<"), Value("&lt;")),
        Value(">"),
        Value("&gt;"),
    )


def highlight_text(text: str, terms: list[str]) -> SafeString:
    """Escape `text`, then mark each word that a (normalised, stemmed) term begins."""
    stems = [_stem(word) for term in terms for word in term.split()]
    escaped = escape(text or "")
    if not stems:
        return escaped

    def mark(match: re.Match) -> str:
        word = match.group(0)
        folded = normalize(word)
        if any(folded.startswith(stem) for stem in stems):
            return f"{MARK_START}{word}{MARK_END}"
        return word

    # Entities produced by escaping are words too (`amp`, `lt`): leave them alone.
    return mark_safe(re.sub(r"(?<!&)\b\w+\b(?!;)", mark, escaped))  # noqa: S308


def significant_words(text: str) -> list[str]:
    """The words of `text` that narrow a search, normalised and folded, each once, in order."""
    words = (_stem(word) for word in _WORD.findall(normalize(text)) if word not in STOP_WORDS)
    return list(dict.fromkeys(words))


def _stem(word: str) -> str:
    """A crude French plural folding, enough for the demo: "écoles" and "école" meet at "ecole"."""
    word = normalize(word)
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word


def _terms(query: str) -> list[tuple[str, bool]]:
    """Split a websearch-like query into (normalised word or "quoted phrase", negated) pairs."""
    terms = []
    for token in _TOKEN.findall(query):
        negated = token.startswith("-")
        token = token.lstrip("-")
        if token.startswith('"'):
            phrase = " ".join(_WORD.findall(normalize(token)))
            if phrase:
                terms.append((phrase, negated))
            continue
        for word in _WORD.findall(normalize(token)):
            if word not in STOP_WORDS:
                terms.append((_stem(word), negated))
    return terms


def _search_normalised(queryset: QuerySet, query: str) -> QuerySet:
    alternatives = re.split(r"\s+(?:or|ou)\s+", query, flags=re.IGNORECASE)
    matched = None
    for alternative in alternatives:
        terms = _terms(alternative)
        if not any(not negated for _term, negated in terms):
            continue
        branch = queryset
        for term, negated in terms:
            condition = {"search_text__contains": term}
            branch = branch.exclude(**condition) if negated else branch.filter(**condition)
        matched = branch if matched is None else matched | branch
    if matched is None:
        return queryset.none().annotate(rank=Value(0))
    # Without a real ranking, a title match comes first.
    first = [term for term, negated in _terms(alternatives[0]) if not negated]
    title_term = first[0] if first else ""
    return matched.annotate(
        rank=CaseWhen(When(title__icontains=title_term, then=Value(1)), default=Value(0), output_field=IntegerField())
    )


# --- keeping the stored documents up to date -------------------------------------------------------


# Inside `reindex_deferred()`, the cases to reindex (their model, their ids), gathered until the block ends.
_deferred: ContextVar[dict | None] = ContextVar("deferred_reindex", default=None)


@contextmanager
def reindex_deferred() -> Iterator[None]:
    """Reindex each case touched in the block once, when the block ends.

    A load that saves a case, then sets each of its relations, would otherwise rebuild its document at
    every step (the signals cannot know which step is the last).
    """
    pending: dict = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for model, ids in pending.items():
        reindex_cases(model.objects.filter(pk__in=ids))


def reindex_cases(queryset: QuerySet) -> None:
    """Rebuild the search document of every case in `queryset`, in one statement on PostgreSQL."""
    pending = _deferred.get()
    if pending is not None:
        pending.setdefault(queryset.model, set()).update(queryset.values_list("pk", flat=True))
        return
    if is_postgresql():
        _reindex_postgresql(queryset)
    else:
        _reindex_normalised(queryset)


def case_document(case) -> str:
    """Everything a case is found by besides its title and summary (the C-weighted part)."""
    parts = [case.body, case.outcomes, case.place]
    parts += [participation.organization.name for participation in case.participations.all()]
    for department in case.departments.all():
        parts += [department.name, department.region.name]
    parts += [region.name for region in case.regions.all()]
    for related in (case.domains, case.partnership_types, case.engagement_practices, case.dynamics):
        parts += [term.name for term in related.all()]
    return " ".join(part for part in parts if part)


def _reindex_normalised(queryset: QuerySet) -> None:
    from cases.models import Case

    cases = list(
        Case.objects.filter(pk__in=queryset.values("pk")).prefetch_related(
            "participations__organization",
            "departments__region",
            "regions",
            "domains",
            "partnership_types",
            "engagement_practices",
            "dynamics",
        )
    )
    for case in cases:
        text = normalize(" ".join([case.title, case.summary, case_document(case)]))
        case.search_text = " ".join(_WORD.findall(text))
    Case.objects.bulk_update(cases, ["search_text"], batch_size=500)


def _names(through_table: str, fk_column: str, term_table: str, term_pk: str, label: str = "t.name") -> str:
    return (
        f"(SELECT string_agg({label}, ' ') FROM {through_table} x JOIN {term_table} t ON t.{term_pk} = x.{fk_column}"
        f" WHERE x.case_id = c.id)"
    )


def _reindex_postgresql(queryset: QuerySet) -> None:
    from cases.models import Case, Organization, Participation
    from observatoire.reference.models import Department, Region

    related = []
    for field_name in ("domains", "partnership_types", "engagement_practices", "dynamics", "regions"):
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        target = field.related_model._meta
        related.append(_names(through.db_table, field.m2m_reverse_name(), target.db_table, target.pk.column))
    departments = Case._meta.get_field("departments")
    dep_through = departments.remote_field.through._meta.db_table
    related.append(
        f"(SELECT string_agg(d.name || ' ' || r.name, ' ') FROM {dep_through} x"
        f" JOIN {Department._meta.db_table} d ON d.code = x.{departments.m2m_reverse_name()}"
        f" JOIN {Region._meta.db_table} r ON r.code = d.region_id WHERE x.case_id = c.id)"
    )
    related.append(
        f"(SELECT string_agg(o.name, ' ') FROM {Participation._meta.db_table} p"
        f" JOIN {Organization._meta.db_table} o ON o.id = p.organization_id WHERE p.case_id = c.id)"
    )
    ids_sql, params = queryset.values("pk").query.sql_with_params()
    rest = ", ".join(["c.body", "c.outcomes", "c.place", *related])
    sql = f"""
        UPDATE {Case._meta.db_table} AS c SET search_vector =
            setweight(to_tsvector('{CONFIG}', coalesce(c.title, '')), 'A')
            || setweight(to_tsvector('{CONFIG}', coalesce(c.summary, '')), 'B')
            || setweight(to_tsvector('{CONFIG}', concat_ws(' ', {rest})), 'C')
        WHERE c.id IN ({ids_sql})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.execute(*_entries_sql(ids_sql, params))


def _entries_sql(ids_sql: str, params) -> tuple[str, list]:
    """Write the narrow search rows (cases.models.SearchEntry) of the cases `ids_sql` selects."""
    from cases.filters import FACETS
    from cases.models import Case, SearchEntry

    # Two organisations of the same kind in a case make one tag, as the facet counts cases.
    tags = [
        f"ARRAY(SELECT {'DISTINCT ' if facet.case_field is None else ''}'{facet.param}:' || t.{facet.value_field}"
        f" FROM {facet.join_sql} WHERE x.case_id = c.id)"
        for facet in FACETS
    ]
    columns = ["public", "published_at", "start_year", "last_year", "tags", "facet_ends", "title_vector", "document"]
    parts = [f"f.t{index}" for index in range(len(tags))]
    # Where each facet's tags end in `tags`: the running total of their numbers.
    ends = ", ".join(" + ".join(f"cardinality({part})" for part in parts[: index + 1]) for index in range(len(parts)))
    sql = f"""
        INSERT INTO {SearchEntry._meta.db_table} AS e (case_id, {", ".join(columns)})
        SELECT c.id, c.status = %s, c.published_at, c.start_year, coalesce(c.end_year, c.start_year),
            {" || ".join(parts)}, ARRAY[{ends}]::smallint[],
            setweight(to_tsvector('{CONFIG}', coalesce(c.title, '')), 'A')
            || setweight(to_tsvector('{CONFIG}', coalesce(c.summary, '')), 'B'),
            coalesce(c.search_vector, ''::tsvector)
        FROM {Case._meta.db_table} AS c
        CROSS JOIN LATERAL (SELECT {", ".join(f"{tag} AS t{index}" for index, tag in enumerate(tags))}) AS f
        WHERE c.id IN ({ids_sql})
        ON CONFLICT (case_id) DO UPDATE SET {", ".join(f"{column} = EXCLUDED.{column}" for column in columns)}
    """
    return sql, [Case.Status.PUBLISHED, *params]
