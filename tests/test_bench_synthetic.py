"""The fictitious case generator: shape of the rows, determinism, and the word statistics search depends on.

No database: the generator is pure Python, fed here from the fixture files that `load_reference` reads.
"""

import json
import math
import re
from collections import Counter
from pathlib import Path
from statistics import median

import pytest

from bench.synthetic import (
    LEXICON_DIR,
    adjective_forms,
    elide,
    fixed_phrases,
    generate,
    load_lexicon,
    past_participle,
    slugify,
)
from cases.models import Case, Organization, Participation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYS = {
    "slug",
    "title",
    "summary",
    "body",
    "outcomes",
    "domains",
    "partnerships",
    "engagements",
    "dynamic",
    "region",
    "department",
    "year",
    "end_year",
    "scale",
    "place",
    "organizations",
}
# The generator stands apart from Django; what it writes must still be what the models accept.
KINDS = set(Organization.Kind.values)
ROLES = set(Participation.Role.values)
SCALES = set(Case.Scale.values)
WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+")
SIZE = 2000


def _vocabularies() -> dict[str, list[str]]:
    data = json.loads((FIXTURES / "vocabularies.json").read_text(encoding="utf-8"))
    return {
        "domains": [row["slug"] for row in data["domains"]],
        "partnerships": [row["slug"] for row in data["partnership_types"]],
        "engagements": [row["slug"] for row in data["engagement_practices"]],
        "dynamics": [row["slug"] for row in data["collective_dynamics"]],
    }


def _departments() -> list[tuple[str, str]]:
    rows = json.loads((FIXTURES / "territories" / "departements.json").read_text(encoding="utf-8"))
    return [(row["code"], row["region"]) for row in rows if row["zone"] in ("metro", "drom")]


VOCABULARIES = _vocabularies()
DEPARTMENTS = _departments()


def _generate(n: int, seed: int = 0, **overrides) -> list[dict]:
    arguments = {"vocabularies": VOCABULARIES, "departments": DEPARTMENTS, **overrides}
    return list(generate(n, seed=seed, **arguments))


def _text(case: dict) -> str:
    return " ".join((case["title"], case["summary"], case["body"], case["outcomes"]))


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return _generate(SIZE, seed=11)


@pytest.fixture(scope="module")
def documents(corpus) -> list[set[str]]:
    """Each case's set of words, lower-cased, split on anything that is not a letter (as search does)."""
    return [set(WORD.findall(_text(case).lower())) for case in corpus]


def _document_frequency(documents: list[set[str]], word: str) -> float:
    return sum(word in words for words in documents) / len(documents)


def test_the_same_seed_gives_the_same_cases_and_another_seed_others():
    assert _generate(40, seed=5) == _generate(40, seed=5)
    assert _generate(40, seed=5) != _generate(40, seed=6)
    # The first cases do not depend on how many are asked for: a bigger corpus extends a smaller one.
    assert _generate(60, seed=5)[:40] == _generate(40, seed=5)


def test_slugs_are_unique_ascii_and_short(corpus):
    slugs = [case["slug"] for case in corpus]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert len(slug) <= 120
        assert re.fullmatch(r"cas-fictif-\d{6}-[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_every_case_has_exactly_the_expected_keys_and_types(corpus):
    for case in corpus:
        assert set(case) == KEYS
        for key in ("slug", "title", "summary", "body", "outcomes", "dynamic", "region", "department", "place"):
            assert isinstance(case[key], str) and case[key], key
        for key in ("domains", "partnerships", "engagements", "organizations"):
            assert isinstance(case[key], list), key
        assert isinstance(case["year"], int)
        assert case["end_year"] is None or isinstance(case["end_year"], int)


def test_tags_come_from_the_vocabularies_in_the_expected_numbers(corpus):
    for case in corpus:
        assert 1 <= len(case["domains"]) <= 3 and set(case["domains"]) <= set(VOCABULARIES["domains"])
        assert 1 <= len(case["partnerships"]) <= 2 and set(case["partnerships"]) <= set(VOCABULARIES["partnerships"])
        assert 1 <= len(case["engagements"]) <= 2 and set(case["engagements"]) <= set(VOCABULARIES["engagements"])
        for key in ("domains", "partnerships", "engagements"):
            assert len(set(case[key])) == len(case[key])
        assert case["dynamic"] in VOCABULARIES["dynamics"]
        assert (case["department"], case["region"]) in DEPARTMENTS
        assert 2008 <= case["year"] <= 2024
        assert case["end_year"] is None or case["end_year"] >= case["year"]
        assert case["scale"] in SCALES
    counts = Counter(len(case["domains"]) for case in corpus)
    assert counts[1] > counts[3] and counts[2] > counts[3] > 0


def test_organizations_have_one_lead_and_known_kinds_and_roles(corpus):
    for case in corpus:
        organizations = case["organizations"]
        assert 1 <= len(organizations) <= 4
        assert [org["role"] for org in organizations].count("porteur") == 1
        assert len({org["name"] for org in organizations}) == len(organizations)
        for org in organizations:
            assert set(org) == {"name", "kind", "role"}
            assert org["kind"] in KINDS and org["role"] in ROLES and org["name"].strip()


def test_text_sizes_and_shapes(corpus):
    sizes = [len(_text(case).encode("utf-8")) for case in corpus]
    assert sum(2000 <= size <= 5000 for size in sizes) >= 0.95 * len(sizes)
    for case in corpus:
        assert 4 <= len(case["title"].split()) <= 10, case["title"]
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", case["summary"])) <= 3, case["summary"]
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", case["outcomes"])) <= 3, case["outcomes"]
        assert 2 <= len(re.findall(r"^## \S", case["body"], flags=re.MULTILINE)) <= 4
        assert case["body"].startswith("## ")


def test_domains_and_departments_are_uneven_but_all_possible(corpus):
    departments = Counter(case["department"] for case in corpus)
    for big in ("75", "13", "69", "59", "33"):
        assert departments[big] > departments["48"] and departments[big] > departments["23"]
    assert len(departments) >= 80
    domains = Counter(slug for case in corpus for slug in case["domains"])
    assert set(domains) == set(VOCABULARIES["domains"])
    assert domains.most_common()[0][1] >= 2 * domains.most_common()[-1][1]
    # A department without any population figure is still drawn.
    few = _generate(300, departments=[("75", "11"), ("99", "99")])
    assert {case["department"] for case in few} == {"75", "99"}


@pytest.mark.parametrize(("domain", "word"), [("education", "école"), ("emploi", "emploi"), ("sante", "santé")])
def test_a_domain_word_is_concentrated_in_its_domains_cases(corpus, documents, domain, word):
    frequency = _document_frequency(documents, word)
    assert 0.05 <= frequency <= 0.30, frequency
    tagged = [words for case, words in zip(corpus, documents, strict=True) if domain in case["domains"]]
    others = [words for case, words in zip(corpus, documents, strict=True) if domain not in case["domains"]]
    in_tagged = _document_frequency(tagged, word)
    in_others = _document_frequency(others, word)
    assert in_tagged >= 3 * in_others and in_tagged >= 0.5, (in_tagged, in_others)
    assert in_others > 0  # neighbouring topics get mentioned now and then


def test_stop_words_are_everywhere_and_most_words_are_rare(documents):
    for stop_word in ("de", "la", "les", "et", "des", "le", "en", "pour"):
        assert _document_frequency(documents, stop_word) >= 0.98, stop_word
    frequencies = Counter(word for words in documents for word in words)
    assert len(frequencies) >= 3000
    assert median(frequencies.values()) / len(documents) < 0.02


def test_rank_frequency_follows_a_zipf_law(corpus):
    counts = Counter(word for case in corpus for word in WORD.findall(_text(case).lower()))
    ranked = [count for _word, count in counts.most_common()]
    top_words = {word for word, _count in counts.most_common(12)}
    assert {"de", "la", "les", "et", "des"} <= top_words
    xs = [math.log(rank) for rank in range(10, 1001)]
    ys = [math.log(ranked[rank - 1]) for rank in range(10, 1001)]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)
    assert -1.7 < slope < -0.8, slope


