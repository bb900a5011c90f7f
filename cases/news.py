"""Nouvelles études de cas: the monthly enrichment of the base, month by month, and its Atom feed.

`/cas/nouveautes/` lists the months in which cases were published, newest first, twelve months a page,
each with its count and its latest cases; `/cas/nouveautes/<année>/<mois>/` lists one month's cases;
`/cas/nouveautes/atom/` announces each published case at its publication date. Only published cases are
counted or shown (Case.objects.published() and their publication date). Each page costs two queries.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cases.feeds import FEED_SIZE, CaseFeed
from cases.models import Case

MONTHS_PER_PAGE = 12
# Cases shown under each month of the overview; the month's own page shows them all.
CASES_PER_MONTH = 10
MONTH_PAGE_SIZE = 50


@dataclass
class Month:
    start: datetime  # the first instant of the month, in the site's time zone
    count: int
    cases: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return reverse("cases:news_month", args=[self.start.year, self.start.month])


def _dated_published():
    return Case.objects.published().filter(published_at__isnull=False)


def _month(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _next_month(start: datetime) -> datetime:
    # The zone (not a fixed offset) is kept: the first of the next month gets its own summer or winter offset.
    return start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)


def _listed(queryset):
    """What a line of the list shows: not the wide texts."""
    return queryset.only("title", "slug", "summary", "is_fictitious", "published_at", "status")


@require_safe
def news(request: HttpRequest) -> HttpResponse:
    counts = (
        _dated_published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    page = Paginator(list(counts), MONTHS_PER_PAGE).get_page(request.GET.get("page"))
    months = [Month(_month(row["month"]), row["count"]) for row in page.object_list]
    if months:
        by_month = {month.start: month for month in months}
        latest = (
            _listed(_dated_published())
            .filter(published_at__gte=months[-1].start, published_at__lt=_next_month(months[0].start))
            .annotate(
                month=TruncMonth("published_at"),
                rank=Window(
                    RowNumber(),
                    partition_by=[TruncMonth("published_at")],
                    order_by=[F("published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(rank__lte=CASES_PER_MONTH)
            .order_by("-published_at", "-pk")
        )
        for case in latest:
            by_month[_month(case.month)].cases.append(case)
    return render(request, "cases/news.html", {"page": page, "months": months})


@require_safe
def news_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        raise Http404("Ce mois n'existe pas.")
    start = timezone.make_aware(datetime(year, month, 1))
    cases = _listed(_dated_published()).filter(published_at__gte=start, published_at__lt=_next_month(start))
    page = Paginator(cases.order_by("-published_at", "-pk"), MONTH_PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.paginator.count:
        raise Http404("Aucune étude de cas publiée ce mois-là.")
    return render(request, "cases/news_month.html", {"page": page, "month": Month(start, page.paginator.count)})


class NewsFeed(CaseFeed):
    """Every published case, newest first, dated by its publication."""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> None:
        return None

    def title(self, obj=None) -> str:
        return f"{_('Nouvelles études de cas')} — Observatoire des partenariats"

    def link(self, obj=None) -> str:
        return reverse("cases:news")

    def feed_url(self, obj=None) -> str:
        return reverse("cases:news_feed")

    def subtitle(self, obj=None) -> str:
        return str(_("Les études de cas ajoutées à la base, à leur date de publication."))

    def items(self, obj=None):
        return _dated_published().order_by("-published_at", "-pk").prefetch_related("domains")[:FEED_SIZE]


news_feed = require_safe(NewsFeed())
