"""What is waiting for the curators: the editorial desk's lists, each a few queries whatever the base's size.

Each list shows its first DESK_LIST_SIZE rows and the total of its matches, counted by a window function in
the same query, and links to the admin list that shows them all (the filters of desk.admin use the same
querysets).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Count, DateTimeField, F, OuterRef, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from proposals.models import Proposal

DESK_LIST_SIZE = 20
_DAWN = datetime(1900, 1, 1, tzinfo=UTC)


def month_start(now: datetime | None = None) -> datetime:
    """The first instant of the current month, in the site's time zone."""
    return timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def stale_limit(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.DESK_STALE_DRAFT_DAYS)


def in_review(cases: QuerySet) -> QuerySet:
    return cases.filter(status=Case.Status.REVIEW)


def stale_drafts(cases: QuerySet, now: datetime | None = None) -> QuerySet:
    return cases.filter(status=Case.Status.DRAFT, updated_at__lt=stale_limit(now))


def published_this_month(cases: QuerySet, now: datetime | None = None) -> QuerySet:
    return cases.filter(status=Case.Status.PUBLISHED, published_at__gte=month_start(now))


def assigned_to(cases: QuerySet, user) -> QuerySet:
    return cases.filter(assigned_to=user)


def with_review_submission(cases: QuerySet) -> QuerySet:
    """Annotate `review_since` and `review_by`: when the case last entered review, and who put it there.

    Read from the change history: the first record in review after the last record in another status.
    """
    history = Case.history.model
    left_review = (
        history.objects.filter(id=OuterRef(OuterRef("pk")))
        .exclude(status=Case.Status.REVIEW)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    entered = history.objects.filter(
        id=OuterRef("pk"),
        status=Case.Status.REVIEW,
        history_date__gt=Coalesce(Subquery(left_review), Value(_DAWN, output_field=DateTimeField())),
    ).order_by("history_date", "history_id")
    user_name = Coalesce(
        NullIf(Trim(Concat("history_user__first_name", Value(" "), "history_user__last_name")), Value("")),
        F("history_user__username"),
    )
    return cases.annotate(
        review_since=Subquery(entered.values("history_date")[:1]),
        review_by=Subquery(entered.values(name=user_name)[:1]),
    )


@dataclass
class Section:
    slug: str
    title: str
    description: str
    empty: str
    rows: list = field(default_factory=list)
    total: int = 0
    see_all_url: str = ""
    see_all_label: str = ""

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _capped(queryset: QuerySet) -> tuple[list, int]:
    """The first rows of the list and the number of all its rows, in one query."""
    rows = list(queryset.annotate(desk_total=Window(Count("pk")))[:DESK_LIST_SIZE])
    return rows, (rows[0].desk_total if rows else 0)


def _changelist(query: str) -> str:
    return f"{reverse('admin:cases_case_changelist')}?{query}"


def case_sections(user, now: datetime | None = None) -> list[Section]:
    """The case lists of the desk, for `user` (who sees them only with the right to view cases)."""
    if not (user.has_perm("cases.view_case") or user.has_perm("cases.change_case")):
        return []
    # What a row shows, not the wide texts and search documents.
    cases = Case.objects.select_related("assigned_to").only(
        "title", "slug", "status", "is_fictitious", "updated_at", "published_at", "assigned_to__username"
    )
    review = Section(
        "relecture",
        _("Études de cas en relecture"),
        _("Soumises à relecture, les plus anciennes d'abord."),
        _("Aucune étude de cas n'attend de relecture."),
        see_all_url=_changelist(f"status__exact={Case.Status.REVIEW}"),
        see_all_label=_("Voir toutes les études de cas en relecture"),
    )
    review.rows, review.total = _capped(
        with_review_submission(in_review(cases)).order_by(F("review_since").asc(nulls_last=True), "updated_at", "pk")
    )
    dormant = Section(
        "dormants",
        _("Brouillons dormants"),
        _("Brouillons que personne n'a modifiés depuis plus de %(days)s jours : à reprendre, ou à archiver.")
        % {"days": settings.DESK_STALE_DRAFT_DAYS},
        _("Aucun brouillon dormant."),
        see_all_url=_changelist("suivi=dormants"),
        see_all_label=_("Voir tous les brouillons dormants"),
    )
    dormant.rows, dormant.total = _capped(stale_drafts(cases, now).order_by("updated_at", "pk"))
    month = Section(
        "ce-mois",
        _("Publiées ce mois-ci"),
        _("Les études de cas publiées depuis le premier du mois, les plus récentes d'abord."),
        _("Aucune étude de cas publiée ce mois-ci."),
        see_all_url=_changelist("suivi=ce-mois"),
        see_all_label=_("Voir toutes les études de cas publiées ce mois-ci"),
    )
    month.rows, month.total = _capped(published_this_month(cases, now).order_by("-published_at", "-pk"))
    mine = Section(
        "a-moi",
        _("Assignées à moi"),
        _("Les études de cas dont vous avez la charge, encore en brouillon ou en relecture."),
        _("Aucune étude de cas en cours ne vous est assignée."),
        see_all_url=_changelist("assignation=moi"),
        see_all_label=_("Voir toutes les études de cas qui vous sont assignées"),
    )
    mine.rows, mine.total = _capped(
        assigned_to(cases, user).filter(status__in=[Case.Status.DRAFT, Case.Status.REVIEW]).order_by("updated_at", "pk")
    )
    return [review, dormant, month, mine]


def proposal_section(user) -> Section | None:
    """Proposals from the field still to examine (new, or waiting for more information), oldest first."""
    if not (user.has_perm("proposals.view_proposal") or user.has_perm("proposals.change_proposal")):
        return None
    try:
        see_all = f"{reverse('admin:proposals_proposal_changelist')}?state__in=" + ",".join(Proposal.OPEN_STATES)
    except NoReverseMatch:  # the proposals have no admin list of their own
        see_all = ""
    section = Section(
        "propositions",
        _("Propositions à examiner"),
        _(
            "Reçues du terrain par le formulaire public, les plus anciennes d'abord : nouvelles, ou en attente "
            "des informations demandées au proposant."
        ),
        _("Aucune proposition à examiner."),
        see_all_url=see_all,
        see_all_label=_("Voir toutes les propositions à examiner") if see_all else "",
    )
    section.rows, section.total = _capped(
        Proposal.objects.awaiting()
        .select_related("case")
        .only("name", "state", "created_at", "case__title")
        .order_by("created_at", "pk")
    )
    return section


def desk_sections(user, now: datetime | None = None) -> list[Section]:
    proposals = proposal_section(user)
    return [*([proposals] if proposals else []), *case_sections(user, now)]
