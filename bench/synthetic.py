"""Generator of realistic, entirely fictitious French case studies (demo data and search benchmarks).

The text is built from sentence templates whose open slots are filled with words drawn from the plain-text
word lists of `fixtures/lexicon/`. Draws follow a Zipf law (weight 1 / (rank + q) ** s), so that, as in real
French prose, function words and a few dozen content words are very frequent while most of the several
thousand words are rare. Each domain has its own list, and its words are drawn almost only in the cases
tagged with that domain, so that a domain word's document frequency looks like a real topical word's.

Pure standard library: `manage.py load_demo --synthetic N` and the benchmark import it without Django.
Organisations, places and towns are invented from the lexicon; no real person or organisation is named.
"""

import functools
import random
import re
import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

__all__ = ["LEXICON_DIR", "Lexicon", "fixed_phrases", "generate", "load_lexicon", "slugify"]


def _words(text: str) -> frozenset[str]:
    """A set of space-separated words: long word lists read better as one string."""
    return frozenset(text.split())


LEXICON_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "lexicon"

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
    for item in _words(
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

# --- French grammar helpers -------------------------------------------------------------------------------

_VOWELS = frozenset("aeiouyàâäéèêëîïôöûùüœæh")
# Words whose h is "aspiré": no elision before them ("de handicap", not "d'handicap").
_ASPIRATED_H = _words(
    "handicap handicapé handicapés handicaps hameau hall hangar hasard hausse haut haute hauteur haie halte "
    "harcèlement hiérarchie honte hors héros hâte hêtres hérons houx hache haine"
)
_FEMININE_IRREGULAR = {
    "nouveau": "nouvelle",
    "beau": "belle",
    "vieux": "vieille",
    "long": "longue",
    "frais": "fraîche",
    "sec": "sèche",
    "doux": "douce",
    "blanc": "blanche",
    "public": "publique",
    "gros": "grosse",
    "bas": "basse",
    "épais": "épaisse",
    "complet": "complète",
    "incomplet": "incomplète",
    "concret": "concrète",
    "discret": "discrète",
    "inquiet": "inquiète",
}
_INVARIABLE_ADJECTIVES = frozenset({"orange", "marron", "standard"})
_EUR_TAKES_E = _words("supérieur inférieur extérieur intérieur meilleur majeur mineur antérieur postérieur ultérieur")
_AL_TAKES_S = _words("banal fatal natal naval bancal")
_FEMININE_SUFFIXES = (
    ("eux", "euse"),
    ("ateur", "atrice"),
    ("if", "ive"),
    ("el", "elle"),
    ("eil", "eille"),
    ("en", "enne"),
    ("on", "onne"),
    ("er", "ère"),
    ("et", "ette"),
)
_PARTICIPLE_IRREGULAR = {
    "soutenir": "soutenu",
    "construire": "construit",
    "suivre": "suivi",
    "transmettre": "transmis",
    "convaincre": "convaincu",
    "poursuivre": "poursuivi",
    "étendre": "étendu",
    "concevoir": "conçu",
    "produire": "produit",
    "conduire": "conduit",
    "défendre": "défendu",
    "promouvoir": "promu",
    "permettre": "permis",
    "prévenir": "prévenu",
    "prévoir": "prévu",
    "ouvrir": "ouvert",
    "entendre": "entendu",
    "comprendre": "compris",
    "apprendre": "appris",
    "découvrir": "découvert",
    "inclure": "inclus",
    "vêtir": "vêtu",
    "reconnaître": "reconnu",
    "rendre": "rendu",
    "reproduire": "reproduit",
    "réduire": "réduit",
    "accroître": "accru",
    "conquérir": "conquis",
    "atteindre": "atteint",
    "résoudre": "résolu",
    "retenir": "retenu",
    "entretenir": "entretenu",
    "maintenir": "maintenu",
    "offrir": "offert",
    "vendre": "vendu",
    "recevoir": "reçu",
    "peindre": "peint",
    "écrire": "écrit",
    "lire": "lu",
    "parcourir": "parcouru",
    "instruire": "instruit",
    "joindre": "joint",
    "couvrir": "couvert",
}
# Verbs whose past participle does not fit "les partenaires ont <participe> …" (intransitive or with être).
_NO_PARTICIPLE = _words(
    "partir revenir retourner rester venir arriver devenir intervenir dépendre répondre agir courir vivre "
    "vouloir aller demeurer séjourner résider"
)


def elide(preposition: str, word: str) -> str:
    """`de`/`que` + word, with the elision French requires before a vowel or a silent h."""
    first = word[:1].lower()
    if first in _VOWELS and not (first == "h" and word.lower().split("-")[0] in _ASPIRATED_H):
        return f"{preposition[:-1]}'{word}"
    return f"{preposition} {word}"


def contract(preposition: str, phrase: str) -> str:
    """`de`/`à` before a phrase that starts with an article: "de le" → "du", "à les" → "aux"."""
    for article, merged in (("le ", {"de": "du ", "à": "au "}), ("les ", {"de": "des ", "à": "aux "})):
        if phrase.startswith(article):
            return merged[preposition] + phrase[len(article) :]
    if preposition == "de":
        return elide("de", phrase)
    return f"{preposition} {phrase}"


def adjective_forms(masculine: str) -> tuple[str, str, str, str]:
    """Masculine singular → (m. sing., f. sing., m. plur., f. plur.) by the regular rules plus exceptions."""
    if masculine in _INVARIABLE_ADJECTIVES:
        return (masculine,) * 4
    feminine = _FEMININE_IRREGULAR.get(masculine) or _regular_feminine(masculine)
    if masculine.endswith(("s", "x")):
        masculine_plural = masculine
    elif masculine.endswith("eau"):
        masculine_plural = masculine + "x"
    elif masculine.endswith("al") and masculine not in _AL_TAKES_S:
        masculine_plural = masculine[:-2] + "aux"
    else:
        masculine_plural = masculine + "s"
    return masculine, feminine, masculine_plural, feminine + "s"


def _regular_feminine(masculine: str) -> str:
    if masculine.endswith("e"):
        return masculine
    if masculine.endswith("eur") and not masculine.endswith("ateur"):
        return masculine + "e" if masculine in _EUR_TAKES_E else masculine[:-1] + "se"
    for suffix, replacement in _FEMININE_SUFFIXES:
        if masculine.endswith(suffix):
            return masculine[: -len(suffix)] + replacement
    return masculine + "e"


def past_participle(infinitive: str) -> str | None:
    """Masculine past participle, or None when it is unknown or would read wrong after "ont"."""
    if infinitive in _NO_PARTICIPLE:
        return None
    if infinitive in _PARTICIPLE_IRREGULAR:
        return _PARTICIPLE_IRREGULAR[infinitive]
    if infinitive.endswith("er"):
        return infinitive[:-2] + "é"
    if infinitive.endswith("ir") and not infinitive.endswith("oir"):
        return infinitive[:-1]
    return None


_GENDER_EXCEPTIONS = {
    **dict.fromkeys(
        _words(
            "été comité traité côté pâté arrêté député invité silence musée lycée trophée génie incendie parapluie "
            "patrimoine domaine magazine moine stade grade graphique lexique portique périphérique moustique "
            "plastique cimetière squelette groupe cadre membre monde homme programme modèle principe pôle rôle "
            "espace centre service exemple système problème thème texte contexte siècle "
            "document ensemble camion pion lion avion million champion bastion espion"
        ),
        "m",
    ),
    **dict.fromkeys(
        _words(
            "page image plage cage nage rage maison raison saison façon leçon chanson boisson prison moisson "
            "cloison mer souris brebis voix paix croix photo radio vidéo crème personne famille équipe démarche "
            "ville commune femme place charte règle vie part histoire mémoire culture victoire étape rencontre "
            "offre demande envie forme ligne carte zone salle porte fête"
        ),
        "f",
    ),
}
_FEMININE_NOUN_ENDINGS = (
    "tion",
    "sion",
    "xion",
    "té",
    "ure",
    "ance",
    "ence",
    "ade",
    "ette",
    "ie",
    "ise",
    "ude",
    "aison",
    "esse",
    "ique",
    "ière",
    "ine",
    "aine",
    "elle",
    "eille",
    "ée",
    "ion",
)
_MASCULINE_NOUN_ENDINGS = (
    "ment",
    "age",
    "isme",
    "eau",
    "oir",
    "at",
    "et",
    "ier",
    "ail",
    "eil",
    "on",
    "in",
    "ain",
    "teur",
    "ème",
    "é",
    "o",
    "ou",
    "eu",
    "ien",
    "ard",
    "ord",
    "ort",
    "ond",
    "ant",
    "ent",
    "us",
    "ut",
    "al",
    "el",
    "ac",
    "ec",
    "ic",
    "oc",
    "ir",
    "er",
    "is",
    "ès",
    "ix",
    "um",
    "ing",
)


def noun_gender(noun: str) -> str | None:
    """ "m" or "f" from the noun's ending and a list of exceptions; None when the ending does not tell."""
    if noun in _GENDER_EXCEPTIONS:
        return _GENDER_EXCEPTIONS[noun]
    if noun.endswith(_FEMININE_NOUN_ENDINGS):
        return "f"
    if noun.endswith(_MASCULINE_NOUN_ENDINGS):
        return "m"
    return None


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --- Lexicon ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The word lists, general lists ranked by expected frequency (index 0 = most frequent)."""

    stop_words: tuple[str, ...]
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]
    verbs: tuple[str, ...]
    adverbs: tuple[str, ...]
    domains: dict[str, tuple[str, ...]]
    places: tuple[str, ...]
    org_words: tuple[str, ...]
    org_sectors: tuple[str, ...]

    def all_words(self) -> set[str]:
        words = set(self.stop_words) | set(self.nouns) | set(self.adjectives) | set(self.verbs)
        words |= set(self.adverbs) | set(self.places) | set(self.org_words) | set(self.org_sectors)
        for domain_words in self.domains.values():
            words |= set(domain_words)
        return words


def _read_blocks(path: Path) -> list[list[str]]:
    """Blocks of words separated by blank lines; `#` lines are comments; duplicates keep their first place."""
    blocks: list[list[str]] = [[]]
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word:
            if blocks[-1]:
                blocks.append([])
        elif not word.startswith("#") and word not in seen:
            seen.add(word)
            blocks[-1].append(word)
    return [block for block in blocks if block]


def _ranked(path: Path, excluded: set[str]) -> tuple[str, ...]:
    """First block in file order (the frequent core), later blocks interleaved with a fixed seed.

    The later blocks are written by theme; shuffling them keeps any one theme from owning a frequency band.
    Words of the domain lists are left out so that they stay concentrated in their domain's cases.
    """
    blocks = _read_blocks(path)
    head = [word for word in blocks[0] if word not in excluded] if blocks else []
    tail = [word for block in blocks[1:] for word in block if word not in excluded]
    random.Random(f"lexicon:{path.name}").shuffle(tail)
    return tuple(head + tail)


def _flat(path: Path) -> tuple[str, ...]:
    return tuple(word for block in _read_blocks(path) for word in block)


@functools.cache
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read the word lists once per process."""
    domains = {path.stem.removeprefix("domain-"): _flat(path) for path in sorted(directory.glob("domain-*.txt"))}
    domain_words = {word for words in domains.values() for word in words}
    return Lexicon(
        stop_words=_flat(directory / "stopwords.txt"),
        nouns=_ranked(directory / "common-nouns.txt", domain_words),
        adjectives=_ranked(directory / "common-adjectives.txt", domain_words),
        verbs=_ranked(directory / "common-verbs.txt", domain_words),
        adverbs=_ranked(directory / "common-adverbs.txt", domain_words),
        domains=domains,
        places=tuple(word for word in _flat(directory / "places.txt") if word not in domain_words),
        org_words=tuple(word for word in _flat(directory / "org_words.txt") if word not in domain_words),
        org_sectors=tuple(word for word in _flat(directory / "org_sectors.txt") if word not in domain_words),
    )


# --- Fixed French text: templates and phrases ------------------------------------------------------------
# Slots: N noun, dN "de"+noun, D/dD domain word, Ams/Afs/Amp/Afp adjective in agreement, V infinitive,
# dV "de"+infinitive, Vpp past participle, ADV adverb, T/dT/aT town, O/dO/aO lead organisation, O2/dO2/aO2
# another organisation, AUD/aAUD/dAUD audience with les/aux/des, K small number, K2 larger number, PCT
# percentage, EUR amount, Y start year, Yp an earlier year, Yn a later year, PART/ENG/DYN the case's practices.
# No domain word may appear in this fixed text (a test checks it): it would spread over every case.

SECTION_HEADINGS = {
    "context": ("Contexte", "Le point de départ", "Origine du projet", "Le constat", "Un besoin identifié"),
    "partnership": (
        "Le partenariat",
        "Les partenaires",
        "Une alliance d'acteurs",
        "Gouvernance et rôles",
        "Qui fait quoi",
    ),
    "implementation": ("Mise en œuvre", "Les actions menées", "Déroulement", "Fonctionnement", "Concrètement"),
    "results": ("Résultats", "Premiers effets", "Perspectives", "Ce que retiennent les partenaires", "Bilan et suites"),
}

SECTION_TEMPLATES = {
    "context": (
        "Le [projet|dispositif|programme] est né d'un constat partagé par les acteurs [locaux|du territoire] : "
        "les questions {dD} et {dN} étaient [traitées séparément|abordées sans concertation].",
        "À {T}, les besoins en matière {dD} ont [fortement|nettement|sensiblement] augmenté depuis {Yp}.",
        "Les [habitants|associations|élus] signalaient depuis plusieurs années un manque {dN} et des difficultés {dD}.",
        "{O} a d'abord [conduit|mené|réalisé] un diagnostic {Ams} afin {dV} les attentes {dAUD}.",
        "Ce diagnostic a mis en évidence des fragilités {dD}, mais aussi des ressources {Afp} [souvent "
        "méconnues|peu valorisées|encore dispersées].",
        "Plusieurs structures ont alors souhaité {V} leurs efforts autour {dD} et {dN}.",
        "Le territoire compte une population {Afs} et un tissu associatif {Ams}, mais peu de coordination "
        "entre les acteurs {dD}.",
        "Les élus ont constaté que les réponses existantes en matière {dD} ne suffisaient plus face à la "
        "demande {dAUD}.",
        "Plusieurs [études|analyses|observations] {Afp} soulignaient un besoin {dN} et {dD} chez {AUD}.",
        "L'idée est venue d'une rencontre entre {O} et des habitants mobilisés sur les questions {dD}.",
        "Avant {Y}, aucune structure ne proposait d'offre {Afs} {dD} sur ce territoire.",
        "La crise a accentué les difficultés {dD} et rendu visible le besoin {dV} autrement.",
        "Pour {AUD}, les démarches {dD} restaient {ADV} [complexes|longues|coûteuses] et peu lisibles.",
        "Les partenaires partageaient une même conviction : les enjeux {dD} ne peuvent se traiter sans {N} ni {N}.",
        "Le territoire souffrait d'un déficit {dN}, en particulier pour {AUD} des quartiers {Amp}.",
        "Des acteurs {Amp} intervenaient déjà sur les enjeux {dD}, sans [réelle coordination|vision "
        "commune|moyens suffisants].",
        "Le constat de départ portait sur la difficulté {dV} {AUD} dans leur parcours {dD}.",
        "Selon les acteurs de terrain, les situations {dD} se multipliaient, notamment chez {AUD}.",
        "{O} observait {ADV} une hausse des demandes {dD} et un essoufflement des bénévoles.",
        "Les collectivités du secteur cherchaient à {V} leur politique {dD} en s'appuyant sur les forces {Afp} "
        "du territoire.",
        "Les entreprises locales souhaitaient de leur côté s'impliquer davantage dans la vie {Afs} du territoire.",
        "Le secteur {dT} présentait des indicateurs {Amp} en matière {dD} comme {dN}.",
        "Les professionnels {dD} déploraient le manque {dN} et la dispersion des moyens.",
        "[Jusque-là|Auparavant|Jusqu'alors], chaque structure agissait seule, avec des moyens {Amp} et une "
        "connaissance {Afs} des besoins {dD}.",
        "Une [concertation|réunion publique|table ronde] organisée en {Yp} a fait émerger trois priorités : "
        "{N}, {N} et {D}.",
        "Le [quartier|bourg|secteur] concentre des difficultés {Afp} liées au manque {dN} et aux besoins {dD}.",
        "{ADV}, les acteurs {dD} peinaient à {V} {AUD} faute {dN} et {dN}.",
        "Les attentes exprimées portaient sur {N}, sur {D} et sur la possibilité {dV} ensemble.",
    ),
    "partnership": (
        "{O} porte le projet et coordonne un [collectif|groupe|réseau] de {K} partenaires.",
        "Le partenariat repose sur {PART}.",
        "Cette coopération est complétée par {ENG}.",
        "L'entreprise partenaire apporte un soutien {Ams} ainsi qu'un appui en matière {dN}.",
        "Chaque partenaire met ses compétences {Afp} au service du projet, dans une logique {dN}.",
        "La gouvernance s'appuie sur un [comité|conseil|groupe de pilotage] {Ams} qui se réunit {ADV} pour {V} "
        "les choix stratégiques.",
        "La collectivité met à disposition des locaux et facilite les relations avec les services {dD}.",
        "Les salariés de l'entreprise s'impliquent à travers {ENG}.",
        "{O2} assure le suivi {Ams} et l'évaluation des actions.",
        "Une convention signée en {Y} précise les engagements de chacun et les modalités {dN}.",
        "Le projet s'inscrit dans {DYN}.",
        "Les partenaires se retrouvent {K} fois par an pour {V} les priorités et ajuster le plan d'action.",
        "Cette alliance réunit des structures {Afp} qui n'avaient pas l'habitude de travailler ensemble.",
        "Le rôle {dN} est confié {aO2}, reconnu pour son expertise en matière {dD}.",
        "Les apports sont à la fois financiers, humains et {Amp}.",
        "Un financement {Ams} de {EUR} euros a permis de [lancer|démarrer|consolider] la première phase.",
        "{O} et {O2} ont formalisé leur coopération autour d'objectifs {Amp} et d'indicateurs {dN} partagés.",
        "Au-delà du financement, l'entreprise mobilise son réseau {dN} et ses savoir-faire {Amp}.",
        "La répartition des rôles a été discutée dès le départ : {O} pilote, {O2} apporte son expertise {Afs}.",
        "Les décisions sont prises collectivement, dans un esprit {dN} et de confiance.",
        "{O2} [finance|soutient|accompagne] le projet depuis {Y} et participe aux [comités|réunions|bilans] annuels.",
        "Les partenaires ont rédigé ensemble une charte qui fixe les principes {dN}, {dN} et {dN}.",
        "Un [duo|tandem] associant un salarié de l'entreprise et un bénévole suit chaque action.",
        "Les échanges réguliers entre partenaires portent sur {N}, {N} et les besoins {dD}.",
        "Le pilotage est [partagé|assuré à tour de rôle] entre {O} et {O2}.",
        "L'apport de l'entreprise ne se limite pas au financement : il comprend aussi {N} et {N}.",
    ),
    "implementation": (
        "Concrètement, les partenaires ont {Vpp} des ateliers {dD} ouverts {aAUD}.",
        "Chaque [semaine|mois|trimestre], {K} bénévoles accueillent {AUD} pour {V} leurs projets.",
        "Un parcours {Ams} combine des temps {dN}, des rencontres collectives et un suivi {Ams}.",
        "Le dispositif s'appuie sur une équipe {Afs} composée de {K} professionnels {dD}.",
        "Les participants bénéficient d'un accompagnement {Ams} et d'outils {Amp}.",
        "Des sessions {dN} sont organisées {ADV} dans les locaux {dO2}.",
        "L'entreprise met à disposition du matériel et des compétences {Afp} pour {V} les actions {dD}.",
        "Les professionnels {dD} et les bénévoles travaillent ensemble pour {V} {AUD}.",
        "En {Yn}, une deuxième phase a permis {dV} le dispositif à d'autres communes.",
        "Un temps {dN} est proposé chaque mois {aAUD}.",
        "Les démarches {dD} sont {ADV} facilitées grâce à une permanence {Afs}.",
        "Les équipes ont {Vpp} une méthode {Afs} fondée sur la confiance, la régularité et le partage {dN}.",
        "Plusieurs outils ont été conçus : un guide {dN}, des fiches {Afp} et une carte des ressources {dD}.",
        "La démarche repose sur trois principes : {N}, {N} et {N}.",
        "Les participants sont orientés par les services sociaux, les associations {dD} et les entreprises du "
        "territoire.",
        "Le programme comprend {K} modules consacrés aux questions {dD} et {dN}.",
        "{O} anime également un réseau {dN} qui réunit {ADV} les acteurs {dD}.",
        "Les actions se déroulent au plus près {dAUD}, dans des lieux {Amp} et faciles d'accès.",
        "Les bénévoles suivent une formation {Afs} sur les questions {dD} et {dN}.",
        "Un référent {Ams} accompagne chaque personne, de l'accueil jusqu'à la fin du parcours.",
        "Les salariés volontaires de l'entreprise animent des ateliers {dD} et partagent leur expérience {dN}.",
        "Des rencontres {Afp} entre {AUD} et les entreprises du territoire ont lieu {ADV}.",
        "L'équipe a {Vpp} {ADV} son organisation pour {V} les besoins {dD}.",
        "Un outil de suivi {Ams} permet de mesurer l'évolution {dN} et {dD}.",
        "Les actions {dD} touchent {ADV} {AUD} et les professionnels du secteur.",
        "Le projet mobilise des bénévoles {Amp}, des salariés volontaires et des professionnels {dD}.",
        "Les [ateliers|séances|rencontres] abordent {N}, {D} et {N}, avec des mises en situation {Afp}.",
        "Une journée {Afs} réunit chaque année {AUD}, les partenaires et les élus autour {dD}.",
        "Les participants construisent [pas à pas|progressivement|avec leur référent] un projet {dN} adapté à "
        "leur situation.",
        "{O} a {Vpp} un [local|espace|lieu] {Ams} où se tiennent les permanences {dD}.",
        "Les [outils|supports|contenus] produits sont partagés en libre accès avec les autres acteurs {dD}.",
        "Les entreprises partenaires proposent des [visites|journées découverte|journées portes ouvertes] {aAUD}.",
    ),
    "results": (
        "Depuis le lancement, plus de {K2} personnes ont été [accompagnées|accueillies|touchées].",
        "Le projet a {Vpp} la coopération entre acteurs {dD} et renforcé la visibilité {dN}.",
        "Les partenaires constatent une amélioration {Afs} des situations {dD}.",
        "{PCT} % des participants déclarent avoir gagné en confiance et en aisance.",
        "L'évaluation menée en {Yn} souligne l'intérêt {dN} et la qualité du partenariat.",
        "Les difficultés rencontrées portent surtout sur le financement {dN} et la mobilisation {dAUD}.",
        "Les partenaires souhaitent désormais {V} la démarche sur d'autres territoires.",
        "Le modèle est jugé {Ams} et pourrait être essaimé dans {K} autres communes.",
        "La démarche a {ADV} changé le regard des entreprises sur les enjeux {dD}.",
        "À terme, l'objectif est {dV} un service {Ams} et pérenne.",
        "Les constats tirés concernent la gouvernance, la place {dN} et le rôle des habitants.",
        "Les retours {dAUD} sont {ADV} positifs, en particulier sur la qualité {dN}.",
        "Un nouveau partenariat avec {O2} est en préparation pour {V} les actions {dD}.",
        "Le temps nécessaire à la coordination a été sous-estimé, ce qui a conduit à {V} le calendrier.",
        "La question {dN} reste un point d'attention pour les prochaines années.",
        "Les partenaires retiennent l'importance {dN} et d'une gouvernance {Afs}.",
        "Le projet a aussi fait émerger de nouvelles collaborations entre acteurs {dD} et entreprises.",
        "Plusieurs communes proches ont sollicité {O} pour {V} une démarche comparable.",
        "[Parmi les effets observés|Au rang des effets constatés] figurent {N}, {N} et une meilleure "
        "connaissance {dD}.",
        "La prochaine étape consiste {aV} les partenaires autour d'un projet {dN} à plus grande échelle.",
        "Les [élus|partenaires|financeurs] ont décidé de reconduire l'action jusqu'en {Yn}.",
    ),
}

SUMMARY_TEMPLATES = (
    "{O} et ses partenaires ont {Vpp} {aT} une démarche {Afs} autour des questions {dD}.",
    "Ce projet réunit une association, une entreprise et une collectivité pour {V} {AUD} en matière {dD}.",
    "Depuis {Y}, l'alliance agit sur les enjeux {dD} et {dD} dans le territoire {dT}.",
    "À {T}, {O} coordonne une alliance locale qui cherche à {V} les réponses {dD}.",
    "Une coopération entre acteurs publics, associatifs et privés pour {V} les actions {dD} et {dN}.",
    "L'initiative associe {AUD}, des bénévoles et des entreprises autour d'un objectif commun : {V} les "
    "conditions {dD}.",
    "Le partenariat combine {PART} et {ENG}.",
    "Cette alliance expérimente une réponse {Afs} aux besoins {dD} {dAUD}.",
    "[Associations|Entreprises|Collectivités] et habitants [s'allient|coopèrent|se mobilisent] {aT} autour {dD}.",
    "Un [projet|programme|dispositif] {Ams} qui relie {D}, {D} et {N} au service {dAUD}.",
)

OUTCOME_TEMPLATES = (
    "{K2} personnes accompagnées et {K} partenaires mobilisés depuis {Y}.",
    "{PCT} % des participants se disent satisfaits de l'accompagnement.",
    "Une coopération durable entre acteurs {dD}, formalisée par une convention.",
    "Un modèle {Ams} en cours d'essaimage dans {K} autres territoires.",
    "Des pratiques {dD} transformées et une meilleure coordination entre partenaires.",
    "{K} nouvelles actions {dD} lancées et un comité de suivi pérennisé.",
    "Le dispositif a été reconduit en {Yn} grâce au soutien {dO2}.",
    "Un guide {dN} publié et diffusé auprès des acteurs du territoire.",
    "Plus de {K2} heures de bénévolat réalisées par les salariés des entreprises partenaires.",
    "Un recul mesurable des situations {dD} sur le territoire concerné.",
    "Un lieu {Ams} ouvert {aAUD} plusieurs jours par semaine.",
    "De nouveaux financements obtenus pour pérenniser l'action.",
    "{K2} [participants|bénéficiaires|habitants] touchés et {K} [ateliers|sessions|rencontres] organisés chaque année.",
    "Une [meilleure|plus grande] visibilité des questions {dD} auprès des élus et des entreprises.",
)

BULLET_INTRODUCTIONS = (
    "Les actions s'organisent autour de plusieurs volets :",
    "Le programme comprend notamment :",
    "Concrètement, les partenaires proposent :",
)
BULLET_TEMPLATES = (
    "des ateliers {dD} animés par des bénévoles",
    "un accompagnement {Ams} {dAUD}",
    "des temps d'échange {dN} avec les entreprises",
    "une permanence {Afs} {aT}",
    "la formation des bénévoles aux questions {dD}",
    "des rencontres {Afp} entre partenaires",
    "un suivi {Ams} des situations {dD}",
    "un espace de ressources {dN}",
)

# Title heads with their grammatical gender, for the article and the adjective's agreement.
TITLE_HEADS = (
    ("alliance", "f"),
    ("réseau", "m"),
    ("plateforme", "f"),
    ("programme", "m"),
    ("atelier", "m"),
    ("collectif", "m"),
    ("laboratoire", "m"),
    ("fabrique", "f"),
    ("parcours", "m"),
    ("pacte", "m"),
    ("initiative", "f"),
    ("démarche", "f"),
    ("coopérative", "f"),
    ("projet", "m"),
    ("dispositif", "m"),
    ("expérimentation", "f"),
    ("coalition", "f"),
    ("espace", "m"),
    ("permanence", "f"),
    ("comptoir", "m"),
)
TITLE_TEMPLATES = (
    "{Head} {A} {dD} {aT}",
    "{Head} {dD} et {dD} pour {AUD}",
    "{T} : {head} {dD}",
    "{T} : {head} {A} {dD} pour {AUD}",
    "Quand {ACTOR} et {ACTOR2} s'allient pour {V} {AUD}",
    "{Head} {dD} dans le quartier des {PLACE}",
    "{Head} {A} {dD} en milieu {SETTING}",
    "Ensemble pour {V} {AUD} {aT}",
    "{Head} {dD} et {dN} {aT}",
)
TITLE_ACTORS = ("associations", "entreprises", "collectivités", "habitants", "fondations", "citoyens")
TITLE_SETTINGS = ("rural", "urbain", "périurbain")

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


# --- The model: everything precomputed once per call ------------------------------------------------------


def _zipf_cumulative(size: int, exponent: float, offset: float) -> list[float]:
    return list(accumulate(1.0 / (rank + offset) ** exponent for rank in range(1, size + 1)))


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


@dataclass(frozen=True)
class _Model:
    lexicon: Lexicon
    domains: tuple[str, ...]
    domain_cum: list[float]
    partnerships: tuple[str, ...]
    partnership_cum: list[float]
    engagements: tuple[str, ...]
    engagement_cum: list[float]
    dynamics: tuple[str, ...]
    dynamic_cum: list[float]
    departments: tuple[tuple[str, str], ...]
    department_cum: list[float]
    years: tuple[int, ...]
    year_cum: list[float]
    domain_words: dict[str, tuple[str, ...]]

    @classmethod
    def build(
        cls, lexicon: Lexicon, vocabularies: dict[str, list[str]], departments: list[tuple[str, str]]
    ) -> "_Model":
        for key in ("domains", "partnerships", "engagements", "dynamics"):
            if not vocabularies.get(key):
                raise ValueError(f"vocabularies[{key!r}] must list at least one slug")
        if not departments:
            raise ValueError("departments must list at least one (department, region) pair")
        domains = tuple(vocabularies["domains"])
        partnerships = tuple(vocabularies["partnerships"])
        engagements = tuple(vocabularies["engagements"])
        dynamics = tuple(vocabularies["dynamics"])
        pairs = tuple((str(code), str(region)) for code, region in departments)
        populations = [float(DEPARTMENT_POPULATION.get(code, DEFAULT_POPULATION)) for code, _ in pairs]
        years = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
        return cls(
            lexicon=lexicon,
            domains=domains,
            domain_cum=_cumulative([DOMAIN_WEIGHTS.get(slug, 1.0) for slug in domains]),
            partnerships=partnerships,
            partnership_cum=_cumulative([PARTNERSHIP_WEIGHTS.get(slug, 2) for slug in partnerships]),
            engagements=engagements,
            engagement_cum=_cumulative([ENGAGEMENT_WEIGHTS.get(slug, 2) for slug in engagements]),
            dynamics=dynamics,
            dynamic_cum=_cumulative([DYNAMIC_WEIGHTS.get(slug, 2) for slug in dynamics]),
            departments=pairs,
            department_cum=_cumulative([population**POPULATION_EXPONENT for population in populations]),
            # More recent years are more frequent: the base filled up over time.
            years=years,
            year_cum=_cumulative([1.0 + 0.15 * (year - FIRST_YEAR) for year in years]),
            # A domain without its own list still gets its name's words, so the generator never fails.
            domain_words={
                slug: lexicon.domains.get(slug) or tuple(part for part in slug.split("-") if len(part) > 2)
                for slug in domains
            },
        )


def _stream(rng: random.Random, population: Sequence, cum_weights: list[float], batch: int = 256) -> Iterator:
    """Endless weighted draws, made a batch at a time: far cheaper than one `choices` call per word."""
    while True:
        yield from rng.choices(population, cum_weights=cum_weights, k=batch)


Part = str | Callable[[], str]


@dataclass
class _Organization:
    name: str
    kind: str
    role: str
    mention: str


class _Writer:
    """Writes cases one after the other; all randomness comes from one `random.Random`, hence determinism."""

    def __init__(self, model: _Model, rng: random.Random) -> None:
        self.model = model
        self.rng = rng
        lexicon = model.lexicon
        self.nouns = _stream(rng, lexicon.nouns, _zipf_cumulative(len(lexicon.nouns), *ZIPF_GENERAL))
        # Inflected forms must not be domain words either ("permettre" → "permis", a driving licence).
        domain_words = {word for words in lexicon.domains.values() for word in words}
        adjectives = [forms for forms in map(adjective_forms, lexicon.adjectives) if domain_words.isdisjoint(forms)]
        self.adjectives = _stream(rng, adjectives, _zipf_cumulative(len(adjectives), *ZIPF_GENERAL))
        self.verbs = _stream(rng, lexicon.verbs, _zipf_cumulative(len(lexicon.verbs), *ZIPF_GENERAL))
        participles = [form for form in map(past_participle, lexicon.verbs) if form and form not in domain_words]
        self.participles = _stream(rng, participles, _zipf_cumulative(len(participles), *ZIPF_GENERAL))
        self.genders = {noun: noun_gender(noun) for noun in lexicon.nouns}
        self.adverbs = _stream(rng, lexicon.adverbs, _zipf_cumulative(len(lexicon.adverbs), *ZIPF_GENERAL))
        self.domain_streams = {
            slug: _stream(rng, words, _zipf_cumulative(len(words), *ZIPF_DOMAIN))
            for slug, words in model.domain_words.items()
        }
        self.fill: dict[str, Callable[[], str]] = {
            "N": self._noun,
            "dN": self._noun_complement,
            "D": self._domain_word,
            "dD": lambda: elide("de", self._domain_word()),
            "Ams": lambda: next(self.adjectives)[0],
            "Afs": lambda: next(self.adjectives)[1],
            "Amp": lambda: next(self.adjectives)[2],
            "Afp": lambda: next(self.adjectives)[3],
            "V": lambda: next(self.verbs),
            "dV": lambda: elide("de", next(self.verbs)),
            "aV": lambda: "à " + next(self.verbs),
            "Vpp": lambda: next(self.participles),
            "ADV": lambda: next(self.adverbs),
            "T": lambda: self.town,
            "dT": lambda: elide("de", self.town),
            "aT": lambda: f"à {self.town}",
            "dT2": lambda: elide("de", self._town()),
            "O": lambda: self.organizations[0].mention,
            "dO": lambda: contract("de", self.organizations[0].mention),
            "aO": lambda: contract("à", self.organizations[0].mention),
            "O2": lambda: self._other_organization(),
            "dO2": lambda: contract("de", self._other_organization()),
            "aO2": lambda: contract("à", self._other_organization()),
            "AUD": lambda: "les " + self._audience(),
            "aAUD": lambda: "aux " + self._audience(),
            "dAUD": lambda: "des " + self._audience(),
            "K": lambda: str(self.rng.randint(2, 12)),
            "K2": lambda: str(self.rng.choice((20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500, 800, 1200))),
            "PCT": lambda: str(self.rng.randint(35, 92)),
            "EUR": lambda: f"{self.rng.randint(2, 60) * 5} 000",
            "Y": lambda: str(self.year),
            "Yp": lambda: str(max(FIRST_YEAR - 5, self.year - self.rng.randint(1, 5))),
            "Yn": lambda: str(min(LAST_END_YEAR, self.year + self.rng.randint(1, 3))),
            "PART": lambda: self._practice(self.partnerships),
            "ENG": lambda: self._practice(self.engagements),
            "DYN": lambda: self._practice((self.dynamic,)),
            "PLACE": lambda: self.rng.choice(self.model.lexicon.places).capitalize(),
        }
        self.sections = {role: [self._compile(text) for text in texts] for role, texts in SECTION_TEMPLATES.items()}
        self.summaries = [self._compile(text) for text in SUMMARY_TEMPLATES]
        self.outcomes = [self._compile(text) for text in OUTCOME_TEMPLATES]
        self.bullets = [self._compile(text) for text in BULLET_TEMPLATES]
        self.places = {scale: [self._compile(text) for text in texts] for scale, texts in PLACE_TEMPLATES.items()}
        # "Le partenariat repose sur {PART}." and "Le projet s'inscrit dans {DYN}.": always in the text.
        partnership = self.sections["partnership"]
        self.practice_sentences = [
            partnership[SECTION_TEMPLATES["partnership"].index(text)]
            for text in ("Le partenariat repose sur {PART}.", "Le projet s'inscrit dans {DYN}.")
        ]

    # --- template machinery ---

    def _compile(self, template: str) -> tuple[Part, ...]:
        """Literal text, `{slot}` fillers and `[one|other]` alternatives (which vary the fixed wording)."""
        parts: list[Part] = []
        for piece in re.split(r"(\{\w+\}|\[[^\]]+\])", template):
            if piece.startswith("{"):
                parts.append(self.fill[piece[1:-1]])
            elif piece.startswith("["):
                parts.append(functools.partial(self.rng.choice, tuple(piece[1:-1].split("|"))))
            elif piece:
                parts.append(piece)
        return tuple(parts)

    @staticmethod
    def _render(parts: tuple[Part, ...]) -> str:
        text = "".join([part if isinstance(part, str) else part() for part in parts])
        return text[:1].upper() + text[1:]

    def _sentences(self, templates: list[tuple[Part, ...]], count: int) -> list[str]:
        return [self._render(parts) for parts in self._weighted_order(templates)[:count]]

    def _weighted_order(self, templates: list[tuple[Part, ...]]) -> list[tuple[Part, ...]]:
        """Templates in a random order where the first-written ones tend to come first.

        Drawing templates uniformly would give all their words about the same frequency, a bump that a
        Zipf curve does not have; Efraimidis–Spirakis keys (u ** (1 / w)) sample without replacement by weight.
        """
        random_ = self.rng.random
        keyed = sorted(
            ((random_() ** exponent, index) for index, exponent in enumerate(TEMPLATE_KEY_EXPONENTS[: len(templates)])),
            reverse=True,
        )
        return [templates[index] for _key, index in keyed]

    # --- slot values ---

    def _domain_word(self) -> str:
        draw = self.rng.random()
        if self.secondary is not None and draw < SECONDARY_DOMAIN_SHARE:
            return next(self.domain_streams[self.secondary])
        return next(self.domain_streams[self.case_domains[bisect(self.domain_share_cum, self.rng.random())]])

    def _noun_complement(self) -> str:
        if self.rng.random() < DOMAIN_NOUN_SHARE:
            return elide("de", self._domain_word())
        return elide("de", self._noun())

    def _noun(self) -> str:
        noun = next(self.nouns)
        gender = self.genders.get(noun)
        if gender and self.rng.random() < NOUN_ADJECTIVE_SHARE:
            return f"{noun} {next(self.adjectives)[0 if gender == 'm' else 1]}"
        return noun

    def _audience(self) -> str:
        specific = DOMAIN_AUDIENCES.get(self.case_domains[0])
        if specific and self.rng.random() < DOMAIN_AUDIENCE_SHARE:
            return self.rng.choice(specific)
        return self.rng.choice(GENERIC_AUDIENCES)

    def _practice(self, slugs: Sequence[str]) -> str:
        return self.rng.choice(PRACTICE_PHRASES.get(self.rng.choice(slugs), GENERIC_PRACTICE_PHRASES))

    def _other_organization(self) -> str:
        others = self.organizations[1:] or self.organizations
        return self.rng.choice(others).mention

    def _town(self) -> str:
        rng = self.rng
        prefix, ending = rng.choice(TOWN_PREFIXES), rng.choice(TOWN_ENDINGS)
        if prefix.lower().endswith(ending[:1]):
            ending = ending[1:] or ending
        town = prefix + ending
        if rng.random() < 0.15:
            town += "-les-" + rng.choice(self.model.lexicon.places).capitalize()
        return town

    # --- the case ---

    def case(self, index: int) -> dict:
        rng, model = self.rng, self.model
        self.case_domains = self._pick(model.domains, model.domain_cum, DOMAIN_COUNT_WEIGHTS)
        self.domain_share_cum = _cumulative(DOMAIN_SHARES[len(self.case_domains)])
        self.domain_share_cum[-1] = 1.0 + 1e-9  # bisect must never fall past the last domain
        others = [slug for slug in model.domains if slug not in self.case_domains]
        self.secondary = rng.choice(others) if others and rng.random() < SECONDARY_DOMAIN_PROBABILITY else None
        self.partnerships = self._pick(model.partnerships, model.partnership_cum, (70, 30))
        self.engagements = self._pick(model.engagements, model.engagement_cum, (65, 35))
        self.dynamic = rng.choices(model.dynamics, cum_weights=model.dynamic_cum)[0]
        department, region = rng.choices(model.departments, cum_weights=model.department_cum)[0]
        self.year = rng.choices(model.years, cum_weights=model.year_cum)[0]
        end_year = None
        if rng.random() < 0.55:
            end_year = min(max(self.year, LAST_END_YEAR), self.year + rng.randint(0, 6))
        scale = rng.choices(SCALES, weights=SCALE_WEIGHTS)[0]
        self.town = self._town()
        self.organizations = self._organizations()
        place = self._render(rng.choice(self.places[scale]))
        title = self._title()
        summary = " ".join(self._sentences(self.summaries, rng.choices((1, 2, 3), weights=(30, 50, 20))[0]))
        outcomes = " ".join(self._sentences(self.outcomes, rng.choices((1, 2, 3), weights=(35, 45, 20))[0]))
        target = rng.triangular(*TARGET_CHARS)
        body = self._body(target - len(title) - len(summary) - len(outcomes))
        slug = f"cas-fictif-{index:06d}-{slugify(title)}"[:SLUG_MAX].rstrip("-")
        return {
            "slug": slug,
            "title": title,
            "summary": summary,
            "body": body,
            "outcomes": outcomes,
            "domains": list(self.case_domains),
            "partnerships": list(self.partnerships),
            "engagements": list(self.engagements),
            "dynamic": self.dynamic,
            "region": region,
            "department": department,
            "year": self.year,
            "end_year": end_year,
            "scale": scale,
            "place": place,
            "organizations": [{"name": org.name, "kind": org.kind, "role": org.role} for org in self.organizations],
        }

    def _pick(self, slugs: tuple[str, ...], cum: list[float], count_weights: Sequence[int]) -> list[str]:
        """A few distinct slugs, drawn by weight: the first one drawn is the case's main one."""
        count = min(len(slugs), self.rng.choices(range(1, len(count_weights) + 1), weights=count_weights)[0])
        picked: list[str] = []
        while len(picked) < count:
            slug = self.rng.choices(slugs, cum_weights=cum)[0]
            if slug not in picked:
                picked.append(slug)
        return picked

    def _organizations(self) -> list[_Organization]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), weights=(15, 35, 32, 18))[0]
        kinds = [rng.choices(ORG_KINDS, weights=LEAD_KIND_WEIGHTS)[0]]
        kinds += rng.choices(ORG_KINDS, weights=PARTNER_KIND_WEIGHTS, k=count - 1)
        # The source's alliances are about associations working with companies: make sure one takes part.
        if count > 1 and "entreprise" not in kinds:
            kinds[1] = "entreprise"
        organizations: list[_Organization] = []
        for position, kind in enumerate(kinds):
            role = "porteur" if position == 0 else rng.choices(PARTNER_ROLES, weights=PARTNER_ROLE_WEIGHTS)[0]
            for _attempt in range(5):
                name, mention = self._organization_name(kind)
                if all(name != org.name for org in organizations):
                    organizations.append(_Organization(name, kind, role, mention))
                    break
        return organizations

    def _organization_name(self, kind: str) -> tuple[str, str]:
        rng, lexicon = self.rng, self.model.lexicon
        name_pattern, mention_pattern = rng.choice(ORG_PATTERNS[kind])
        word, second = rng.sample(lexicon.org_words, 2)
        values = {
            "OW": word.capitalize(),
            "OW2": second.capitalize(),
            "SECTOR": rng.choice(lexicon.org_sectors).capitalize(),
            "PLACE": rng.choice(lexicon.places).capitalize(),
            "T": self.town,
            "dT": elide("de", self.town),
        }
        return name_pattern.format(**values), mention_pattern.format(**values)

    def _title_slot(self, values: dict[str, str], match: re.Match) -> str:
        return values.get(match[1]) or self.fill[match[1]]()

    def _title(self) -> str:
        rng = self.rng
        for _attempt in range(8):
            head, gender = rng.choice(TITLE_HEADS)
            article = "une" if gender == "f" else "un"
            adjective = next(self.adjectives)[1 if gender == "f" else 0]
            actor, actor2 = rng.sample(TITLE_ACTORS, 2)
            values = {
                "Head": head.capitalize(),
                "head": f"{article} {head}",
                "A": adjective,
                "ACTOR": actor,
                "ACTOR2": actor2,
                "SETTING": rng.choice(TITLE_SETTINGS),
            }
            text = re.sub(r"\{(\w+)\}", functools.partial(self._title_slot, values), rng.choice(TITLE_TEMPLATES))
            title = text[:1].upper() + text[1:]
            if 4 <= len(title.split()) <= 10:
                return title
        return f"{head.capitalize()} {elide('de', self._domain_word())} {self.fill['aT']()}"

    def _body(self, budget: float) -> str:
        rng = self.rng
        roles = ["context"]
        if rng.random() < 0.75:
            roles.append("partnership")
        roles.append("implementation")
        if rng.random() < 0.6:
            roles.append("results")
        # The practices must be named somewhere, for search: in the partnership section, else in the actions.
        practices_role = "partnership" if "partnership" in roles else "implementation"
        total_weight = sum(SECTION_WEIGHTS[role] for role in roles)
        sections: list[str] = []
        for role in roles:
            heading = rng.choice(SECTION_HEADINGS[role])
            section_budget = budget * SECTION_WEIGHTS[role] / total_weight - len(heading) - 5
            text = self._section_text(role, section_budget, with_practices=role == practices_role)
            sections.append(f"## {heading}\n\n{text}")
        return "\n\n".join(sections)

    def _section_text(self, role: str, budget: float, *, with_practices: bool) -> str:
        """Paragraphs of 2–4 sentences, stopping before the section's share of the size is exceeded."""
        rng = self.rng
        sentences = [self._render(parts) for parts in self.practice_sentences] if with_practices else []
        used = sum(len(sentence) + 1 for sentence in sentences)
        templates = self.sections[role]
        for parts in self._weighted_order(templates):
            if parts in self.practice_sentences:
                continue
            sentence = self._render(parts)
            if len(sentences) >= 2 and used + len(sentence) + 1 > budget:
                break
            sentences.append(sentence)
            used += len(sentence) + 1
        paragraphs: list[str] = []
        position = 0
        while position < len(sentences):
            size = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[position : position + size]))
            position += size
        if role == "implementation" and rng.random() < 0.35:
            paragraphs.insert(rng.randint(1, len(paragraphs)), self._bullet_list())
        return "\n\n".join(paragraphs)

    def _bullet_list(self) -> str:
        rng = self.rng
        items = [self._render(parts) for parts in rng.sample(self.bullets, rng.randint(3, 4))]
        lines = [f"- {item[:1].lower()}{item[1:]} ;" for item in items]
        lines[-1] = lines[-1][:-2] + "."
        return rng.choice(BULLET_INTRODUCTIONS) + "\n\n" + "\n".join(lines)


