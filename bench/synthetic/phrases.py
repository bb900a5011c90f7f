"""The fixed French phrases the templates draw from: audiences, practices, invented towns, places and
organisations; and the list of all fixed text, for the test that no domain word leaks into it."""

import re

from bench.synthetic.templates import (
    BULLET_INTRODUCTIONS,
    BULLET_TEMPLATES,
    OUTCOME_TEMPLATES,
    SECTION_HEADINGS,
    SECTION_TEMPLATES,
    SUMMARY_TEMPLATES,
    TITLE_ACTORS,
    TITLE_HEADS,
    TITLE_SETTINGS,
    TITLE_TEMPLATES,
)

GENERIC_AUDIENCES = (
    "habitants",
    "familles",
    "jeunes",
    "jeunes adultes",
    "personnes accompagnées",
    "participants",
    "enfants",
    "adolescents",
    "femmes",
    "parents",
    "bénéficiaires",
    "riverains",
    "citoyens",
    "résidents",
    "personnes en difficulté",
    "publics les plus fragiles",
)
# Audiences that belong to one domain; they use that domain's words, so they only appear in its cases.
DOMAIN_AUDIENCES = {
    "emploi": ("demandeurs d'emploi", "chômeurs de longue durée", "apprentis", "travailleurs saisonniers"),
    "developpement-economique": ("commerçants", "artisans", "entrepreneurs du territoire"),
    "niveau-de-vie": ("ménages modestes", "foyers aux revenus modestes", "consommateurs"),
    "education": ("élèves", "collégiens", "lycéens", "étudiants"),
    "pauvrete-exclusion": ("personnes en situation de précarité", "familles démunies", "personnes exilées"),
    "sante": ("patients", "malades chroniques", "soignants"),
    "mal-logement": ("locataires", "ménages mal logés", "familles hébergées"),
    "diversite-handicap": ("personnes en situation de handicap", "personnes handicapées", "personnes autistes"),
    "securite-delinquance": ("victimes", "personnes détenues", "jeunes suivis par la justice"),
    "vieillissement-intergenerationnel": ("personnes âgées", "seniors", "aidants", "retraités"),
    "isolement-lien-social": ("personnes isolées", "voisins", "personnes en situation d'isolement"),
    "acces-numerique": ("internautes débutants", "personnes éloignées du numérique"),
    "culture-loisirs": ("spectateurs", "artistes amateurs", "jeunes sportifs"),
    "environnement": ("jardiniers amateurs", "apiculteurs", "promeneurs de la forêt"),
    "transition-energetique": ("particuliers", "copropriétaires", "ménages énergivores"),
    "mobilite-transports": ("cyclistes", "usagers des transports", "conducteurs", "piétons"),
}
DOMAIN_AUDIENCE_SHARE = 0.35

PRACTICE_PHRASES = {
    "mecenat": (
        "un mécénat financier de l'entreprise partenaire",
        "un mécénat de compétences des salariés",
        "un apport matériel et un soutien financier sur plusieurs années",
        "un don de matériel complété par un mécénat de compétences",
    ),
    "pratiques-responsables": (
        "l'évolution des pratiques de l'entreprise grâce au savoir-faire de l'association",
        "des achats responsables auprès de structures sociales",
        "un accompagnement de l'entreprise dans sa démarche de responsabilité sociétale",
        "la transformation des pratiques internes de l'entreprise",
    ),
    "cooperation-economique": (
        "une offre construite en commun par l'association et l'entreprise",
        "une réponse commune à un appel d'offres",
        "un service conçu ensemble puis proposé par les deux partenaires",
        "la place de l'association dans la chaîne de valeur de l'entreprise",
    ),
    "innovation-societale": (
        "le soutien de l'entreprise au démarrage d'une innovation sociale",
        "l'accompagnement du changement d'échelle d'une innovation sociétale",
        "un programme de recherche et développement partagé",
        "la conception commune d'une solution nouvelle",
    ),
    "engagement-territorial": (
        "un ancrage fort dans la vie locale",
        "la participation des partenaires aux instances locales de concertation",
        "un engagement durable des entreprises envers le territoire",
    ),
    "engagement-salaries": (
        "des journées de bénévolat proposées aux salariés",
        "des missions solidaires ouvertes aux collaborateurs",
        "l'implication volontaire des salariés dans les actions",
    ),
    "engagement-partenarial": (
        "une relation de long terme entre les partenaires",
        "un comité de pilotage partagé entre tous les partenaires",
        "des objectifs communs révisés chaque année",
    ),
    "investissement-societal": (
        "un investissement à impact social dans le projet",
        "un fonds dédié aux projets d'utilité sociale",
        "un financement solidaire consenti par un partenaire financier",
    ),
    "dialogue-territorial": (
        "une dynamique de dialogue territorial qui met les acteurs en relation",
        "des temps de rencontre réguliers pour partager la connaissance du territoire",
    ),
    "experimentation-collective": (
        "une expérimentation collective copilotée par les partenaires",
        "une démarche d'expérimentation où les acteurs construisent puis évaluent ensemble les solutions",
    ),
    "accompagnement-acteurs": (
        "un programme d'accompagnement des porteurs de projets",
        "une démarche d'incubation et d'essaimage vers d'autres territoires",
    ),
    "tiers-lieux": (
        "la gestion d'un tiers-lieu ouvert à tous",
        "un tiers-lieu qui réunit espace de coworking, fablab et démonstrateur",
    ),
}
GENERIC_PRACTICE_PHRASES = ("une démarche partenariale", "une coopération entre les partenaires")

