"""The Atom feed of published cases: `/cas/flux/` takes the search's parameters, so a saved search is a feed."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cases.filters import CaseFilter, Sort
from cases.models import Case
from cases.search import search
from foundation.text import without_control_characters

FEED_SIZE = 50


class CleanAtom1Feed(Atom1Feed):
    """Atom without the control characters XML forbids: one stored in a case must not break the feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: _clean(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {name: _clean(value) for name, value in self.items[-1].items()}


def _clean(value):
    if isinstance(value, list | tuple):
        return type(value)(without_control_characters(item) for item in value)
    return without_control_characters(value)


class CaseFeed(Feed):
    feed_type = CleanAtom1Feed
    author_name = "Observatoire des partenariats"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> CaseFilter:
        # The newest first, whatever the page's sort: a feed announces what is new.
        filterset = CaseFilter(request.GET, queryset=Case.objects.none())
        filterset.is_valid()  # checked by case_feed before the feed is built
        params = request.GET.copy()
        params["sort"] = Sort.RECENT
        if "q" in params:  # the words as the filter cleaned them
            params["q"] = filterset.form.cleaned_data.get("q") or ""
        self._result = search(params, user=None)
        return filterset

    def title(self, filterset: CaseFilter) -> str:
        query = filterset.form.cleaned_data.get("q")
        title = _("Études de cas de l'Observatoire des partenariats")
        return f"{title} — « {query} »" if query else str(title)

    def link(self, filterset: CaseFilter) -> str:
        """The search page showing the same cases."""
        params = filterset.data.copy()
        params.pop("page", None)
        return f"/cas/?{params.urlencode()}" if params else "/cas/"

    def feed_url(self, filterset: CaseFilter) -> str:
        params = filterset.data.copy()
        params.pop("page", None)
        return f"/cas/flux/?{params.urlencode()}" if params else "/cas/flux/"

    def subtitle(self, filterset: CaseFilter) -> str:
        return str(_("Les dernières études de cas publiées qui répondent à cette recherche."))

    def items(self, filterset: CaseFilter):
        return self._result[0:FEED_SIZE]

    def item_title(self, case: Case) -> str:
        return f"{case.title} ({_('cas fictif')})" if case.is_fictitious else case.title

    def item_description(self, case: Case) -> str:
        return case.summary

    def item_pubdate(self, case: Case):
        return case.published_at

    def item_updateddate(self, case: Case):
        return case.updated_at

    def item_categories(self, case: Case) -> list[str]:
        return [domain.name for domain in case.domain_list]


@require_safe
def case_feed(request: HttpRequest) -> HttpResponse:
    """The feed, or a 400 naming the parameter that makes no sense (an unknown domain, a bad year)."""
    filterset = CaseFilter(request.GET, queryset=Case.objects.none())
    if not filterset.is_valid():
        reasons = "; ".join(f"{name} : {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(
            f"{_('Paramètres invalides')} — {reasons}", content_type="text/plain; charset=utf-8"
        )
    return CaseFeed()(request)
