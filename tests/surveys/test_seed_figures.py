"""Every figure of reference/seed-facts.md §4, found through the API with its provenance.

The table below is written from the seed facts, not from fixtures/surveys/: if the demo data drifts from
the source (a value, a provenance, a lost value stored as 0), this test fails.
"""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db

R, D, M = "read", "derived", "missing"
INST, CIT, CIT15 = "phare-institutions-2016", "impact-citoyens-2019", "phare-population-2015"
ENT, ENT11, ASSO = "phare-entreprises-2015", "entreprises-2011", "phare-associations-2015"

Q1_ROWS = [
    # domain as printed, mean 2019, mean 2015 (None: illegible)
    ("Emploi / chômage / insertion", "6.4", "7.1"),
    ("Niveau de vie / pouvoir d'achat", "6.3", "6.6"),
    ("Sécurité / délinquance", "6.0", "6.6"),
    ("Mobilité / transports", "5.9", "6.0"),
    ("Environnement / pollution / biodiversité", "5.9", "6.3"),
    ("Développement économique", "5.9", "6.5"),
    ("Transition énergétique", "5.9", "6.1"),
    ("Pauvreté / lutte contre l'exclusion", None, None),
    ("Vieillissement / intergénération", None, None),
    ("Santé", "5.8", "6.2"),
    ("Éducation", "5.6", "6.1"),
    ("Mal logement", None, None),
    ("Isolement / manque de lien social", None, None),
    ("Diversité / handicap", None, None),
    ("L'accès au numérique (internet)", None, "5.5"),  # OCR reads "3.1" for 2019: impossible, illegible
    ("Culture / loisirs", "5.0", "5.5"),
]

INST_Q8 = [
    ("Impulser des rencontres entre les organisations du territoire", "74", D, "24", "98"),
    ("Animer un dialogue territorial entre les organisations", "71", D, "25", "96"),
    ("Accompagner les organisations pour les aider à monter des partenariats", "68", R, "29", "97"),
    ("Promouvoir les alliances innovantes", "64", R, "33", "97"),
    ("Participer à des expérimentations collectives", "56", R, "39", "95"),
    ("S'impliquer dans des partenariats publics / privés", "54", D, "34", "88"),
]

