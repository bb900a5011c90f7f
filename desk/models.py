"""What the curators keep for themselves about a case: internal comments, never shown to the public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class CaseComment(models.Model):
    """A curator's note on a case (a question, what is missing, who was called).

    Internal: no public page, API resource, feed, export or open-data file reads this model.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments", verbose_name=_("étude de cas"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    text = models.TextField(_("commentaire"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("commentaire interne")
        verbose_name_plural = _("commentaires internes")

    def __str__(self) -> str:
        return f"Commentaire de {self.author or 'un compte supprimé'} sur « {self.case} »"