# Invented town names: prefix + ending, sometimes "-les-<place>".
TOWN_PREFIXES = (
    "Val",
    "Mont",
    "Font",
    "Roche",
    "Belle",
    "Clair",
    "Haute",
    "Bois",
    "Pré",
    "Champ",
    "Beau",
    "Saule",
    "Pierre",
    "Fleur",
    "Mar",
    "Cour",
    "Vern",
    "Lor",
    "Sauve",
    "Bru",
    "Lan",
    "Ker",
    "Plou",
    "Ros",
    "Aub",
    "Gran",
)
TOWN_ENDINGS = (
    "brune",
    "claret",
    "vive",
    "fleury",
    "mont",
    "ville",
    "court",
    "sac",
    "ange",
    "bourg",
    "lieu",
    "pré",
    "val",
    "aubin",
    "roux",
    "ières",
    "elle",
    "ois",
    "ine",
    "erre",
    "ède",
    "ouse",
    "enne",
    "ac",
    "at",
    "igny",
    "oux",
    "ieu",
)
PLACE_TEMPLATES = {
    "local": (
        "Quartier des {PLACE}",
        "Quartier des {PLACE}, {T}",
        "Centre-bourg {dT}",
        "Cité des {PLACE}",
        "Hameau des {PLACE}",
        "Faubourg des {PLACE}, {T}",
        "{T}",
    ),
    "departemental": (
        "Pays {dT}",
        "Communauté de communes {dT}",
        "Vallée des {PLACE}",
        "Plateau {dT}",
        "Agglomération {dT}",
    ),
    "regional": ("{K} départements de la région", "Territoires ruraux de la région", "Agglomérations {dT} et {dT2}"),
    "national": ("{K} territoires pilotes en France", "Réseau national, siège {aT}", "France entière"),
    "international": (
        "{T} et villes partenaires en Europe",
        "Coopération transfrontalière autour {dT}",
        "France et pays partenaires",
    ),
}

# Organisation names per kind: (name pattern, how the text refers to it).
ORG_PATTERNS = {
    "association": (
        ("Association {OW}", "l'association {OW}"),
        ("Association {OW} et {OW2}", "l'association {OW} et {OW2}"),
        ("Association Les {PLACE} {dT}", "l'association Les {PLACE} {dT}"),
    ),
    "fondation": (
        ("Fondation {OW}", "la fondation {OW}"),
        ("Fondation d'entreprise {OW} {SECTOR}", "la fondation d'entreprise {OW} {SECTOR}"),
    ),
    "entreprise": (
        ("{OW} {SECTOR}", "l'entreprise {OW} {SECTOR}"),
        ("Groupe {OW}", "le groupe {OW}"),
        ("Groupe {OW} {SECTOR}", "le groupe {OW} {SECTOR}"),
    ),
    "collectivite": (
        ("Commune {dT}", "la commune {dT}"),
        ("Ville {dT}", "la ville {dT}"),
        ("Communauté de communes du Pays {dT}", "la communauté de communes du Pays {dT}"),
        ("Communauté d'agglomération {dT}", "la communauté d'agglomération {dT}"),
    ),
    "etablissement_public": (
        ("Centre communal d'action sociale {dT}", "le centre communal d'action sociale {dT}"),
        ("Syndicat intercommunal {dT}", "le syndicat intercommunal {dT}"),
        ("Agence locale {dT}", "l'agence locale {dT}"),
    ),
    "institution": (
        ("Maison des associations {dT}", "la maison des associations {dT}"),
        ("Conseil de développement {dT}", "le conseil de développement {dT}"),
        ("Institut {OW}", "l'institut {OW}"),
    ),
    "collectif_citoyen": (
        ("Collectif citoyen {OW}", "le collectif citoyen {OW}"),
        ("Collectif des habitants {dT}", "le collectif des habitants {dT}"),
    ),
    "autre": (
        ("Coopérative {OW}", "la coopérative {OW}"),
        ("Réseau {OW}", "le réseau {OW}"),
        ("Groupement {OW}", "le groupement {OW}"),
    ),
}


def fixed_phrases() -> list[str]:
    """Every piece of fixed French text the generator writes, for the test that no domain word leaks in."""
    texts: list[str] = []
    for group in (
        *SECTION_TEMPLATES.values(),
        *SECTION_HEADINGS.values(),
        *PRACTICE_PHRASES.values(),
        *PLACE_TEMPLATES.values(),
    ):
        texts += group
    texts += [*SUMMARY_TEMPLATES, *OUTCOME_TEMPLATES, *BULLET_INTRODUCTIONS, *BULLET_TEMPLATES, *TITLE_TEMPLATES]
    texts += [*GENERIC_AUDIENCES, *GENERIC_PRACTICE_PHRASES, *TITLE_ACTORS, *TITLE_SETTINGS]
    texts += [head for head, _gender in TITLE_HEADS]
    texts += [text for patterns in ORG_PATTERNS.values() for pair in patterns for text in pair]
    return [re.sub(r"\{\w+\}|[\[\]|]", " ", text) for text in texts]
