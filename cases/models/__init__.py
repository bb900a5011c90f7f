"""The cases' models, by family; every public name is importable from `cases.models`.

Photos and documents (cases/media), impacts and collections live beside the features they serve and are
registered here with the app's other models.
"""

# The order of registration is the app's model order, which `dumpdata` follows: a restore loads the cases,
# then their organisations, then what points at both (collections, impacts, files), as before the split.
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

from cases.models.search import EquivalentSpelling, SearchEntry  # isort: skip
from cases.models.organizations import Organization, OrganizationQuerySet, Participation  # isort: skip
from cases.collection import Collection, CollectionEntry  # isort: skip
from cases.impacts import CaseImpact  # isort: skip
from cases.media.models import CaseDocument, CaseImage  # isort: skip

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
