"""FilterSets shared by the survey pages and `/api/v1/studies|questions|figures/`.

Values inside one filter are OR'd (`?study=a&study=b`), filters are AND'd. An unknown study slug, domain
slug, region code or provenance is a validation error (400), not an empty result.
"""

import django_filters
from django import forms
from django.db.models import Exists, Min, OuterRef
from django.utils.translation import gettext_lazy as _

from foundation.reference.models import Domain, Region
from surveys.models import Figure, Programme, Provenance, Question, Row, Segment, Study


def _one_segment_per_label():
    """Segment labels repeat from study to study ("Ensemble"): the filter offers each label once, and
    matches every segment that bears it."""
    published = Segment.objects.filter(study__in=Study.objects.with_results())
    return published.values("label").annotate(first=Min("pk")).values("first")


class StudyFilter(django_filters.FilterSet):
    # Checkboxes: the /enquetes/ page draws them one by one.
    programme = django_filters.ModelMultipleChoiceFilter(
        queryset=Programme.objects.all(),
        to_field_name="slug",
        field_name="programme__slug",
        label=_("Programme"),
        widget=forms.CheckboxSelectMultiple,
    )
    stage = django_filters.MultipleChoiceFilter(choices=Study.Stage.choices, label=_("État"))
    population = django_filters.MultipleChoiceFilter(
        choices=Study.Population.choices, label=_("Population interrogée"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Study
        fields = []


class QuestionFilter(django_filters.FilterSet):
    study = django_filters.ModelMultipleChoiceFilter(
        queryset=Study.objects.with_results(), to_field_name="slug", field_name="study__slug", label=_("Étude (slug)")
    )
    domain = django_filters.ModelMultipleChoiceFilter(
        queryset=Domain.objects.all(), to_field_name="slug", method="filter_domain", label=_("Domaine (slug)")
    )
    kind = django_filters.MultipleChoiceFilter(choices=Question.Kind.choices, label=_("Type de question"))

    class Meta:
        model = Question
        fields = []

    def filter_domain(self, queryset, name, value):
        if not value:
            return queryset
        rows = Row.objects.filter(question_id=OuterRef("pk"), domain__in=value)
        return queryset.filter(Exists(rows))


class FigureFilter(django_filters.FilterSet):
    study = django_filters.ModelMultipleChoiceFilter(
        queryset=Study.objects.with_results(),
        to_field_name="slug",
        field_name="question__study__slug",
        label=_("Étude (slug)"),
    )
    question = django_filters.ModelMultipleChoiceFilter(
        queryset=Question.objects.published(), field_name="question", label=_("Question (identifiant)")
    )
    segment = django_filters.ModelMultipleChoiceFilter(
        queryset=Segment.objects.filter(pk__in=_one_segment_per_label()),
        to_field_name="label",
        field_name="segment__label",
        label=_("Segment (libellé : « Ensemble », « Île-de-France »…)"),
    )
    segment_kind = django_filters.MultipleChoiceFilter(
        field_name="segment__kind", choices=Segment.Kind.choices, label=_("Nature du segment")
    )
    region = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", label=_("Région couverte par le segment (code INSEE)")
    )
    domain = django_filters.ModelMultipleChoiceFilter(
        queryset=Domain.objects.all(),
        to_field_name="slug",
        field_name="row__domain__slug",
        label=_("Domaine de la ligne (slug)"),
    )
    provenance = django_filters.MultipleChoiceFilter(choices=Provenance.choices, label=_("Provenance"))

    class Meta:
        model = Figure
        fields = []

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        covering = Segment.regions.through.objects.filter(segment_id=OuterRef("segment_id"), region__in=value)
        return queryset.filter(Exists(covering))
