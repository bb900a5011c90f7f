"""FilterSets of `/api/v1/indicators/` and `/api/v1/indicator-values/`.

Values inside one filter are OR'd (`?indicator=a&indicator=b`), filters are AND'd. An unknown indicator
slug, domain slug, level or INSEE code is a validation error (400), not an empty result.
"""

import django_filters
from django.db import DatabaseError
from django.db.models import Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from foundation.reference.models import Department, Domain, Region
from indicators.models import Indicator, IndicatorValue

NATIONAL_LEVELS = {"FR": IndicatorValue.Level.FRANCE, "FM": IndicatorValue.Level.METROPOLE}


class TerritoryCodes(BaseChoiceIterator):
    """The codes a value can bear, read when a request (or the schema) asks for them: regions, departments,
    FR and FM. Region and department codes overlap (93 is both): `level` tells them apart."""

    def __iter__(self):
        try:
            regions = Region.objects.values_list("code", flat=True)
            departments = Department.objects.values_list("code", flat=True)
            codes = sorted(regions.order_by().union(departments.order_by()).order_by())
        except DatabaseError:
            # A schema made without a migrated database (a system check at build time) lists the national codes.
            codes = []
        for code in [*codes, *NATIONAL_LEVELS]:
            yield code, code


class IndicatorFilter(django_filters.FilterSet):
    domain = django_filters.ModelMultipleChoiceFilter(
        queryset=Domain.objects.all(), to_field_name="slug", field_name="domains__slug", label=_("Domaine (slug)")
    )
    direction = django_filters.MultipleChoiceFilter(choices=Indicator.Direction.choices, label=_("Sens"))

    class Meta:
        model = Indicator
        fields = []


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = django_filters.ModelMultipleChoiceFilter(
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        field_name="indicator__slug",
        distinct=False,  # one indicator per value: no join to deduplicate
        label=_("Indicateur (slug)"),
    )
    level = django_filters.MultipleChoiceFilter(choices=IndicatorValue.Level.choices, label=_("Niveau"))
    code = django_filters.MultipleChoiceFilter(
        choices=TerritoryCodes(),
        method="filter_code",
        label=_("Code INSEE de la région ou du département, FR (France entière) ou FM (France métropolitaine)"),
    )
    period = django_filters.CharFilter(max_length=20, label=_("Période de référence, comme la source la donne"))

    class Meta:
        model = IndicatorValue
        fields = []

    def filter_code(self, queryset, name, value):
        if not value:
            return queryset
        national = [NATIONAL_LEVELS[code] for code in value if code in NATIONAL_LEVELS]
        return queryset.filter(Q(region__in=value) | Q(department__in=value) | Q(level__in=national))
