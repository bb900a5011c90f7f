"""Photos and documents attached to a case.

Files live in Django's default storage (the local MEDIA_ROOT, or an S3 bucket) under `cas/<case id>/`,
named by a hash of their content: a name never changes its content, so a published file may be cached
for good. The public reaches them only through cases.media.views, which checks that the case is published.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.media.checks import size_label


def case_file_name(instance: "CaseImage | CaseDocument", filename: str) -> str:
    """`cas/<case id>/<content hash>.<ext>`: the checked upload already carries its hashed name."""
    return f"cas/{instance.case_id}/{filename}"


def stored_file_url(name: str) -> str:
    """The address that serves a stored file `cas/<case id>/<file>` (cases.media.views checks who asks)."""
    _folder, case_id, filename = name.split("/")
    return reverse("case_files:file", args=[int(case_id), filename])


class CaseImage(models.Model):
    """A photo of a case, re-encoded without its metadata, with narrower WebP variants for the page."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="images", verbose_name=_("étude de cas")
    )
    file = models.ImageField(_("image"), upload_to=case_file_name, max_length=200)
    width = models.PositiveIntegerField(_("largeur (px)"), default=0, editable=False)
    height = models.PositiveIntegerField(_("hauteur (px)"), default=0, editable=False)
    size = models.PositiveIntegerField(_("poids (octets)"), default=0, editable=False)
    # The WebP variants for `srcset`, narrowest first: [{"name": storage name, "width": px, "height": px}].
    variants = models.JSONField(default=list, editable=False)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=300,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas (lu par les lecteurs d'écran). Obligatoire."),
    )
    credit = models.CharField(_("crédit"), max_length=200, blank=True, help_text=_("Auteur ou source de la photo."))
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        help_text=_("Par exemple : CC BY 4.0, Licence Ouverte, tous droits réservés."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        ordering = ["case", "position", "pk"]
        verbose_name = _("photo")

    def __str__(self) -> str:
        return self.alt_text

    @property
    def url(self) -> str:
        return stored_file_url(self.file.name)

    def variant_urls(self) -> list[dict]:
        """The variants as pages and clients use them: url, width, height, narrowest first."""
        return [
            {"url": stored_file_url(variant["name"]), "width": variant["width"], "height": variant["height"]}
            for variant in self.variants
        ]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{variant['url']} {variant['width']}w" for variant in self.variant_urls())

    @property
    def src(self) -> dict:
        """The widest variant: what a browser without `srcset` shows."""
        return (
            self.variant_urls()[-1] if self.variants else {"url": self.url, "width": self.width, "height": self.height}
        )

    def stored_names(self) -> list[str]:
        return [name for name in [self.file.name, *(variant["name"] for variant in self.variants)] if name]


class CaseDocument(models.Model):
    """A PDF of a case (its fiche, a report), checked by its content."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="documents", verbose_name=_("étude de cas")
    )
    file = models.FileField(_("document (PDF)"), upload_to=case_file_name, max_length=200)
    title = models.CharField(_("titre"), max_length=200, help_text=_("Le titre affiché dans la liste des documents."))
    size = models.PositiveIntegerField(_("poids (octets)"), default=0, editable=False)
    content_type = models.CharField(_("type"), max_length=100, default="application/pdf", editable=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        ordering = ["case", "position", "pk"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return stored_file_url(self.file.name)

    @property
    def size_label(self) -> str:
        return size_label(self.size)

    @property
    def type_label(self) -> str:
        return "PDF" if self.content_type == "application/pdf" else self.content_type

    def stored_names(self) -> list[str]:
        return [self.file.name] if self.file.name else []


@receiver(post_delete, sender=CaseImage, dispatch_uid="case-image-files")
@receiver(post_delete, sender=CaseDocument, dispatch_uid="case-document-files")
def _delete_stored_files(sender, instance, **kwargs) -> None:
    """A deleted row takes its files along, once the deletion is committed (a rollback keeps both).

    A signal rather than `delete()`: a case's deletion removes its photos in bulk, without calling it.
    """
    storage, names = instance.file.storage, instance.stored_names()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


# The case's history: a photo or a document added or removed is a version of its case ----------------------

# (model, added) → the words that open the reason of the case's version, and the history's label.
FILE_CHANGES = {
    (CaseImage, True): ("Photo ajoutée", "Photos"),
    (CaseImage, False): ("Photo retirée", "Photos"),
    (CaseDocument, True): ("Document ajouté", "Documents"),
    (CaseDocument, False): ("Document retiré", "Documents"),
}


def file_change_reason(instance: "CaseImage | CaseDocument", *, added: bool) -> str:
    """The reason a file's case version gives, as the history page shows it."""
    what, _label = FILE_CHANGES[type(instance), added]
    name = instance.alt_text if isinstance(instance, CaseImage) else instance.title
    return f"{what} : « {name} »"[:100]  # the history's reason holds 100 characters


def file_changes_reason(reasons: list[str]) -> str:
    """One version's reason for several files (an admin page saved once), as the history's 100 characters hold."""
    return " ; ".join(reasons)[:100]


def file_changes_of(reason: str) -> list[tuple[str, bool, str]]:
    """(history label, added, the file's name) of each file a version records, in the order of its reason."""
    changes = []
    for part in (reason or "").split(" ; "):
        for (_model, added), (what, label) in FILE_CHANGES.items():
            if part.startswith(f"{what} : « "):
                changes.append((label, added, part[len(what) + 5 :].removesuffix(" »")))
                break
    return changes


# The file reasons of the case whose saves are gathered into one version (file_changes_gathered).
_gathered: ContextVar[tuple[int, list[str]] | None] = ContextVar("case_file_changes", default=None)


@contextmanager
def file_changes_gathered(case) -> Iterator[list[str]]:
    """Inside, a file added to or removed from `case` records no version of its own: its reason is added
    to the list given, for the one version the caller records (a row's `case` may be another object
    than the caller's, when the row was read from the database, hence the case's id)."""
    reasons: list[str] = []
    token = _gathered.set((case.pk, reasons))
    try:
        yield reasons
    finally:
        _gathered.reset(token)


def _case_version(case, reason: str) -> None:
    gathered = _gathered.get()
    if case is not None and gathered is not None and case.pk == gathered[0]:
        gathered[1].append(reason)
        return
    # A case whose history is being written at once (a proposal's creation) records nothing per file.
    if case is None or hasattr(case, "skip_history_when_saving"):
        return
    case._change_reason = reason
    try:
        case.save(update_fields=["updated_at"])
    finally:
        del case._change_reason


@receiver(post_save, sender=CaseImage, dispatch_uid="case-image-history")
@receiver(post_save, sender=CaseDocument, dispatch_uid="case-document-history")
def _file_added(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        _case_version(instance.case, file_change_reason(instance, added=True))


@receiver(post_delete, sender=CaseImage, dispatch_uid="case-image-removed-history")
@receiver(post_delete, sender=CaseDocument, dispatch_uid="case-document-removed-history")
def _file_removed(sender, instance, origin=None, **kwargs) -> None:
    if origin is not None and not isinstance(origin, CaseImage | CaseDocument):
        return  # the case itself is deleted (or a bulk deletion): its history says so
    field = instance._meta.get_field("case")  # the case as the caller holds it (its author), or as stored
    case = (
        instance.case if field.is_cached(instance) else field.related_model.objects.filter(pk=instance.case_id).first()
    )
    _case_version(case, file_change_reason(instance, added=False))