# (study, question, row, answer, segment, value, provenance)
SEED = [
    (INST, "q3", "", "Oui, tout à fait", "Ensemble", "45", D),
    (INST, "q3", "", "Oui, plutôt", "Ensemble", "42", R),
    (INST, "q3", "", "Non, plutôt pas", "Ensemble", "8", R),
    (INST, "q3", "", "Non, pas du tout", "Ensemble", "5", R),
    (INST, "q3", "", "Oui", "Ensemble", "87", R),
    (INST, "q4", "", "Oui, tout à fait, cela est ancré dans le fonctionnement du territoire", "Ensemble", "17", R),
    (INST, "q4", "", "Oui, les initiatives de co-construction sont de plus en plus nombreuses", "Ensemble", "13", R),
    (INST, "q4", "", "Un peu, cela commence à émerger", "Ensemble", "46", R),
    (INST, "q4", "", "Non, pas du tout", "Ensemble", "24", R),
    (INST, "juste-place-citoyens", "L'environnement", "Très important", "Ensemble", "61", R),
    (INST, "juste-place-citoyens", "L'éducation", "Très important", "Ensemble", "52", R),
    (INST, "juste-place-citoyens", "Le lien social, l'isolement", "Très important", "Ensemble", "50", R),
    (INST, "juste-place-associations", "Le lien social, l'isolement", "Très important", "Ensemble", "54", R),
    (INST, "juste-place-associations", "La culture, les loisirs", "Très important", "Ensemble", "52", R),
    (INST, "juste-place-associations", "L'environnement", "Très important", "Ensemble", "47", R),
    (INST, "juste-place-associations", "La pauvreté, précarité", "Très important", "Ensemble", "40", R),
    (INST, "juste-place-entreprises", "Le développement économique", "Très important", "Ensemble", "69", R),
    (INST, "juste-place-entreprises", "L'emploi, le chômage", "Très important", "Ensemble", "69", R),
    (INST, "juste-place-entreprises", "L'environnement", "Très important", "Ensemble", "56", R),
    (INST, "juste-place-entreprises", "La transition énergétique", "Très important", "Ensemble", None, M),
    *[
        figure
        for row, first, first_provenance, second, either in INST_Q8
        for figure in [
            (INST, "q8", row, "Prioritaire", "Ensemble", first, first_provenance),
            (INST, "q8", row, "Secondaire", "Ensemble", second, R),
            (INST, "q8", row, "Prioritaire ou secondaire", "Ensemble", either, R),
        ]
    ],
    *[(CIT, "q1", row, "Moyenne /10", "Ensemble", mean, R if mean else M) for row, mean, _ in Q1_ROWS],
    *[(CIT15, "fragilites", row, "Moyenne /10", "Ensemble", mean, R if mean else M) for row, _, mean in Q1_ROWS],
    (CIT, "q8", "", "Indispensable", "Ensemble", "24", R),
    (CIT, "q8", "", "Nécessaire", "Ensemble", "57", R),
    (CIT, "q8", "", "Ni nécessaire ni pas nécessaire", "Ensemble", "15", R),
    (CIT, "q8", "", "Pas nécessaire", "Ensemble", "3", R),
    (CIT, "q8", "", "Pas nécessaire du tout", "Ensemble", "1", R),
    (CIT, "q8", "", "Indispensable + nécessaire", "Ensemble", "81", R),
    (CIT, "q8", "", "Pas nécessaire + pas nécessaire du tout", "Ensemble", "4", R),
    (CIT, "q6", "Légitimes", "D'accord", "Ensemble", "70", R),
    (CIT, "q6", "Légitimes", "Plutôt d'accord", "Ensemble", "50", R),
    (CIT, "q6", "Légitimes", "Tout à fait d'accord", "Ensemble", "20", D),
    (CIT, "q6", "Légitimes", "Ni d'accord ni pas d'accord", "Ensemble", None, M),
    (CIT, "q6", "Crédibles", "D'accord", "Ensemble", "65", R),
    (CIT, "q6", "Crédibles", "Plutôt d'accord", "Ensemble", "46", R),
    (CIT, "q6", "Crédibles", "Tout à fait d'accord", "Ensemble", "19", D),
    (CIT, "q6", "Crédibles", "Ni d'accord ni pas d'accord", "Ensemble", "27", R),
    (CIT, "q6", "Efficaces", "D'accord", "Ensemble", "48", R),
    (CIT, "q6", "Efficaces", "Plutôt d'accord", "Ensemble", "37", R),
    (CIT, "q6", "Efficaces", "Tout à fait d'accord", "Ensemble", "11", D),
    (CIT, "q6", "Efficaces", "Ni d'accord ni pas d'accord", "Ensemble", "41", R),
    (
        ENT,
        "relations-partenariales",
        "",
        "Oui, nous avons mis en place des relations partenariales",
        "Ensemble",
        None,
        M,
    ),
    (
        ENT,
        "relations-partenariales",
        "",
        "Nous n'avons pas mis en place de relations partenariales mais nous avons l'intention d'en développer dans "
        "les 2 prochaines années",
        "Ensemble",
        None,
        M,
    ),
    (
        ENT,
        "relations-partenariales",
        "",
        "Non, nous n'avons pas mis en place de relations et n'avons pas l'intention d'en mettre en place",
        "Ensemble",
        None,
        M,
    ),
    (
        ENT11,
        "relations-partenariales",
        "",
        "Oui, nous avons mis en place des relations partenariales",
        "Ensemble",
        "28.5",
        R,
    ),
    (ENT, "q11", "Pratiques responsables", "Oui", "Ensemble", "45", R),
    (ENT, "q11", "Mécénat", "Oui", "Ensemble", "30", R),
    (ENT, "q11", "Coopération économique", "Oui", "Ensemble", "25", R),
    (ENT, "q11", "Innovation sociétale", "Oui", "Ensemble", "16", R),
    *[
        (ASSO, "partenariats", "Associations employeuses", "Ont mis en place des partenariats", area, value, R)
        for area, value in [
            ("Ensemble", "53"),
            ("Île-de-France", "46"),
            ("Nord-Est", "62"),
            ("Nord-Ouest", "47"),
            ("Sud-Est", "60"),
            ("Sud-Ouest", "49"),
        ]
    ],
    (ASSO, "partenariats", "Associations non employeuses", "Ont mis en place des partenariats", "Ensemble", "35", R),
    *[
        (ASSO, "partenariats", "Associations non employeuses", "Ont mis en place des partenariats", area, None, M)
        for area in ["Île-de-France", "Nord-Est", "Nord-Ouest", "Sud-Est", "Sud-Ouest"]
    ],
    (ASSO, "q13", "Mécénat", "Oui", "Ensemble", "67", R),
    (ASSO, "q13", "Pratiques responsables", "Oui", "Ensemble", "29", R),
    (ASSO, "q13", "Innovation sociétale", "Oui", "Ensemble", "26", R),
    (ASSO, "q13", "Coopération économique", "Oui", "Ensemble", "25", R),
    (
        "jouer-collectif-citoyens-2020",
        "jouer-collectif",
        "",
        "Réaffirment la nécessité des alliances",
        "Ensemble",
        None,
        M,
    ),
    ("jouer-collectif-pme-2020", "jouer-collectif", "", "Réaffirment la nécessité des alliances", "Ensemble", "84", R),
]

REGIONAL_BASES_MILLIONS = {
    "Île-de-France": ("11", "6.3"),
    "Grand Est": ("44", "4.4"),
    "Nouvelle-Aquitaine": ("75", "4.7"),
    "Auvergne-Rhône-Alpes": ("84", "6.1"),
    "Bourgogne-Franche-Comté": ("27", "2.2"),
    "Bretagne": ("53", "2.6"),
    "Centre-Val de Loire": ("24", "2.0"),
    "Occitanie": ("76", "4.6"),
    "Hauts-de-France": ("32", "4.6"),
    "Normandie": ("28", "2.6"),
    "Pays de la Loire": ("52", "2.9"),
    "Provence-Alpes-Côte d'Azur + Corse": ("93|94", "4.3"),
}


