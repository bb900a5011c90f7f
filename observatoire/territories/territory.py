"""A region or a department, with what its pages need to name it, link it and find its cases."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cases.models import Case
from foundation.reference.models import Department, Region
from indicators.models import IndicatorValue


@dataclass(frozen=True)
class Territory:
    """A region or a department, with what its pages need to name and link it."""

    level: str  # IndicatorValue.Level.REGION or .DEPARTMENT
    code: str
    name: str
    region: Region  # the region itself, or the department's region
    department: Department | None = None

    @classmethod
    def of_region(cls, region: Region) -> "Territory":
        return cls(IndicatorValue.Level.REGION, region.code, region.name, region)

    @classmethod
    def of_department(cls, department: Department) -> "Territory":
        return cls(IndicatorValue.Level.DEPARTMENT, department.code, department.name, department.region, department)

    @property
    def is_region(self) -> bool:
        return self.level == IndicatorValue.Level.REGION

    @property
    def kind_label(self) -> str:
        return _("région") if self.is_region else _("département")

    @property
    def peers_label(self) -> str:
        return _("régions") if self.is_region else _("départements")

    @property
    def title(self) -> str:
        return self.name if self.is_region else f"{self.name} ({self.code})"

    @property
    def of_name(self) -> str:
        """ "de la région Bretagne", "du département Aude (11)": French needs the article."""
        text = _("de la région %(name)s") if self.is_region else _("du département %(name)s")
        return text % {"name": self.title}

    @property
    def in_name(self) -> str:
        text = _("dans la région %(name)s") if self.is_region else _("dans le département %(name)s")
        return text % {"name": self.title}

    @property
    def the_name(self) -> str:
        text = _("la région %(name)s") if self.is_region else _("le département %(name)s")
        return text % {"name": self.title}

    @property
    def search_param(self) -> str:
        return "region" if self.is_region else "department"

    def _url(self, name: str) -> str:
        prefix = "territory" if self.is_region else "department"
        return reverse(f"pages:{prefix}{name}", args=[self.code])

    @property
    def profile_url(self) -> str:
        return self._url("")

    @property
    def report_url(self) -> str:
        return self._url("-report")

    @property
    def pdf_url(self) -> str:
        return self._url("-report-pdf")

    @property
    def csv_url(self) -> str:
        return self._url("-csv")

    @property
    def chart_url(self) -> str:
        return self._url("-chart")

    @property
    def priorities_csv_url(self) -> str:
        return self._url("-priorities-csv")

    @property
    def priorities_metadata_url(self) -> str:
        return self._url("-priorities-metadata")

    @property
    def priorities_embed_url(self) -> str:
        return self._url("-priorities-embed")

    @property
    def json_url(self) -> str:
        return reverse("region-profile-detail" if self.is_region else "department-profile-detail", args=[self.code])

    def search_url(self, **params: str) -> str:
        return f"{reverse('cases:list')}?{urlencode({self.search_param: self.code, **params})}"

    def cases(self) -> QuerySet:
        published = Case.objects.published()
        if self.is_region:
            return published.in_regions([self.code])
        return published.filter(departments=self.code)
