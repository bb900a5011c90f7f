"""The impacts a case states it has observed (the IMPACT programme's three impacts, deck p. 24), each with
its evidence and, where one exists, its formal evaluation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foundation.reference.models import Impact


class CaseImpact(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="observed_impacts")
    impact = models.ForeignKey(Impact, on_delete=models.PROTECT, related_name="observations", verbose_name=_("impact"))
    evidence = models.TextField(
        _("ce qui l'atteste"), help_text=_("Ce que la source dit de cet impact : un fait observé, un chiffre cité.")
    )
    evidence_url = models.URLField(_("lien vers la preuve"), max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "cases.CaseDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document de preuve"),
        help_text=_("Un des documents de cette étude de cas."),
    )
    formal_evaluation = models.BooleanField(
        _("évaluation formelle"),
        default=False,
        help_text=_("Une évaluation en bonne et due forme a mesuré cet impact."),
    )
    evaluation_url = models.URLField(_("lien vers le rapport d'évaluation"), max_length=500, blank=True)
    evaluation_document = models.ForeignKey(
        "cases.CaseDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapport d'évaluation (document)"),
        help_text=_("Un des documents de cette étude de cas."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "impact__position"]
        verbose_name = _("impact observé")
        verbose_name_plural = _("impacts observés")
        constraints = [models.UniqueConstraint(fields=["case", "impact"], name="case_impact_unique")]

    def __str__(self) -> str:
        return str(self.impact)

    def clean(self) -> None:
        errors = {}
        for name in ("evidence_document", "evaluation_document"):
            document = getattr(self, name)
            if document is not None and self.case_id is not None and document.case_id != self.case_id:
                errors[name] = _("Choisissez un document de cette étude de cas.")
        if not self.formal_evaluation and (self.evaluation_url or self.evaluation_document_id):
            errors["formal_evaluation"] = _("Un rapport d'évaluation est donné : cochez « évaluation formelle ».")
        if errors:
            raise ValidationError(errors)

    @property
    def evaluation_report(self):
        """The report's address: its link, or the document's."""
        if self.evaluation_url:
            return self.evaluation_url
        return self.evaluation_document.url if self.evaluation_document_id else ""

    @property
    def evidence_link(self) -> str:
        if self.evidence_url:
            return self.evidence_url
        return self.evidence_document.url if self.evidence_document_id else ""
