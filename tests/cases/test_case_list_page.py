"""The search page `/cas/`: results, state in the URL, bad input, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.facets import FACETS
from cases.models import Case, Organization
from cases.search import SearchResult, reindex_deferred
from foundation.reference.models import Domain
from tests.factories import CaseFactory, ParticipationFactory
from tests.html import find

# Also run on SQLite: the embedded demo searches and counts with its fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def _titles(response) -> list[str]:
    return [case.title for case in response.context["cards"]]


def test_it_lists_published_cases_newest_first(client):
    CaseFactory(title="Ancienne alliance", published_at="2020-01-01T00:00Z")
    CaseFactory(title="Nouvelle alliance", published_at="2024-01-01T00:00Z")
    response = client.get("/cas/")
    assert response.status_code == 200
    assert _titles(response) == ["Nouvelle alliance", "Ancienne alliance"]
    assert "2 études de cas" in response.content.decode()


def test_a_search_marks_the_words_it_found(client):
    CaseFactory(title="Jardin partagé", summary="Un jardin ouvert à tous les voisins.")
    CaseFactory(title="Atelier vélo", summary="Des réparations.")
    response = client.get("/cas/", {"q": "jardins"})
    content = response.content.decode()
    assert _titles(response) == ["Jardin partagé"]
    assert "<mark>jardin</mark> ouvert" in content
    assert "1 étude de cas pour « jardins »" in content


def test_a_word_found_only_in_the_body_shows_a_marked_passage(client):
    CaseFactory(
        title="Alliance locale", summary="Un résumé.", body="## Contexte\n\nDes ateliers de **menuiserie** solidaire."
    )
    content = client.get("/cas/", {"q": "menuiserie"}).content.decode()
    assert "<mark>menuiserie</mark> solidaire" in content
    assert "**" not in content


def test_a_card_whose_summary_shows_every_searched_word_has_no_passage(client):
    CaseFactory(title="Alliance", summary="Des ateliers de menuiserie.", body="La menuiserie solidaire ouvre.")
    content = client.get("/cas/", {"q": "menuiserie"}).content.decode()
    assert "<mark>menuiserie</mark>" in content
    assert "card-passage" not in content


def test_a_summary_without_a_searched_word_is_shown_whole_and_escaped(client):
    CaseFactory(title="Menuiserie solidaire", summary="Des ateliers <b>ouverts</b> & gratuits.")
    content = client.get("/cas/", {"q": "menuiserie"}).content.decode()
    assert '<p class="card-summary">Des ateliers &lt;b&gt;ouverts&lt;/b&gt; &amp; gratuits.</p>' in content


def test_a_card_whose_summary_lacks_a_searched_word_has_a_passage_for_it(client):
    CaseFactory(title="Alliance", summary="Des ateliers de menuiserie.", body="La menuiserie solidaire ouvre.")
    content = client.get("/cas/", {"q": "menuiserie solidaire"}).content.decode()
    passage = content.split('class="card-passage">')[1].split("</p>")[0]
    assert "<mark>solidaire</mark> ouvre" in passage


# About 1,100 characters of words that no test below searches for.
FILLER = " ".join(["Les voisins se retrouvent chaque semaine autour d'un café."] * 20)


def _passage(client, query: str) -> str:
    """The first card's passage on the search page for `query`."""
    content = client.get("/cas/", {"q": query}).content.decode()
    return content.split('class="card-passage">')[1].split("</p>")[0]


def test_a_passage_is_found_far_into_a_long_body(client):
    CaseFactory(title="Alliance", summary="Un résumé.", body=f"{FILLER}\n\nUne *menuiserie* solidaire ouvre.")
    passage = _passage(client, "menuiserie")
    assert "<mark>menuiserie</mark> solidaire ouvre" in passage
    assert len(passage) < len(FILLER)


@pytest.mark.postgres
def test_a_passage_is_found_past_a_word_that_only_looks_like_the_searched_one(client):
    # "employeurs" begins like "emploi" but is another word: the passage still finds "emploi" further on.
    body = f"Les employeurs du quartier. {FILLER} Un emploi durable pour chacun. {FILLER}"
    CaseFactory(title="Alliance", summary="Un résumé.", body=body)
    passage = _passage(client, "emploi")
    assert "<mark>emploi</mark> durable" in passage
    assert "<mark>employeurs</mark>" not in passage


