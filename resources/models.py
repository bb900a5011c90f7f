"""The resource centre: the observatory's reports, kits, tools, guides, letters, articles, exhibitions and events.

A resource says what its source prints and nothing more: the date as printed ("mars 2019"), the place of an
event only when printed, a link only when one exists. The deck's items are seeded as metadata only,
each with the page that prints it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from observatoire.reference.models import Domain, Region
from observatoire.reference.translated import SourceTextMixin
from surveys.models import Programme


class Audience(SourceTextMixin, models.Model):
    """Who a resource is for: the deck's four audiences (p. 33) and the researchers (p. 27)."""

    slug = models.SlugField(max_length=40, unique=True, help_text="Adresse de la page : /pour/<slug>/.")
    name = models.CharField("nom", max_length=80)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "public"
        verbose_name_plural = "publics"

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet):
    def published(self) -> "ResourceQuerySet":
        """The one door to the resources the public may see."""
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(models.Model):
    class Kind(models.TextChoices):
        REPORT = "rapport", "Rapport"
        KIT = "kit", "Kit"
        TOOL = "outil", "Outil"
        GUIDE = "guide", "Guide"
        LETTER = "lettre", "Lettre"
        ARTICLE = "article", "Article"
        EXHIBITION = "exposition", "Exposition"
        EVENT = "evenement", "Événement"

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        PUBLISHED = "published", "Publiée"

    slug = models.SlugField(max_length=120, unique=True, help_text="Adresse de la page : /ressources/<slug>/.")
    title = models.CharField("titre", max_length=200, help_text="Tel que la source le nomme.")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    date_label = models.CharField(
        "date", max_length=80, blank=True, help_text="Telle qu'imprimée : « mars 2019 », « le 8/07/20 » ; vide sinon."
    )
    year = models.PositiveSmallIntegerField(
        "année",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="Seulement si la source la donne ; sert au filtre par année.",
    )
    place = models.CharField("lieu", max_length=200, blank=True, help_text="Pour un événement, si la source le dit.")
    quote = models.TextField("ce qu'en dit la source", blank=True, help_text="Citation exacte, sans reformulation.")
    summary = models.TextField("présentation", blank=True, help_text="Laisser vide plutôt que d'inventer.")
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="resources", verbose_name="programme"
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources", verbose_name="publics")
    domains = models.ManyToManyField(Domain, blank=True, related_name="resources", verbose_name="domaines")
    regions = models.ManyToManyField(Region, blank=True, related_name="resources", verbose_name="régions")
    url = models.URLField("lien", blank=True, help_text="Seulement un lien qui existe ; jamais deviné.")
    licence = models.CharField("licence", max_length=120, blank=True)
    citation = models.TextField(
        "citation", help_text="Comment citer la ressource, ou la page de la source qui la nomme."
    )
    source_page = models.CharField("page de la source", max_length=40, blank=True, help_text="« p. 22 ».")
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords()

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "ressource"
        verbose_name_plural = "ressources"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", args=[self.slug])