def generate(
    n: int, *, seed: int = 0, vocabularies: dict[str, list[str]], departments: list[tuple[str, str]]
) -> Iterator[dict]:
    """Yield `n` fictitious cases, the same ones for the same seed and inputs.

    `vocabularies` maps "domains", "partnerships", "engagements" and "dynamics" to lists of slugs;
    `departments` lists (department INSEE code, region INSEE code) pairs. See the module docstring.
    """
    model = _Model.build(load_lexicon(), vocabularies, departments)  # validates now, not at the first next()
    return _cases(n, model, random.Random(seed))


def _cases(n: int, model: _Model, rng: random.Random) -> Iterator[dict]:
    writer = _Writer(model, rng)
    for index in range(1, n + 1):
        yield writer.case(index)


# Fictitious impacts and SDGs of a fictitious case: drawn from a generator of their own, seeded by the
# case's slug, so that the cases' other content (and the benchmark's corpus) stays as it was.
IMPACT_SLUGS = (
    "performance-acteurs-economiques",
    "performance-structures-interet-general",
    "performance-acteurs-publics",
    "innovation-territoriale",
    "innovation-societale",
    "confiance",
)
FICTITIOUS_EVIDENCE = "Impact fictif, inventé pour la démonstration comme le reste de ce cas."


def fictitious_impacts(slug: str) -> tuple[list[dict], list[int]]:
    """A fictitious case's observed impacts (0 to 2, each with a fictitious evidence, sometimes a formal
    evaluation) and SDGs (goal 17 often, as the observatory relates alliances to it, and 0 to 2 others)."""
    rng = random.Random(f"impacts:{slug}")
    impacts = [
        {"impact": impact, "evidence": FICTITIOUS_EVIDENCE, "formal_evaluation": rng.random() < 0.2}
        for impact in rng.sample(IMPACT_SLUGS, rng.choices((0, 1, 2), weights=(30, 45, 25))[0])
    ]
    goals = set(rng.sample(range(1, 17), rng.choice((0, 1, 2))))
    if rng.random() < 0.6:
        goals.add(17)
    return impacts, sorted(goals)
