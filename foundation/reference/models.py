from django.db import models
from django.utils.translation import gettext_lazy as _

from foundation.reference.translated import SourceTextMixin


class Vocabulary(SourceTextMixin, models.Model):
    """A controlled vocabulary term: stable slug, French name, the source's definition."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("définition"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Domain(Vocabulary):
    class Group(models.TextChoices):
        ECONOMIC = "economique", _("Critères économiques")
        SOCIAL = "social", _("Critères sociaux (sociétaux)")
        ENVIRONMENTAL = "environnemental", _("Critères environnementaux")

    group = models.CharField(_("groupe de critères"), max_length=20, choices=Group.choices)

    class Meta(Vocabulary.Meta):
        verbose_name = _("domaine de fragilité")
        verbose_name_plural = _("domaines de fragilité")


class PartnershipType(Vocabulary):
    era = models.CharField(_("période d'émergence"), max_length=200, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("pratique partenariale")
        verbose_name_plural = _("pratiques partenariales")


class EngagementPractice(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("pratique d'engagement")
        verbose_name_plural = _("pratiques d'engagement")


class CollectiveDynamic(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("dynamique collective territoriale")
        verbose_name_plural = _("dynamiques collectives territoriales")


class Zone(models.TextChoices):
    METRO = "metro", _("Métropole")
    DROM = "drom", _("Outre-mer (DROM)")


class Region(SourceTextMixin, models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)
    zone = models.CharField(max_length=5, choices=Zone.choices, default=Zone.METRO)

    class Meta:
        ordering = ["name"]
        verbose_name = _("région")

    def __str__(self) -> str:
        return self.name


class Department(SourceTextMixin, models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments", verbose_name="région")
    zone = models.CharField(max_length=5, choices=Zone.choices, default=Zone.METRO)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Impact(Vocabulary):
    """One kind of impact the IMPACT programme studies, under one of its three impacts (source deck p. 24,
    « Etudier les 3 impacts des alliances »); `description` keeps the deck's own wording."""

    class Family(models.TextChoices):
        PERFORMANCE = "performance", _("Performance")
        INNOVATION = "innovation", "Innovation"
        TRUST = "confiance", _("Confiance")

    family = models.CharField(_("impact"), max_length=12, choices=Family.choices)
    source_page = models.PositiveSmallIntegerField(_("page de la source"), null=True, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("impact")
        verbose_name_plural = _("impacts")


class SustainableDevelopmentGoal(SourceTextMixin, models.Model):
    """One of the 17 Sustainable Development Goals of the United Nations' 2030 Agenda, by its number, with
    its official short names in French and English (`name_fr`, `name_en`: see translation.py)."""

    number = models.PositiveSmallIntegerField(_("numéro"), primary_key=True)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        ordering = ["number"]
        verbose_name = _("objectif de développement durable")
        verbose_name_plural = _("objectifs de développement durable")

    def __str__(self) -> str:
        return f"ODD {self.number} — {self.name}"

    @property
    def slug(self) -> str:
        return str(self.number)
