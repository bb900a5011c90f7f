"""The fixed mix of French searches the benchmark runs, and the URLs built from it.

Words come from the generator's lexicon (`fixtures/lexicon/`), chosen by the share of cases that hold
them in a 10,000-case corpus (seed 0): frequent words in nearly every case, domain words in 10–20 %, rare
words in 0.5–4 %, phrases from none to a fifth. Filters use the DESIGN's parameters (vocabulary slugs,
INSEE codes), 0 to 3 per query.
"""

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass(frozen=True)
class Query:
    kind: str
    q: str
    filters: dict[str, list[str]] = field(default_factory=dict)

    def params(self) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        return pairs + [(name, value) for name, values in self.filters.items() for value in values]


# fmt: off
QUERIES = [
    # Words in (nearly) every case: the ranking has to score the whole corpus.
    Query("frequent", "partenariat"),
    Query("frequent", "entreprise"),
    Query("frequent", "bénévoles", {"domain": ["emploi"]}),
    Query("frequent", "territoire", {"region": ["84"]}),
    Query("frequent", "accompagnement", {"partnership": ["mecenat"], "dynamic": ["tiers-lieux"]}),
    Query("frequent", "coopération", {"domain": ["sante", "education"]}),
    Query("frequent", "projet", {"engagement": ["engagement-salaries"], "region": ["11"], "domain": ["sante"]}),
    Query("frequent", "atelier"),
    Query("frequent", "association", {"department": ["59"]}),
    # Domain words: 10–20 % of the cases, concentrated in their domain.
    Query("domain", "emploi"),
    Query("domain", "insertion", {"domain": ["emploi"]}),
    Query("domain", "logement"),
    Query("domain", "santé", {"region": ["93"]}),
    Query("domain", "école", {"partnership": ["mecenat"]}),
    Query("domain", "numérique", {"engagement": ["engagement-territorial"], "dynamic": ["tiers-lieux"]}),
    Query("domain", "isolement", {"domain": ["isolement-lien-social"], "region": ["53"]}),
    Query("domain", "pauvreté"),
    Query("domain", "handicap", {"partnership": ["innovation-societale"]}),
    Query("domain", "énergie", {"domain": ["transition-energetique"], "region": ["76"], "dynamic": ["tiers-lieux"]}),
    Query("domain", "culturel"),
    Query("domain", "recrutement", {"department": ["75"]}),
    # Rare words: under 1 % of the cases.
    Query("rare", "illettrisme"),
    Query("rare", "covoiturage"),
    Query("rare", "ressourcerie", {"domain": ["environnement"]}),
    Query("rare", "surendettement"),
    Query("rare", "maraude", {"region": ["11"]}),
    Query("rare", "potager", {"partnership": ["pratiques-responsables"]}),
    Query("rare", "orthophoniste"),
    Query("rare", "billetterie"),
    Query("rare", "microcrédit", {"domain": ["niveau-de-vie"], "engagement": ["investissement-societal"]}),
    Query("rare", "géothermie"),
    # Phrases in quotes.
    Query("phrase", '"tiers-lieu"'),
    Query("phrase", '"mécénat de compétences"'),
    Query("phrase", '"lien social"', {"domain": ["isolement-lien-social"]}),
    Query("phrase", '"comité de pilotage"', {"region": ["84"]}),
    Query("phrase", '"habitants du quartier"'),
    Query("phrase", '"coopération territoriale"', {"partnership": ["cooperation-economique"]}),
    # Nothing matches: the page looks for titles to suggest instead.
    Query("phrase", '"aide alimentaire"'),
    # Two words.
    Query("two words", "emploi jeunes"),
    Query("two words", "logement insertion", {"region": ["32"]}),
    Query("two words", "santé prévention"),
    Query("two words", "numérique seniors", {"domain": ["acces-numerique"]}),
    Query("two words", "mobilité rurale", {"dynamic": ["experimentation-collective"]}),
    Query("two words", "culture quartier", {"partnership": ["mecenat"], "region": ["93"]}),
    Query("two words", "biodiversité entreprises"),
    # Territory names (in the C-weighted part of the document).
    Query("territory", "Bretagne"),
    Query("territory", "Finistère"),
    Query("territory", "Occitanie", {"domain": ["environnement"]}),
    Query("territory", "Réunion"),
    Query("territory", "Gironde emploi"),
    # No words: browsing by facets alone.
    Query("facets only", "", {"domain": ["education"], "region": ["11"]}),
    Query("facets only", "", {"partnership": ["mecenat"], "dynamic": ["tiers-lieux"], "department": ["69"]}),
]
# fmt: on

