"""The cases' models, by family; every public name is importable from `cases.models`.

Photos and documents (cases/media), impacts and collections live beside the features they serve and are
registered here with the app's other models.
"""

from cases.collection import Collection, CollectionEntry
from cases.impacts import CaseImpact
from cases.media.models import CaseDocument, CaseImage
from cases.models.case import (
    COUNTRY_HELP,
    ENGLISH_HELP,
    RESERVED_SLUGS,
    WRITABLE_FIELDS,
    YEAR_VALIDATORS,
    Case,
    CaseQuerySet,
    Link,
)
from cases.models.organizations import Organization, OrganizationQuerySet, Participation
from cases.models.search import EquivalentSpelling, SearchEntry

__all__ = [
    "COUNTRY_HELP",
    "ENGLISH_HELP",
    "RESERVED_SLUGS",
    "WRITABLE_FIELDS",
    "YEAR_VALIDATORS",
    "Case",
    "CaseDocument",
    "CaseImage",
    "CaseImpact",
    "CaseQuerySet",
    "Collection",
    "CollectionEntry",
    "EquivalentSpelling",
    "Link",
    "Organization",
    "OrganizationQuerySet",
    "Participation",
    "SearchEntry",
]