def test_no_real_organisation_is_named(corpus):
    real = (
        "Emmaüs",
        "Secours populaire",
        "Secours catholique",
        "Restos du cœur",
        "Croix-Rouge",
        "Fondation de France",
        "Abbé Pierre",
        "Pôle emploi",
        "France Travail",
        "Orange",
        "Engie",
        "Veolia",
        "Carrefour",
        "Danone",
        "La Poste",
        "Crédit Agricole",
        "Habitat et Humanisme",
        "Petits Frères",
    )
    texts = [_text(case) + " " + " ".join(org["name"] for org in case["organizations"]) for case in corpus]
    for name in real:
        assert not any(name in text for text in texts), name


def test_the_lexicon_is_large_clean_and_split_by_domain():
    lexicon = load_lexicon()
    words = lexicon.all_words()
    assert len(words) >= 3000
    for word in words:
        assert WORD.fullmatch(word), word
    assert set(lexicon.domains) == set(VOCABULARIES["domains"])
    seen: dict[str, str] = {}
    for slug, domain_words in lexicon.domains.items():
        assert 40 <= len(domain_words) <= 80, slug
        for word in domain_words:
            assert seen.setdefault(word, slug) == slug, f"{word} is in {seen[word]} and {slug}"
    assert (LEXICON_DIR / "README.md").exists()


def test_the_fixed_text_uses_no_domain_word():
    """A domain word in a template would appear in every case and no longer tell the domains apart."""
    domain_words = {word for words in load_lexicon().domains.values() for word in words}
    leaks = set()
    for text in fixed_phrases():
        for word in WORD.findall(text.lower()):
            if {word, word.rstrip("sx")} & domain_words:
                leaks.add(word)
    assert not leaks


def test_missing_vocabularies_or_departments_are_refused():
    with pytest.raises(ValueError, match="domains"):
        generate(1, vocabularies={**VOCABULARIES, "domains": []}, departments=DEPARTMENTS)
    with pytest.raises(ValueError, match="departments"):
        generate(1, vocabularies=VOCABULARIES, departments=[])
    assert _generate(0) == []


def test_french_helpers():
    assert elide("de", "insertion") == "d'insertion"
    assert elide("de", "habitat") == "d'habitat"
    assert elide("de", "handicap") == "de handicap"
    assert elide("de", "santé") == "de santé"
    assert adjective_forms("social") == ("social", "sociale", "sociaux", "sociales")
    assert adjective_forms("actif") == ("actif", "active", "actifs", "actives")
    assert adjective_forms("novateur") == ("novateur", "novatrice", "novateurs", "novatrices")
    assert adjective_forms("nouveau") == ("nouveau", "nouvelle", "nouveaux", "nouvelles")
    assert past_participle("accompagner") == "accompagné"
    assert past_participle("construire") == "construit"
    assert past_participle("choisir") == "choisi"
    assert slugify("Réseau d'entraide à Évreux-les-Prés") == "reseau-d-entraide-a-evreux-les-pres"
