"""A study's questionnaire: its questions, their rows and answers, and the segments figures are about."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foundation.reference.models import Domain, PartnershipType, Region
from surveys.models.studies import Study


class QuestionQuerySet(models.QuerySet):
    def published(self) -> "QuestionQuerySet":
        return self.filter(study__is_published=True, study__stage=Study.Stage.PUBLISHED)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Choix unique")
        GRID = "grid", _("Grille")
        SCORE = "score", _("Note sur 10")

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        MEAN = "mean", _("Moyenne /10")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="questions", verbose_name=_("étude"))
    code = models.CharField(
        _("numéro"),
        max_length=20,
        blank=True,
        help_text=_("Comme la source l'imprime (« Q8 ») ; vide si elle n'en donne pas."),
    )
    slug = models.SlugField(
        max_length=80,
        help_text=_("Adresse de la page (/enquetes/<étude>/<slug>/) et nom de la question dans les fichiers d'import."),
    )
    title = models.CharField(_("titre"), max_length=200, help_text=_("Le titre de la page de la source."))
    wording = models.TextField(_("libellé"), help_text=_("La question telle que la source l'imprime."))
    title_en = models.CharField(
        _("titre en anglais"),
        max_length=200,
        blank=True,
        help_text=_("Traduction du titre par l'Observatoire ; vide sinon."),
    )
    wording_en = models.TextField(
        _("libellé en anglais"),
        blank=True,
        help_text=_(
            "Traduction fidèle du libellé français par l'Observatoire, montrée à côté de l'original sur les "
            "pages en anglais ; vide si la question n'est pas traduite."
        ),
    )
    base_label = models.CharField(
        _("base"), max_length=200, blank=True, help_text=_("Qui a répondu, comme imprimé : « Ensemble des maires ».")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unité"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    previous_wave = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_waves",
        verbose_name=_("vague précédente"),
        help_text=_("La même question posée lors d'une étude antérieure, pour comparer."),
    )
    notes = models.TextField(
        _("notes de lecture"),
        blank=True,
        help_text=_(
            "Ce que la source ne permet pas de lire, les valeurs calculées et comment : affiché sous le tableau."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["study", "position", "pk"]
        verbose_name = _("question")
        constraints = [models.UniqueConstraint(fields=["study", "slug"], name="question_unique_slug")]

    def __str__(self) -> str:
        return f"{self.study.name} — {self.heading}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:question", args=[self.study.slug, self.slug])

    @property
    def has_rows(self) -> bool:
        return self.kind != self.Kind.SINGLE

    @property
    def heading(self) -> str:
        return f"{self.code} — {self.title}" if self.code else self.title

    def clean(self) -> None:
        if self.previous_wave_id and self.previous_wave_id == self.pk:
            raise ValidationError({"previous_wave": _("Une question ne peut pas être sa propre vague précédente.")})
        if self.kind == self.Kind.SCORE and self.unit != self.Unit.MEAN:
            raise ValidationError({"unit": _("Une question notée sur 10 s'exprime en moyenne.")})


class Row(models.Model):
    """An item of a grid (a domain of Q1, a practice of Q11), linked to the vocabulary term it is."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rows")
    label = models.CharField(_("libellé"), max_length=200, help_text=_("Comme imprimé."))
    label_en = models.CharField(
        _("libellé en anglais"), max_length=200, blank=True, help_text=_("Traduction par l'Observatoire ; vide sinon.")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, null=True, blank=True, related_name="survey_rows", verbose_name=_("domaine")
    )
    partnership_type = models.ForeignKey(
        PartnershipType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_rows",
        verbose_name=_("pratique partenariale"),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("ligne")
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="row_unique_label")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.domain_id and self.partnership_type_id:
            raise ValidationError(_("Une ligne est un domaine ou une pratique partenariale, pas les deux."))


class Answer(models.Model):
    """An answer of a question; a net ("Indispensable + nécessaire") is made of other answers."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    label = models.CharField(_("libellé"), max_length=200, help_text=_("Comme imprimé."))
    label_en = models.CharField(
        _("libellé en anglais"), max_length=200, blank=True, help_text=_("Traduction par l'Observatoire ; vide sinon.")
    )
    is_net = models.BooleanField(
        _("total"), default=False, help_text=_("Un regroupement de réponses (« Oui » = tout à fait + plutôt).")
    )
    parts = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="nets",
        verbose_name=_("réponses regroupées"),
        help_text=_("Pour un total : les réponses qu'il additionne."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("réponse")
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="answer_unique_label")]

    def __str__(self) -> str:
        return self.label


class Segment(models.Model):
    """Who a figure is about: everyone, a region, an area, a kind of respondent — with its base."""

    class Kind(models.TextChoices):
        ENSEMBLE = "ensemble", _("Ensemble")
        REGION = "region", _("Région")
        AREA = "area", _("Zone")
        SUBTYPE = "subtype", _("Type d'acteur")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="segments", verbose_name=_("étude"))
    label = models.CharField(
        _("libellé"), max_length=120, help_text=_("Comme imprimé : « Île-de-France », « Nord-Est ».")
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="survey_segments",
        verbose_name=_("régions"),
        help_text=_(
            "Les régions que le segment couvre, quand la source les nomme (« Provence-Alpes-Côte d'Azur + Corse »)."
        ),
    )
    base = models.PositiveBigIntegerField(
        _("base"), null=True, blank=True, help_text=_("Effectif représenté, en unités : 6,3 millions s'écrit 6300000.")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords(m2m_fields=[regions])

    class Meta:
        ordering = ["study", "position", "pk"]
        verbose_name = _("segment")
        constraints = [
            models.UniqueConstraint(fields=["study", "label"], name="segment_unique_label"),
            models.UniqueConstraint(
                fields=["study"],
                condition=Q(kind="ensemble"),
                name="segment_one_ensemble",
                violation_error_message="Une étude n'a qu'un segment « Ensemble ».",
            ),
        ]

    def __str__(self) -> str:
        return self.label
