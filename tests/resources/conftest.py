"""Resource fixtures: the deck's seeded resources, and small fictitious ones built to count."""

import pytest

from resources.models import Audience, Resource
from resources.services import resources_load
from surveys.services import programmes_load


@pytest.fixture
def seeded(db):
    programmes_load()
    resources_load()


def make_resource(
    slug: str,
    *,
    kind: str = "kit",
    year: int | None = 2020,
    audiences=(),
    programme=None,
    status: str = Resource.Status.PUBLISHED,
) -> Resource:
    resource = Resource.objects.create(
        slug=slug,
        title=f"Ressource fictive {slug}",
        kind=kind,
        year=year,
        programme=programme,
        citation="Ressource fictive (démonstration)",
        status=status,
    )
    if audiences:
        resource.audiences.set(Audience.objects.filter(slug__in=audiences))
    return resource
