"""What the search reads of a case, and the spellings it treats as one."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case


class SearchEntry(models.Model):
    """What PostgreSQL's full-text search reads of a case, one row per case (see cases.search).

    Written by the database itself, in the statement that changes a case, its tags, its organisations or a
    term's name (cases.search.schema); never by hand. `tags` holds every filter value of the case as
    `param:value` (`domain:emploi`, `region:84`, `organization_kind:association`). Who may see a case is
    read from the live case row, never from here. The table exists on PostgreSQL only (the SQLite demo
    searches an FTS5 table).
    """

    case = models.OneToOneField(Case, on_delete=models.DB_CASCADE, primary_key=True, related_name="search_entry")
    # The whole weighted document: title (A), summary (B), own text (C), the names it is filed under (D), in
    # `french_unaccent`; and the tags as lexemes, so that a word and the filters are one lookup in its index
    # (no search makes them).
    document = SearchVectorField()
    # The title and the summary alone: the relevance tiers.
    title_vector = SearchVectorField()
    summary_vector = SearchVectorField()
    tags = ArrayField(models.TextField())

    class Meta:
        required_db_vendor = "postgresql"
        indexes = [
            GinIndex(fields=["document"], name="searchentry_document_gin"),
            GinIndex(fields=["tags"], name="searchentry_tags_gin"),
        ]

    def __str__(self) -> str:
        return f"search entry of case {self.case_id}"


class EquivalentSpelling(models.Model):
    """Two spellings that a search treats as one, both ways (« ESS » and « économie sociale et solidaire »):
    kept by the curators in the admin, applied to the words of every search (cases.search.query)."""

    spelling = models.CharField(_("écriture"), max_length=100, unique=True, help_text=_("Par exemple : ESS."))
    equivalent = models.CharField(
        _("équivalent"), max_length=200, help_text=_("Par exemple : économie sociale et solidaire.")
    )

    class Meta:
        ordering = ["spelling"]
        verbose_name = _("écriture équivalente (recherche)")
        verbose_name_plural = _("écritures équivalentes (recherche)")

    def __str__(self) -> str:
        return f"{self.spelling} = {self.equivalent}"