def _all(client, url: str) -> list[dict]:
    results = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        results += response.json()["results"]
        url = response.json()["next"]
    return results


@pytest.fixture
def api_figures(demo, client) -> dict[tuple, dict]:
    figures = _all(client, "/api/v1/figures/?page_size=100")
    return {(f["study"], f["question_slug"], f["row"] or "", f["answer"], f["segment"]): f for f in figures}


def test_the_table_covers_the_seed_facts_once():
    keys = [entry[:5] for entry in SEED]
    # Q3 5, Q4 4, "juste place" 3 + 4 + 4, Q8 (mayors) 6 × 3, Q1 16 + 16 (2015), Q8 7, Q6 3 × 4,
    # PHARE-Entreprises 3 + 1 (2011) + 4, PHARE-Associations 12 + 4, "jouer collectif" 2.
    assert len(keys) == len(set(keys)) == 115


def test_every_seed_figure_is_in_the_api_with_its_provenance(api_figures):
    problems = []
    for study, question, row, answer, segment, value, provenance in SEED:
        where = f"{study} / {question} / {row} / {answer} / {segment}"
        figure = api_figures.get((study, question, row, answer, segment))
        if figure is None:
            problems.append(f"not in the API: {where}")
            continue
        if figure["provenance"] != provenance:
            problems.append(f"{where}: provenance {figure['provenance']}, expected {provenance}")
        if value is None and figure["value"] is not None:
            problems.append(f"{where}: {figure['value']} where the source's value is lost (null expected)")
        if value is not None and (figure["value"] is None or Decimal(str(figure["value"])) != Decimal(value)):
            problems.append(f"{where}: {figure['value']}, expected {value}")
    assert problems == []


def test_no_readable_value_exists_beyond_the_seed_facts(api_figures):
    """Figures the product adds (answers the charts' legends print, values lost) are all missing."""
    seeded = {entry[:5] for entry in SEED}
    extra = {key: figure for key, figure in api_figures.items() if key not in seeded}
    assert extra, "the legends' lost answers (Q6, Q8 « Pas indispensable ») are stored as missing"
    assert {(figure["provenance"], figure["value"]) for figure in extra.values()} == {("missing", None)}


def test_no_figure_is_zero(api_figures):
    assert all(figure["value"] != 0 for figure in api_figures.values())


def test_the_bases_are_those_of_the_source(api_figures, client):
    assert {f["base"] for k, f in api_figures.items() if k[0] == CIT} == {50_200_000}
    assert {f["base"] for k, f in api_figures.items() if k[:2] == (ENT, "q11")} == {221_900}
    assert {f["base"] for k, f in api_figures.items() if k[:2] == (ASSO, "q13")} == {267_697}

    citizens = client.get(f"/api/v1/studies/{CIT}/").json()
    assert citizens["universe_size"] == 50_200_000
    segments = {segment["label"]: segment for segment in citizens["segments"]}
    assert segments["Ensemble"]["base"] == 50_200_000
    for label, (codes, millions) in REGIONAL_BASES_MILLIONS.items():
        assert segments[label]["base"] == int(Decimal(millions) * 1_000_000), label
        assert set(segments[label]["regions"]) == set(codes.split("|")), label
    assert client.get(f"/api/v1/studies/{ENT}/").json()["universe_size"] == 221_900


@pytest.mark.parametrize(
    ("study", "line"),
    [
        (
            INST,
            "Source : étude PHARE-Institutions de l'Observatoire des partenariats (Comisis — OpinionWay, octobre 2016)",
        ),
        (CIT, "Source : étude IMPACT-Citoyens de l'Observatoire des partenariats (Comisis — OpinionWay, octobre 2019)"),
        (
            ENT,
            "Source : étude PHARE-Entreprises de l'Observatoire des partenariats (Comisis — OpinionWay, octobre 2015)",
        ),
        (
            ASSO,
            "Source : étude PHARE-Associations de l'Observatoire des partenariats "
            "(Comisis — OpinionWay, novembre 2015)",
        ),
    ],
)
def test_each_study_carries_its_source_line(demo, client, study, line):
    assert client.get(f"/api/v1/studies/{study}/").json()["citation"] == line


def test_q1_2019_is_compared_with_its_2015_wave(demo, client):
    questions = {q["slug"]: q for q in client.get(f"/api/v1/questions/?study={CIT}").json()["results"]}
    previous = client.get(f"/api/v1/questions/{questions['q1']['previous_wave']}/").json()
    assert (previous["study"], previous["slug"]) == (CIT15, "fragilites")


def test_loading_twice_changes_nothing(demo):
    from surveys.models import Figure
    from surveys.services import demo_surveys_load

    before = Figure.history.count()
    demo_surveys_load()
    assert Figure.history.count() == before
