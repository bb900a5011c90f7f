"""The observatory's programmes of studies (ARPEA, PHARE, IMPACT), their phases and volets.

They are the frame the deck puts the studies in (pages 2, 25, 29). Each text field holds what the deck prints,
with its page; a value the deck does not print stays empty and the pages say so.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from observatoire.reference.translated import SourceTextMixin


class Programme(SourceTextMixin, models.Model):
    slug = models.SlugField(max_length=40, unique=True, help_text="Adresse de la page : /programmes/<slug>/.")
    name = models.CharField("nom", max_length=80, help_text="« IMPACT ».")
    cycle = models.CharField(
        "cycle", max_length=200, blank=True, help_text="Comme la source le dit : « 1er cycle quinquennal d'études »."
    )
    period = models.CharField(
        "période",
        max_length=120,
        blank=True,
        help_text="Telle qu'imprimée : « 2008 — 2012 », « depuis le 23 novembre 2017 » ; vide sinon.",
    )
    start_year = models.PositiveSmallIntegerField("année de début", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    launched_on = models.DateField("lancé le", null=True, blank=True, help_text="Seulement si la source donne le jour.")
    aims = models.TextField("objectifs", blank=True, help_text="Citation de la source, sans reformulation.")
    source = models.CharField(
        "pages de la source", max_length=200, blank=True, help_text="« Présentation de l'Observatoire, 2020, p. 2 »."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "programme"
        verbose_name_plural = "programmes"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.slug])


class Phase(SourceTextMixin, models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    period = models.CharField("période", max_length=40, help_text="Telle qu'imprimée : « 2019-2021 ».")
    name = models.CharField("nom", max_length=120, help_text="« Phase quantitative ».")
    description = models.TextField("description", blank=True, help_text="Citation de la source.")
    source = models.CharField("page de la source", max_length=40, blank=True, help_text="« p. 25 ».")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = "phase"
        verbose_name_plural = "phases"

    def __str__(self) -> str:
        return f"{self.programme} {self.period} — {self.name}"


class Volet(SourceTextMixin, models.Model):
    class Holds(models.TextChoices):
        """What the base holds for a volet, so that its page can lead to it."""

        STUDIES = "studies", "Études (enquêtes)"
        INDICATORS = "indicators", "Indicateurs et rapports territoriaux"
        CASES = "cases", "Base d'études de cas"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="volets")
    number = models.PositiveSmallIntegerField("numéro", null=True, blank=True, help_text="« Volet 2 » : 2.")
    name = models.CharField("nom", max_length=120, help_text="« IMPACT-Citoyens ».")
    description = models.TextField("description", blank=True, help_text="Citation de la source.")
    holds = models.CharField("contenu dans la base", max_length=20, choices=Holds.choices, default=Holds.STUDIES)
    source = models.CharField("page de la source", max_length=40, blank=True, help_text="« p. 25 ».")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = "volet"
        verbose_name_plural = "volets"

    def __str__(self) -> str:
        return f"Volet {self.number} : {self.name}" if self.number else self.name
