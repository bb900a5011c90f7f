"""Loading the official indicators and their values (fixtures/indicators/)."""

import json
from operator import attrgetter
from pathlib import Path

import tablib
from django.conf import settings
from django.db import transaction

from foundation.reference.english import english_apply
from foundation.reference.models import Domain
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "indicators"
VALUE_FILES = ["indicators.csv", "references.csv"]
DESCRIPTION_FIELDS = ["name", "definition", "unit", "producer", "table", "source_url", "licence", "direction", "caveat"]


class IndicatorImportError(ValueError):
    """A file of values that does not import; the message names each line and column at fault."""


def import_report(result) -> list[str]:
    """The errors of an import result, one per line and column, as a curator reads them in the admin."""
    problems = []
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            problems += [f"ligne {row.number}, colonne {column} : {message}" for message in messages]
    for number, errors in result.row_errors():
        problems += [f"ligne {number} : {error.error}" for error in errors]
    problems += [str(error.error) for error in result.base_errors]
    return problems


def indicator_values_import(dataset: tablib.Dataset, *, name: str = "fichier") -> int:
    """Import a file of values through the curators' resource; all or nothing.

    Returns how many lines were created or updated; raises IndicatorImportError with the report otherwise.
    """
    result = IndicatorValueResource().import_data(dataset, dry_run=False)
    if result.has_errors() or result.has_validation_errors():
        raise IndicatorImportError(f"{name} ne s'importe pas : " + " ; ".join(import_report(result)))
    return result.totals["new"] + result.totals["update"]


@transaction.atomic
def indicators_load(*, directory: Path = FIXTURES) -> str:
    """Create or update the indicators of indicators.json, then import the values of indicators.csv and the
    national references of references.csv through the curators' import; idempotent.
    """
    data = json.loads((directory / "indicators.json").read_text(encoding="utf-8"))
    domains = {domain.slug: domain for domain in Domain.objects.all()}
    for item in data["indicators"]:
        unknown = [slug for slug in item["domains"] if slug not in domains]
        if unknown:
            raise IndicatorImportError(f"indicators.json, {item['slug']} : domaine(s) inconnu(s) {', '.join(unknown)}.")
        values = {name: item[name] for name in DESCRIPTION_FIELDS} | {"position": item["position"]}
        indicator = Indicator.objects.filter(slug=item["slug"]).first()
        if indicator is None:
            indicator = Indicator.objects.create(slug=item["slug"], **values)
        else:
            changed = [name for name, value in values.items() if getattr(indicator, name) != value]
            if changed:
                for name in changed:
                    setattr(indicator, name, values[name])
                indicator.save(update_fields=changed)
        wanted = {domains[slug].pk for slug in item["domains"]}
        if wanted != set(indicator.domains.values_list("pk", flat=True)):
            indicator.domains.set(wanted)
    english_apply(Indicator.objects.all(), "indicators", attrgetter("slug"))
    for filename in VALUE_FILES:
        dataset = tablib.Dataset().load((directory / filename).read_text(encoding="utf-8"), format="csv")
        indicator_values_import(dataset, name=filename)
    national = IndicatorValue.objects.filter(level__in=[IndicatorValue.Level.FRANCE, IndicatorValue.Level.METROPOLE])
    return (
        f"{Indicator.objects.count()} official indicators, {IndicatorValue.objects.count()} values loaded "
        f"({national.count()} national references)."
    )
