"""How the fictitious corpus is spread: years, scales, organisations, domains, practices, departments."""

from bench.synthetic.french import word_set

FIRST_YEAR, LAST_YEAR, LAST_END_YEAR = 2008, 2024, 2025
SLUG_MAX = 120
SCALES = ("local", "departemental", "regional", "national", "international")
SCALE_WEIGHTS = (42, 22, 16, 14, 6)
ORG_KINDS = (
    "association",
    "fondation",
    "entreprise",
    "collectivite",
    "etablissement_public",
    "institution",
    "collectif_citoyen",
    "autre",
)
LEAD_KIND_WEIGHTS = (55, 5, 10, 12, 7, 3, 6, 2)
PARTNER_KIND_WEIGHTS = (15, 10, 35, 20, 10, 5, 3, 2)
PARTNER_ROLES = ("partenaire", "financeur", "accompagnateur")
PARTNER_ROLE_WEIGHTS = (50, 30, 20)

# Zipf–Mandelbrot parameters: s close to 1 as in natural language; q flattens the very head a little so that
# the first ranks of a list are not absurdly dominant next to the template words.
ZIPF_GENERAL = (1.0, 1.5)
ZIPF_DOMAIN = (1.1, 1.0)
# Share of a case's domain-word slots that talk about an untagged, "secondary" domain: real case studies
# mention neighbouring topics now and then, which keeps a domain word's frequency outside its domain above 0.
SECONDARY_DOMAIN_SHARE = 0.15
SECONDARY_DOMAIN_PROBABILITY = 1.0
# Share of the general noun complements ("de <nom>") that take a domain word instead: topical words
# make up a good part of a case study's nouns.
DOMAIN_NOUN_SHARE = 0.35
# Share of general noun complements that get an agreeing adjective ("de coordination territoriale"), when the
# noun's gender can be told from its ending; it spreads the adjectives over the text as in real prose.
NOUN_ADJECTIVE_SHARE = 0.4
# Templates are drawn with Zipf-like weights too (1 / (index + 1.5) ** 0.9, written order); these are the
# exponents 1 / weight of the sampling keys.
TEMPLATE_KEY_EXPONENTS = tuple((index + 1.5) ** 0.9 for index in range(64))
# How many domains a case gets, and how the domain-word slots are shared between them (first = main).
DOMAIN_COUNT_WEIGHTS = (50, 35, 15)
DOMAIN_SHARES = {1: (1.0,), 2: (0.62, 0.38), 3: (0.5, 0.3, 0.2)}
# Size of title + summary + body + outcomes, in characters (UTF-8 adds 2–3 % for accents).
TARGET_CHARS = (2500, 4650, 3300)
SECTION_WEIGHTS = {"context": 1.0, "partnership": 1.0, "implementation": 1.4, "results": 0.9}

# Relative frequency of each domain in the corpus: uneven as in the source's base, where employment and
# education are common and security is rare. Slugs missing here (a vocabulary that grew) weigh 1.
DOMAIN_WEIGHTS = {
    "emploi": 1.6,
    "developpement-economique": 1.0,
    "niveau-de-vie": 0.7,
    "education": 1.5,
    "pauvrete-exclusion": 1.3,
    "sante": 1.2,
    "mal-logement": 0.9,
    "diversite-handicap": 1.0,
    "securite-delinquance": 0.6,
    "vieillissement-intergenerationnel": 0.9,
    "isolement-lien-social": 1.2,
    "acces-numerique": 0.9,
    "culture-loisirs": 0.9,
    "environnement": 1.3,
    "transition-energetique": 0.8,
    "mobilite-transports": 0.8,
}
PARTNERSHIP_WEIGHTS = {
    "mecenat": 4,
    "pratiques-responsables": 2,
    "cooperation-economique": 2,
    "innovation-societale": 2,
}
ENGAGEMENT_WEIGHTS = {
    "engagement-territorial": 3,
    "engagement-salaries": 3,
    "engagement-partenarial": 3,
    "investissement-societal": 1,
}
DYNAMIC_WEIGHTS = {
    "dialogue-territorial": 3,
    "experimentation-collective": 4,
    "accompagnement-acteurs": 3,
    "tiers-lieux": 2,
}

# Approximate population in thousands (INSEE, early 2020s), so that cases concentrate where people and
# organisations are, as in the source's base. A code missing here weighs like a mid-sized department.
DEPARTMENT_POPULATION = dict(
    item.split(":")
    for item in word_set(
        "01:660 02:530 03:335 04:165 05:141 06:1095 07:330 08:270 09:155 10:310 11:375 12:280 13:2045 "
        "14:695 15:144 16:352 17:655 18:300 19:240 21:535 22:600 23:116 24:413 25:545 26:520 27:600 28:430 "
        "29:915 2A:160 2B:182 30:750 31:1415 32:191 33:1650 34:1190 35:1095 36:218 37:610 38:1275 39:258 "
        "40:415 41:328 42:765 43:227 44:1445 45:680 46:174 47:331 48:76 49:820 50:495 51:565 52:172 53:307 "
        "54:733 55:184 56:760 57:1045 58:203 59:2610 60:830 61:280 62:1460 63:660 64:690 65:229 66:480 "
        "67:1140 68:765 69:1880 70:235 71:550 72:565 73:438 74:830 75:2150 76:1255 77:1420 78:1450 79:375 "
        "80:570 81:390 82:260 83:1080 84:560 85:690 86:438 87:372 88:362 89:335 90:141 91:1300 92:1625 "
        "93:1650 94:1410 95:1250 971:384 972:361 973:286 974:870 976:300"
    )
)
DEFAULT_POPULATION = 400
# Above 1, big metropolitan departments are over-represented a little more than their population says.
POPULATION_EXPONENT = 1.15
