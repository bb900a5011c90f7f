"""The resource centre: the observatory's reports, kits, tools, guides, letters, articles, exhibitions and events.

A resource says what its source prints and nothing more: the date as printed ("mars 2019"), the place of an
event only when printed, a link only when one exists. The deck's items are seeded as metadata only,
each with the page that prints it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.media.checks import size_label
from foundation.reference.models import Domain, Region, SustainableDevelopmentGoal
from foundation.reference.translated import SourceTextMixin
from resources.files import EXTENSIONS, LABELS, resource_file_name
from surveys.models import Programme


class Audience(SourceTextMixin, models.Model):
    """Who a resource is for: the deck's four audiences (p. 33) and the researchers (p. 27)."""

    slug = models.SlugField(max_length=40, unique=True, help_text=_("Adresse de la page : /pour/<slug>/."))
    name = models.CharField(_("nom"), max_length=80)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("public")
        verbose_name_plural = _("publics")

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet):
    def published(self) -> "ResourceQuerySet":
        """The one door to the resources the public may see."""
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(models.Model):
    class Kind(models.TextChoices):
        REPORT = "rapport", _("Rapport")
        KIT = "kit", _("Kit")
        TOOL = "outil", _("Outil")
        GUIDE = "guide", _("Guide")
        LETTER = "lettre", _("Lettre")
        ARTICLE = "article", _("Article")
        EXHIBITION = "exposition", _("Exposition")
        EVENT = "evenement", _("Événement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")

    slug = models.SlugField(max_length=120, unique=True, help_text=_("Adresse de la page : /ressources/<slug>/."))
    title = models.CharField(_("titre"), max_length=200, help_text=_("Tel que la source le nomme."))
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    date_label = models.CharField(
        _("date"),
        max_length=80,
        blank=True,
        help_text=_("Telle qu'imprimée : « mars 2019 », « le 8/07/20 » ; vide sinon."),
    )
    year = models.PositiveSmallIntegerField(
        _("année"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Seulement si la source la donne ; sert au filtre par année."),
    )
    place = models.CharField(
        _("lieu"), max_length=200, blank=True, help_text=_("Pour un événement, si la source le dit.")
    )
    quote = models.TextField(
        _("ce qu'en dit la source"), blank=True, help_text=_("Citation exacte, sans reformulation.")
    )
    summary = models.TextField(_("présentation"), blank=True, help_text=_("Laisser vide plutôt que d'inventer."))
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("programme"),
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources", verbose_name=_("publics"))
    domains = models.ManyToManyField(Domain, blank=True, related_name="resources", verbose_name=_("domaines"))
    regions = models.ManyToManyField(Region, blank=True, related_name="resources", verbose_name=_("régions"))
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="resources",
        verbose_name=_("objectifs de développement durable"),
    )
    url = models.URLField(_("lien"), blank=True, help_text=_("Seulement un lien qui existe ; jamais deviné."))
    file = models.FileField(
        _("fichier"),
        upload_to=resource_file_name,
        max_length=200,
        blank=True,
        help_text=_(
            "PDF ou document bureautique (OpenDocument, Office) ; servi au public seulement une fois la "
            "ressource publiée."
        ),
    )
    file_type = models.CharField(_("type du fichier"), max_length=100, blank=True, editable=False)
    file_size = models.PositiveIntegerField(_("poids du fichier (octets)"), default=0, editable=False)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    citation = models.TextField(
        _("citation"), help_text=_("Comment citer la ressource, ou la page de la source qui la nomme.")
    )
    source_page = models.CharField(_("page de la source"), max_length=40, blank=True, help_text=_("« p. 22 »."))
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", args=[self.slug])

    @property
    def file_url(self) -> str:
        """The address that serves the file (resources.views.resource_file checks who asks), or ""."""
        return reverse("resource_files:file", args=[self.file.name.rsplit("/", 1)[-1]]) if self.file else ""

    @property
    def file_extension(self) -> str:
        return EXTENSIONS.get(self.file_type, "")

    @property
    def file_label(self) -> str:
        """« PDF, 1,2 Mo »: what a reader needs before downloading."""
        return f"{LABELS.get(self.file_extension, self.file_type)}, {size_label(self.file_size)}"

    @property
    def download_name(self) -> str:
        return f"{slugify(self.title)[:80] or 'ressource'}.{self.file_extension or 'bin'}"


@receiver(post_delete, sender=Resource, dispatch_uid="resource-file")
def _delete_stored_file(sender, instance: Resource, **kwargs) -> None:
    """A deleted resource takes its file along once the deletion is committed, unless another resource
    holds the same content (names are content hashes)."""
    name, storage = instance.file.name, instance.file.storage
    if name and not Resource.objects.filter(file=name).exists():
        transaction.on_commit(lambda: storage.delete(name))
