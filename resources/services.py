"""Loading the deck's resources (fixtures/resources/resources.json): metadata only, each citing its page."""

import json
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from foundation.reference.english import english_apply
from resources.models import Audience, Resource
from surveys.models import Programme

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "resources" / "resources.json"


def audiences_load(data: dict | None = None) -> dict[str, Audience]:
    data = data or json.loads(FIXTURE.read_text(encoding="utf-8"))
    audiences = {}
    for position, item in enumerate(data["audiences"], start=1):
        audience, _created = Audience.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"], "position": position}
        )
        audiences[audience.slug] = audience
    english_apply(Audience.objects.all(), "audiences", attrgetter("slug"))
    return audiences


@transaction.atomic
def resources_load() -> str:
    """Create or update the deck's resources, published; idempotent. The programmes must be loaded first."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    audiences = audiences_load(data)
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    for item in data["resources"]:
        resource, _created = Resource.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "kind": item["kind"],
                "date_label": item.get("date_label", ""),
                "year": item.get("year"),
                "place": item.get("place", ""),
                "quote": item["quote"],
                "programme": programmes[item["programme"]] if "programme" in item else None,
                "source_page": item["page"],
                "citation": data["citation"].format(page=item["page"]),
                "status": Resource.Status.PUBLISHED,
            },
        )
        wanted = {audiences[slug] for slug in item.get("audiences", [])}
        if wanted != set(resource.audiences.all()):
            resource.audiences.set(wanted)
    return f"{len(data['resources'])} resources from the deck loaded."
