"""Collections: curated, ordered, cited sets of cases (« Paris Est Marne & Bois (94) », the cases of a
ministerial mission). A collection shows only its published cases; a collection itself reaches the public
once it is marked published."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foundation.reference.models import Department, Region


class CollectionQuerySet(models.QuerySet):
    def published(self) -> "CollectionQuerySet":
        return self.filter(is_published=True)


class Collection(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(max_length=140, unique=True, help_text=_("Adresse de la page : /collections/<slug>/."))
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("D'où vient cet ensemble de cas (citation)."))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("région"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("département")
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    cases = models.ManyToManyField("cases.Case", through="CollectionEntry", related_name="collections", blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()
    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collections:detail", args=[self.slug])


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("étude de cas"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["collection", "position", "pk"]
        verbose_name = _("cas de la collection")
        verbose_name_plural = _("cas de la collection")
        constraints = [models.UniqueConstraint(fields=["collection", "case"], name="collection_entry_unique")]

    def __str__(self) -> str:
        return f"{self.collection} — {self.case}"