@pytest.mark.postgres
def test_a_passage_read_from_the_whole_body_drops_its_markdown_and_escapes_its_html(client):
    # The window around "employeurs" marks nothing: PostgreSQL reads the whole body, made plain by itself.
    body = (
        f"Les employeurs du quartier. {FILLER}\n\nUn **emploi** [durable](https://exemple.org/a_b) "
        "<script>x</script> &   ![photo](p.png) ## fin"
    )
    CaseFactory(title="Alliance", summary="Un résumé.", body=body)
    passage = _passage(client, "emploi")
    # `>` is Markdown's quote mark, dropped as Python drops it; `<` and `&` are escaped.
    assert "Un <mark>emploi</mark> durable &lt;scriptx&lt;/script &amp; photo" in passage
    assert "exemple.org" not in passage


@pytest.mark.postgres
def test_a_passage_marks_one_word_of_a_two_word_search_found_far_from_the_other(client):
    body = f"{FILLER} Les jeunes du quartier se retrouvent. {FILLER} Un emploi durable pour chacun. {FILLER}"
    CaseFactory(title="Alliance", summary="Un résumé.", body=body)
    passage = _passage(client, "emploi jeunes")
    assert "Les <mark>jeunes</mark> du quartier" in passage


@pytest.mark.postgres
def test_postgresql_makes_a_body_plain_as_python_does():
    from cases.search.text import PLAIN_BODY_SQL, _escape, plain_text

    bodies = [
        "## Titre\n\nUn *mot* et __deux__ `code` > citation | table ~ barré",
        'Voir [le site](https://exemple.org/a_(b)) et ![une image](x.png "titre").\n\n\n  Fin.  ',
        "Des <b>balises</b> & des « guillemets » — l'été, œuvre\tet\ttabulations",
        "",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {PLAIN_BODY_SQL} FROM unnest(%s::text[]) AS c(body)", [bodies])  # noqa: S608
        made = [row[0] for row in cursor.fetchall()]
    assert made == [_escape(plain_text(body)) for body in bodies]


@pytest.mark.postgres
def test_a_phrase_passage_marks_the_phrase_not_its_first_word_alone(client):
    body = f"Une carte du quartier. {FILLER} La carte des ressources est en ligne. {FILLER}"
    CaseFactory(title="Alliance", summary="Un résumé.", body=body)
    assert "<mark>carte</mark> des <mark>ressources</mark> est en ligne" in _passage(client, '"carte des ressources"')


@pytest.mark.postgres
def test_a_phrase_passage_takes_another_stop_word_and_a_plural_as_postgresql_does(client):
    body = f"{FILLER} Une œuvre pour les habitants des quartiers nord. {FILLER}"
    CaseFactory(title="Alliance", summary="Un résumé.", body=body)
    assert "<mark>habitants</mark> des <mark>quartiers</mark> nord" in _passage(client, '"habitants du quartier"')
    assert "Une <mark>œuvre</mark> pour" in _passage(client, "oeuvre")


def test_html_in_a_summary_is_shown_as_text_never_run(client):
    CaseFactory(summary="Un atelier <script>alert('x')</script> <img src=x onerror=alert(1)> de couture.")
    for params in ({}, {"q": "atelier"}):
        content = client.get("/cas/", params).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert" in content


@pytest.mark.parametrize("query", ["le la les", "!!! ???", "&", "'", '"', "-", "or", "« »", "-le"])
def test_stop_words_or_punctuation_give_a_page(client, query):
    CaseFactory(title="Un cas")
    response = client.get("/cas/", {"q": query})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_an_unknown_domain_is_a_400_naming_the_filter(client):
    CaseFactory()
    response = client.get("/cas/", {"domain": "pas-un-domaine"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Domaine de fragilité" in content
    assert "pas-un-domaine" in content
    assert response.context["cards"] == []


@pytest.mark.parametrize(
    "params", [{"year_min": "deux mille"}, {"year_max": "99999"}, {"sort": "hasard"}, {"q": "x" * 201}]
)
def test_bad_parameters_are_a_400_never_a_500(client, params):
    assert client.get("/cas/", params).status_code == 400


def test_a_page_number_out_of_range_shows_the_last_page(client):
    CaseFactory.create_batch(3)
    response = client.get("/cas/", {"page": "999"})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_results_are_split_into_pages_of_twenty(client):
    CaseFactory.create_batch(25)
    first, second = client.get("/cas/"), client.get("/cas/", {"page": 2})
    assert len(first.context["cards"]) == 20
    assert len(second.context["cards"]) == 5
    assert 'href="?page=2"' in first.content.decode()
    assert not {case.pk for case in first.context["cards"]} & {case.pk for case in second.context["cards"]}


def test_page_links_keep_the_search_with_the_page_number_in_its_place(client):
    """Each link is the request's query string with its own page number, as `{% querystring %}` writes it."""
    CaseFactory.create_batch(45, domains=["emploi"])
    html = client.get("/cas/?page=2&domain=emploi&ref=a%26b").content.decode()
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="?page=1&amp;domain=emploi&amp;ref=a%26b" rel="prev">‹ Précédente</a>' in nav
    assert '<a aria-current="page" href="?page=2&amp;domain=emploi&amp;ref=a%26b">2</a>' in nav
    assert '<a href="?page=3&amp;domain=emploi&amp;ref=a%26b" rel="next">Suivante ›</a>' in nav
    first = client.get("/cas/?domain=emploi").content.decode()
    assert '<a href="?domain=emploi&amp;page=2" rel="next">' in first


def test_a_region_filter_includes_the_cases_tagged_with_its_departments(client):
    CaseFactory(title="Cas à Lyon", departments=["69"])
    CaseFactory(title="Cas à Lille", departments=["59"])
    assert _titles(client.get("/cas/", {"region": "84"})) == ["Cas à Lyon"]


def test_values_of_one_facet_are_ored_and_facets_anded(client):
    CaseFactory(title="Santé à Lyon", domains=["sante"], departments=["69"])
    CaseFactory(title="Éducation à Lyon", domains=["education"], departments=["69"])
    CaseFactory(title="Santé à Lille", domains=["sante"], departments=["59"])
    response = client.get("/cas/?domain=sante&domain=education&department=69")
    assert sorted(_titles(response)) == ["Santé à Lyon", "Éducation à Lyon"]


def test_organisation_kind_and_year_range_filter(client):
    ParticipationFactory(case=CaseFactory(title="Avec entreprise", start_year=2015), organization__kind="entreprise")
    ParticipationFactory(case=CaseFactory(title="Avec association", start_year=2015))
    CaseFactory(title="Trop ancienne", start_year=2001)
    assert _titles(client.get("/cas/", {"organization_kind": Organization.Kind.COMPANY})) == ["Avec entreprise"]
    assert set(_titles(client.get("/cas/", {"year_min": 2010}))) == {"Avec entreprise", "Avec association"}


def test_sorting_by_title(client):
    for title in ["Bêta", "Alpha", "Gamma"]:
        CaseFactory(title=title)
    assert _titles(client.get("/cas/", {"sort": "title"})) == ["Alpha", "Bêta", "Gamma"]


def test_the_url_carries_the_whole_state_into_links(client):
    CaseFactory(title="Jardin de santé", domains=["sante"], departments=["69"])
    response = client.get("/cas/?q=jardin&domain=sante&year_min=2010&sort=recent")
    content = response.content.decode()
    state = "q=jardin&amp;domain=sante&amp;year_min=2010&amp;sort=recent"
    assert f'href="/api/v1/cases/?{state}&amp;format=csv"' in content
    assert f'href="/cas/flux/?{state}"' in content
    # Removing the domain keeps the rest.
    assert 'href="?q=jardin&amp;year_min=2010&amp;sort=recent"' in content
    assert 'value="jardin"' in content
    assert 'value="2010"' in content
    assert '<option value="recent" selected>' in content


def test_a_ticked_value_without_cases_stays_listed_so_it_can_be_unticked(client):
    CaseFactory(domains=["sante"], departments=["69"])
    response = client.get("/cas/?domain=education&department=69")
    domains = next(facet for facet in response.context["facets"] if facet.param == "domain")
    education = next(value for value in domains.values if value.value == "education")
    assert (education.count, education.selected) == (0, True)
    assert 'checked><label for="f-domain-education">' in response.content.decode()


def test_empty_form_fields_are_no_filters(client):
    CaseFactory(title="Un cas")
    response = client.get("/cas/?q=&year_min=&year_max=&sort=")
    assert response.status_code == 200
    assert _titles(response) == ["Un cas"]


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # On PostgreSQL, the search's queries in a transaction of their own (savepoint, settings, rollback
        # and release in a test's transaction: 4), the page's ids with the count.
        ("/cas/", {"postgresql": 10, "sqlite": 8}),
        ("/cas/?q=alliance&domain=sante&region=84&organization_kind=association", {"postgresql": 14, "sqlite": 14}),
    ],
)
def test_the_query_count_does_not_grow_with_cases(client, path, queries, django_assert_num_queries):
    def add(count: int) -> None:
        with reindex_deferred():
            for _ in range(count):
                case = CaseFactory(title="Alliance fictive", domains=["sante", "education"], departments=["69"])
                ParticipationFactory(case=case)

    for total in (10, 40):  # one page, then two pages and four times the rows
        add(total - Case.objects.count())
        with django_assert_num_queries(queries[connection.vendor]):
            response = client.get(path)
        assert response.context["page"].paginator.count == total
        assert _titles(response) == ["Alliance fictive"] * min(total, 20)


@pytest.mark.postgres
def test_sorting_by_title_follows_french_alphabetical_order(client):
    for title in ("Santé pour tous", "Éducation partagée", "Atelier commun"):
        CaseFactory(title=title)
    response = client.get("/cas/", {"sort": "title"})
    assert _titles(response) == ["Atelier commun", "Éducation partagée", "Santé pour tous"]


def test_facet_values_are_escaped_and_counted_in_french(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        domain = Domain.objects.get(slug="sante")
        domain.name = "Santé <b>&</b> soins"
        domain.save()
        CaseFactory(domains=["sante"])
        CaseFactory.create_batch(2, domains=["emploi"])
    content = client.get("/cas/", {"domain": "emploi"}).content.decode()
    assert (
        '<input type="checkbox" id="f-domain-sante" name="domain" value="sante" form="recherche">'
        '<label for="f-domain-sante"><span class="facet-label">Santé &lt;b&gt;&amp;&lt;/b&gt; soins</span> '
        '<span class="count">1<span class="visually-hidden"> étude de cas</span></span></label>'
    ) in content
    assert (
        'value="emploi" form="recherche" checked><label for="f-domain-emploi">'
        '<span class="facet-label">Emploi / chômage / insertion</span> <span class="count">2'
        '<span class="visually-hidden"> études de cas</span></span></label>'
    ) in content


def test_a_facet_folds_its_values_past_the_eighth_and_opens_on_a_ticked_one(client):
    for code in ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]:
        CaseFactory(departments=[code])

    def departments(params) -> str:
        content = client.get("/cas/", params).content.decode()
        return content.split("<legend>Départements</legend>")[1].split("</fieldset>")[0]

    closed = departments({})
    assert '<details class="facet-more">\n    <summary>2 autres</summary>' in closed
    folded = closed.split("<summary>2 autres</summary>")[1]
    assert 'value="09"' in folded and 'value="10"' in folded and 'value="08"' not in folded
    opened = departments({"department": ["09", "10"]})
    assert '<details class="facet-more" open>\n    <summary>2 autres</summary>' in opened
    assert departments({"department": "08"}).count('<details class="facet-more">') == 1


def test_a_card_links_to_its_case_under_the_site_s_prefix():
    from django.template import Context, Template
    from django.urls import get_script_prefix, set_script_prefix

    def case_card(case) -> str:
        return Template("{% load case_list %}{% case_card case %}").render(Context({"case": case}))

    case = CaseFactory(slug="jardin-partage")
    assert 'href="/cas/jardin-partage/"' in case_card(case)
    previous = get_script_prefix()
    set_script_prefix("/observatoire/")
    try:
        assert f'href="{case.get_absolute_url()}"' in case_card(case)
        assert case.get_absolute_url() == "/observatoire/cas/jardin-partage/"
    finally:
        set_script_prefix(previous)


def test_counts_in_thousands_are_grouped_as_french_and_english_write_them(client, monkeypatch):
    """A base of a few thousand cases: the heading and a facet's count read « 12 345 » (a no-break
    space between thousands, as Django writes French) in French and "12,345" in English."""
    CaseFactory(title="Alliance fictive des ateliers vélo", domains=["sante"])
    monkeypatch.setattr(SearchResult, "count", lambda self: 12345)
    monkeypatch.setattr(SearchResult, "__len__", lambda self: 12345)
    facets = {facet.param: [] for facet in FACETS} | {"domain": [{"value": "sante", "label": "Santé", "count": 2345}]}
    monkeypatch.setattr(SearchResult, "facets", facets)

    french, english = client.get("/cas/").content, client.get("/en/cas/").content

    assert find(french, "h2", id="resultats-titre").text_as_written == "12\xa0345 études de cas"
    assert find(french, "span", class_="count").text_as_written.startswith("2\xa0345 ")
    assert find(english, "h2", id="resultats-titre").text_as_written == "12,345 case studies"
