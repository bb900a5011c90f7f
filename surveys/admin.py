from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from foundation.imports import ImportExportAdminMixin
from surveys.forms import AnswerInlineForm, FigureGridForm
from surveys.models import Answer, Figure, Phase, Programme, Question, Row, Segment, Study, Volet
from surveys.resources import FigureResource
from surveys.services import figures_grid_save

GRID_PERMISSIONS = ["surveys.add_figure", "surveys.change_figure", "surveys.delete_figure"]


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "code", "slug", "title", "kind", "unit"]
    show_change_link = True
    extra = 0


class SegmentInline(admin.TabularInline):
    model = Segment
    fields = ["position", "label", "kind", "regions", "base"]
    autocomplete_fields = ["regions"]
    extra = 0


class PhaseInline(TranslationTabularInline):
    model = Phase
    fields = ["position", "period", "name", "description", "source"]
    extra = 0


class VoletInline(TranslationTabularInline):
    model = Volet
    fields = ["position", "number", "name", "description", "holds", "source"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "cycle", "period", "source"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhaseInline, VoletInline]
    fields = ["name", "slug", "cycle", "period", "start_year", "end_year", "launched_on", "aims", "source", "position"]


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "fieldwork_label", "programme", "stage", "population", "institute", "is_published"]
    list_filter = ["programme", "stage", "population", "is_published"]
    list_select_related = ["programme"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuestionInline, SegmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "programme",
                    "programme_inferred",
                    "phase",
                    "volet",
                    "population",
                    "description",
                ]
            },
        ),
        (_("État"), {"fields": ["stage", "expected"]}),
        (_("Terrain"), {"fields": ["year", "month", "institute", "universe", "universe_size", "sample_size"]}),
        (_("Source et publication"), {"fields": ["citation", "is_published"]}),
    ]

    @admin.display(description=_("terrain"), ordering="year")
    def fieldwork_label(self, study: Study) -> str:
        return study.fieldwork_label


class RowInline(admin.TabularInline):
    model = Row
    fields = ["position", "label", "label_en", "domain", "partnership_type"]
    extra = 0


class AnswerInline(admin.TabularInline):
    model = Answer
    form = AnswerInlineForm
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        # A net adds up answers of its own question only.
        formset = super().get_formset(request, obj, **kwargs)
        parts = formset.form.base_fields["parts"]
        parts.queryset = obj.answers.all() if obj is not None else Answer.objects.none()
        return formset


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "study", "kind", "unit", "figure_count"]
    list_filter = ["study", "kind", "unit"]
    list_select_related = ["study"]
    search_fields = ["code", "slug", "title", "wording"]
    autocomplete_fields = ["study", "previous_wave"]
    inlines = [RowInline, AnswerInline]
    readonly_fields = ["figures_grid"]
    fieldsets = [
        (None, {"fields": ["study", "code", "slug", "title", "wording", "base_label", "kind", "unit", "position"]}),
        (_("Traduction anglaise"), {"fields": ["title_en", "wording_en"]}),
        (_("Lecture et comparaison"), {"fields": ["notes", "previous_wave"]}),
        (_("Chiffres"), {"fields": ["figures_grid"]}),
    ]

    @admin.display(description=_("question"), ordering="position")
    def heading(self, question: Question) -> str:
        return question.heading

    @admin.display(description=_("chiffres"))
    def figure_count(self, question: Question) -> int:
        return question.figures.count()

    @admin.display(description=_("saisie en grille"))
    def figures_grid(self, question: Question) -> str:
        if question.pk is None:
            return "Enregistrez d'abord la question, ses lignes et ses réponses."
        segments = question.study.segments.all()
        if not segments:
            return "Ajoutez d'abord un segment à l'étude (au moins « Ensemble »)."
        url = reverse("admin:surveys_question_figures", args=[question.pk])
        return format_html_join(
            " · ", '<a href="{}?segment={}">{}</a>', ((url, segment.pk, segment.label) for segment in segments)
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/chiffres/",
                self.admin_site.admin_view(self.figures_grid_view),
                name="surveys_question_figures",
            ),
            *super().get_urls(),
        ]

    def figures_grid_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A question's figures for one segment, rows × answers, saved together (each change in the history)."""
        if not request.user.has_perms(GRID_PERMISSIONS):
            raise PermissionDenied
        question = get_object_or_404(Question.objects.select_related("study"), pk=pk)
        segments = list(question.study.segments.all())
        wanted = request.GET.get("segment")
        segment = next((s for s in segments if str(s.pk) == wanted), None) or next(
            (s for s in segments if s.kind == Segment.Kind.ENSEMBLE), segments[0] if segments else None
        )
        if segment is None:
            self.message_user(request, _("Cette étude n'a pas encore de segment."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:surveys_question_change", args=[question.pk]))
        data = request.POST if request.method == "POST" else None
        form = FigureGridForm(data, question=question, segment=segment)
        if request.method == "POST" and form.is_valid():
            try:
                changed = figures_grid_save(
                    question=question, segment=segment, cells=form.cells(), base=form.cleaned_data["base"]
                )
            except ValidationError as error:
                form.add_cell_errors(error.message_dict)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)s chiffre enregistré pour « %(segment)s ».",
                        "%(count)s chiffres enregistrés pour « %(segment)s ».",
                        changed,
                    )
                    % {"count": changed, "segment": segment.label},
                )
                return HttpResponseRedirect(f"{request.path}?segment={segment.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Chiffres de « %(question)s » — %(segment)s")
            % {"question": question.heading, "segment": segment.label},
            "opts": self.opts,
            "original": question,
            "question": question,
            "segment": segment,
            "segments": segments,
            "form": form,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "surveys/admin/figures_grid.html", context)


@admin.register(Figure)
class FigureAdmin(ImportExportAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Figures are entered on a question's grid or imported; here they are listed, corrected and exported."""

    resource_classes = [FigureResource]
    list_display = ["question", "row", "answer", "segment", "value", "provenance", "significance", "base"]
    list_filter = ["provenance", "question__study", "segment__kind", "significance"]
    list_select_related = ["question__study", "row", "answer", "segment"]
    search_fields = ["question__title", "question__code", "row__label", "answer__label", "segment__label"]
    readonly_fields = ["question", "row", "answer", "segment"]
    fields = ["question", "row", "answer", "segment", "value", "provenance", "significance", "base"]
    show_full_result_count = False
    list_per_page = 100
    # Curators type French decimals ("6,4"), as on the grid.
    formfield_overrides = {models.DecimalField: {"localize": True}}

    def has_add_permission(self, request) -> bool:
        # A figure belongs to a question's grid: it is added there (or by an import), not on its own.
        return False

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(["surveys.add_figure", "surveys.change_figure"])

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("surveys.view_figure")
