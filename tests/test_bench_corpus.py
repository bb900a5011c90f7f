"""The benchmark's JSON-lines corpus format (bench/jsonl.py): what other tools feed the benchmark."""

import json

import pytest

from bench.jsonl import CorpusError, load
from cases.models import Case
from cases.search import search

pytestmark = pytest.mark.django_db

ROW = {
    "slug": "cas-fictif-jsonl-1",
    "title": "Un atelier vélo fictif pour les salariés",
    "summary": "Une alliance fictive entre une association et une entreprise.",
    "body": "## Contexte\n\nLes **salariés** réparent des vélos avec une association.",
    "domains": ["mobilite-transports", "emploi"],
    "partnerships": ["mecenat"],
    "engagements": ["engagement-salaries"],
    "dynamic": "tiers-lieux",
    "region": "84",
    "department": "69",
    "year": 2021,
}


def _write(tmp_path, *rows) -> str:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8")
    return str(path)


def test_it_loads_one_published_fictitious_case_a_line(tmp_path):
    second = {**ROW, "slug": "cas-fictif-jsonl-2", "domains": ["sante"]}

    assert load(_write(tmp_path, ROW, second)) == 2

    case = Case.objects.published().get(slug="cas-fictif-jsonl-1")
    assert case.is_fictitious
    assert sorted(case.domains.values_list("slug", flat=True)) == ["emploi", "mobilite-transports"]
    assert list(case.departments.values_list("code", flat=True)) == ["69"]
    assert "<strong>salariés</strong>" in case.body_html
    assert case.pk in search({"q": "vélo"}, user=None).ids()


def test_a_line_without_a_required_field_is_named(tmp_path):
    incomplete = {key: value for key, value in ROW.items() if key != "dynamic"}

    with pytest.raises(CorpusError, match="line 2: missing dynamic"):
        load(_write(tmp_path, {**ROW, "slug": "cas-fictif-jsonl-0"}, incomplete))


def test_an_unknown_vocabulary_slug_is_named(tmp_path):
    with pytest.raises(CorpusError, match="unknown domains inconnu"):
        load(_write(tmp_path, {**ROW, "domains": ["inconnu"]}))
