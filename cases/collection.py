"""Collections: curated, ordered, cited sets of cases (« Paris Est Marne & Bois (94) », the cases of a
ministerial mission). A collection shows only its published cases; a collection itself reaches the public
once it is marked published."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from foundation.reference.models import Department, Region


class CollectionQuerySet(models.QuerySet):
    def published(self) -> "CollectionQuerySet":
        return self.filter(is_published=True)


class Collection(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(max_length=140, unique=True, help_text="Adresse de la page : /collections/<slug>/.")
    description = models.TextField("description", blank=True)
    source = models.TextField("source", blank=True, help_text="D'où vient cet ensemble de cas (citation).")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name="région")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name="département"
    )
    is_published = models.BooleanField("publiée", default=False)
    cases = models.ManyToManyField("cases.Case", through="CollectionEntry", related_name="collections", blank=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords()
    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "collection"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collections:detail", args=[self.slug])


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name="étude de cas")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["collection", "position", "pk"]
        verbose_name = "cas de la collection"
        verbose_name_plural = "cas de la collection"
        constraints = [models.UniqueConstraint(fields=["collection", "case"], name="collection_entry_unique")]

    def __str__(self) -> str:
        return f"{self.collection} — {self.case}"
