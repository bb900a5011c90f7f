"""French grammar for the generator: elision, contraction, agreement, participles, genders, slugs."""

import re
import unicodedata


def word_set(text: str) -> frozenset[str]:
    """A set of space-separated words: long word lists read better as one string."""
    return frozenset(text.split())


_VOWELS = frozenset("aeiouyàâäéèêëîïôöûùüœæh")
# Words whose h is "aspiré": no elision before them ("de handicap", not "d'handicap").
_ASPIRATED_H = word_set(
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
_EUR_TAKES_E = word_set("supérieur inférieur extérieur intérieur meilleur majeur mineur antérieur postérieur ultérieur")
_AL_TAKES_S = word_set("banal fatal natal naval bancal")
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
_NO_PARTICIPLE = word_set(
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
        word_set(
            "été comité traité côté pâté arrêté député invité silence musée lycée trophée génie incendie parapluie "
            "patrimoine domaine magazine moine stade grade graphique lexique portique périphérique moustique "
            "plastique cimetière squelette groupe cadre membre monde homme programme modèle principe pôle rôle "
            "espace centre service exemple système problème thème texte contexte siècle "
            "document ensemble camion pion lion avion million champion bastion espion"
        ),
        "m",
    ),
    **dict.fromkeys(
        word_set(
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
