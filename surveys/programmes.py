"""The observatory's programmes of studies (ARPEA, PHARE, IMPACT), their phases and volets.

They are the frame the deck puts the studies in (pages 2, 25, 29). Each text field holds what the deck prints,
with its page; a value the deck does not print stays empty and the pages say so.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foundation.reference.translated import SourceTextMixin


class Programme(SourceTextMixin, models.Model):
    slug = models.SlugField(max_length=40, unique=True, help_text=_("Adresse de la page : /programmes/<slug>/."))
    name = models.CharField(_("nom"), max_length=80, help_text=_("« IMPACT »."))
    cycle = models.CharField(
        _("cycle"),
        max_length=200,
        blank=True,
        help_text=_("Comme la source le dit : « 1er cycle quinquennal d'études »."),
    )
    period = models.CharField(
        _("période"),
        max_length=120,
        blank=True,
        help_text=_("Telle qu'imprimée : « 2008 — 2012 », « depuis le 23 novembre 2017 » ; vide sinon."),
    )
    start_year = models.PositiveSmallIntegerField(_("année de début"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("année de fin"), null=True, blank=True)
    launched_on = models.DateField(
        _("lancé le"), null=True, blank=True, help_text=_("Seulement si la source donne le jour.")
    )
    aims = models.TextField(_("objectifs"), blank=True, help_text=_("Citation de la source, sans reformulation."))
    source = models.CharField(
        _("pages de la source"),
        max_length=200,
        blank=True,
        help_text=_("« Présentation de l'Observatoire, 2020, p. 2 »."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.slug])


class Phase(SourceTextMixin, models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    period = models.CharField(_("période"), max_length=40, help_text=_("Telle qu'imprimée : « 2019-2021 »."))
    name = models.CharField(_("nom"), max_length=120, help_text=_("« Phase quantitative »."))
    description = models.TextField(_("description"), blank=True, help_text=_("Citation de la source."))
    source = models.CharField(_("page de la source"), max_length=40, blank=True, help_text=_("« p. 25 »."))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return f"{self.programme} {self.period} — {self.name}"


class Volet(SourceTextMixin, models.Model):
    class Holds(models.TextChoices):
        """What the base holds for a volet, so that its page can lead to it."""

        STUDIES = "studies", _("Études (enquêtes)")
        INDICATORS = "indicators", _("Indicateurs et rapports territoriaux")
        CASES = "cases", _("Base d'études de cas")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="volets")
    number = models.PositiveSmallIntegerField(_("numéro"), null=True, blank=True, help_text=_("« Volet 2 » : 2."))
    name = models.CharField(_("nom"), max_length=120, help_text=_("« IMPACT-Citoyens »."))
    description = models.TextField(_("description"), blank=True, help_text=_("Citation de la source."))
    holds = models.CharField(_("contenu dans la base"), max_length=20, choices=Holds.choices, default=Holds.STUDIES)
    source = models.CharField(_("page de la source"), max_length=40, blank=True, help_text=_("« p. 25 »."))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("volet")
        verbose_name_plural = _("volets")

    def __str__(self) -> str:
        return f"Volet {self.number} : {self.name}" if self.number else self.name
