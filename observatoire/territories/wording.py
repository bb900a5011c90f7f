"""Values, periods, ranks and scores as the profiles, the reports and the maps write them, in the page's
language."""

import re
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from observatoire.territories.territory import Territory

NARROW_NBSP = "\u202f"
# MISSING_TEXT (indicators.models), in the page's language.
MISSING = gettext_lazy("non disponible dans la source")
RANK_CONVENTION = gettext_lazy("rang de fragilité (1 = la plus fragile)")


RATE_UNIT = re.compile(r"\b(?:pour|per) \d")


def is_rate(unit: str) -> bool:
    """A rate or a share ("% des personnes", "victimes pour 1 000 habitants", "victims per 1,000 inhabitants"),
    as opposed to a count or euros ("euros par habitant", "euros per inhabitant"): the unit may be the English."""
    return "%" in unit or bool(RATE_UNIT.search(unit))


def format_value(value: Decimal | None, unit: str = "%") -> str:
    """A value as people read it: rates and shares with one decimal ("14,9", "19,0"), counts and euros
    as integers with thin-space thousands ("23 080"); in English "14.9" and "23,080" (the separators of
    Django's formats for the language, French thousands kept thin). The API and the CSV keep the source's
    digits."""
    if value is None:
        return str(MISSING)
    rounded = value.quantize(Decimal("0.1") if is_rate(unit) else Decimal(1))
    whole, _dot, decimals = f"{rounded:f}".partition(".")
    sign = "−" if whole.startswith("-") else ""
    point = get_format("DECIMAL_SEPARATOR")
    thousands = NARROW_NBSP if point == "," else get_format("THOUSAND_SEPARATOR")
    whole = f"{int(whole.lstrip('-')):,}".replace(",", thousands)
    return f"{sign}{whole}{point}{decimals}" if decimals else f"{sign}{whole}"


def period_text(period: str) -> str:
    """A period as people read it: "au 31 décembre 2023", "4ᵉ trimestre 2024", "année scolaire 2023-2024",
    "2021"; in English "at 31 December 2023", "Q4 2024", "school year 2023-2024"."""
    if found := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        year, month, day = (int(part) for part in found.groups())
        day_text = _("1ᵉʳ") if day == 1 else str(day)
        return _("au %(day)s %(month)s %(year)s") % {"day": day_text, "month": MONTHS[month], "year": year}
    if found := re.fullmatch(r"(\d{4})-T([1-4])", period):
        quarter = int(found[2])
        return _("%(quarter)s trimestre %(year)s") % {"quarter": ordinal(quarter), "year": found[1]}
    if found := re.fullmatch(r"(\d{4})-(\d{4})", period):
        start, end = int(found[1]), int(found[2])
        text = _("année scolaire %(start)s-%(end)s") if end == start + 1 else _("de %(start)s à %(end)s")
        return text % {"start": start, "end": end}
    return period


def ordinal(number: int, *, feminine: bool = False) -> str:
    """ "3ᵉ", "1ᵉʳ" (or "1ʳᵉ") in French; "3rd", "1st" in English."""
    if get_language() == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if number == 1:
        return "1ʳᵉ" if feminine else "1ᵉʳ"
    return f"{number}ᵉ"


def rank_phrase(rank: int | None, peers: int, territory: Territory) -> str:
    """ "3ᵉ région sur 13", "1ʳᵉ sur 101"; empty without a rank. Always the rank of fragility: 1 is the
    most fragile territory (RANK_CONVENTION), on the profiles, the maps and their tables alike."""
    if rank is None:
        return ""
    text = _("%(rank)s région sur %(peers)s") if territory.is_region else _("%(rank)s département sur %(peers)s")
    return text % {"rank": ordinal(rank, feminine=territory.is_region), "peers": peers}


def score_text(score) -> str:
    return "" if score is None else f"{round(float(score))}/100"