# A second mix, written afresh (other words, more common words, phrases and browsing by facets alone): the
# search must be fast on what a visitor does first, not only on the words the first mix happened to hold.
# Shares are of the 10,000-case corpus (seed 0).
# fmt: off
FRESH_QUERIES = [
    # Common words: 50–100 % of the cases.
    Query("frequent", "acteurs"),
    Query("frequent", "dispositif"),
    Query("frequent", "démarche", {"region": ["76"]}),
    Query("frequent", "besoins", {"domain": ["pauvrete-exclusion"]}),
    Query("frequent", "professionnels"),
    Query("frequent", "rencontres", {"partnership": ["cooperation-economique"], "region": ["84"]}),
    Query("frequent", "salariés", {"engagement": ["engagement-salaries"]}),
    Query("frequent", "diagnostic"),
    Query("frequent", "confiance", {"dynamic": ["experimentation-collective"]}),
    Query("frequent", "gouvernance"),
    Query("frequent", "réseau", {"organization_kind": ["collectivite"]}),
    Query("two words", "acteurs locaux"),
    Query("two words", "collectivités entreprises", {"domain": ["emploi"]}),
    # Phrases, most of them common (15–80 % of the cases) and one that matches nothing.
    Query("phrase", '"bénévoles accueillent"'),
    Query("phrase", '"entreprises du territoire"'),
    Query("phrase", '"salariés volontaires"', {"domain": ["education"]}),
    Query("phrase", '"carte des ressources"'),
    Query("phrase", '"services sociaux"', {"region": ["11"]}),
    Query("phrase", '"tissu associatif"'),
    Query("phrase", '"fin du parcours"', {"partnership": ["mecenat"]}),
    Query("phrase", '"acteurs de terrain"'),
    Query("phrase", '"table ronde"'),
    Query("phrase", '"semaine de quatre jours"'),
    # Domain and rare words, an exclusion and an alternative.
    Query("domain", "hôpital"),
    Query("domain", "enseignant", {"region": ["32"]}),
    Query("domain", "hébergement", {"domain": ["mal-logement"]}),
    Query("rare", "gériatrie"),
    Query("rare", "carburant"),
    Query("syntax", "entreprise -mécénat"),
    Query("syntax", "hôpital ou infirmier", {"region": ["44"]}),
    # No words: browsing by facets alone, from one facet to four.
    Query("facets only", "", {"domain": ["emploi"]}),
    Query("facets only", "", {"region": ["84"]}),
    Query("facets only", "", {"partnership": ["mecenat"]}),
    Query("facets only", "", {"dynamic": ["tiers-lieux"], "region": ["53"]}),
    Query("facets only", "", {"organization_kind": ["fondation"], "domain": ["sante"]}),
    Query("facets only", "", {"engagement": ["engagement-salaries"], "partnership": ["pratiques-responsables"],
                              "domain": ["education"], "region": ["11"]}),
    Query("facets only", "", {"department": ["13"]}),
]
# fmt: on

CASE_SAMPLE = 50


def query_string(query: Query) -> str:
    return urlencode(query.params())


# Large and small regions, metropolitan and overseas.
REPORT_REGIONS = ["11", "84", "76", "53", "94", "04"]


def endpoint_urls(case_slugs: list[str]) -> dict[str, list[str]]:
    """Each measured endpoint with the URLs it is measured on, in a fixed order."""
    strings = [query_string(query) for query in QUERIES]
    fresh = [query_string(query) for query in FRESH_QUERIES]
    return {
        "api_search": [f"/api/v1/cases/?{string}" for string in strings],
        "search_page": [f"/cas/?{string}" for string in strings],
        "api_search_fresh": [f"/api/v1/cases/?{string}" for string in fresh],
        "search_page_fresh": [f"/cas/?{string}" for string in fresh],
        "case_page": [f"/cas/{slug}/" for slug in case_slugs],
        "api_detail": [f"/api/v1/cases/{slug}/" for slug in case_slugs],
        "home": ["/"],
        # The regional report composes the indicators, the survey figures and the region's cases.
        "region_report": [f"/territoires/{code}/rapport/" for code in REPORT_REGIONS],
        "bare": ["/bench/bare/"],
    }


def sample_slugs(slugs: list[str], count: int = CASE_SAMPLE, seed: int = 0) -> list[str]:
    """A fixed sample of case slugs (the same for the same corpus)."""
    ordered = sorted(slugs)
    return random.Random(seed).sample(ordered, min(count, len(ordered)))
