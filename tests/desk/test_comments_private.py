"""Internal comments and assignments stay in the admin: no page, API answer, feed, export or dump shows them."""

import pytest

from desk.models import CaseComment
from observatoire import opendata
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

SECRET = "Remarque-interne-7f3a"


@pytest.fixture
def commented_case(curator):
    case = CaseFactory(slug="alliance-commentee-fictive", assigned_to=curator, domains=["sante"])
    CaseComment.objects.create(case=case, author=curator, text=f"{SECRET} : rappeler la mairie.")
    return case


@pytest.mark.parametrize(
    "url",
    [
        "/cas/alliance-commentee-fictive/",
        "/cas/",
        "/cas/flux/",
        "/cas/nouveautes/",
        "/cas/nouveautes/atom/",
        "/api/v1/cases/",
        "/api/v1/cases/alliance-commentee-fictive/",
        "/api/v1/cases/?format=csv",
        "/sitemap.xml",
        "/",
    ],
)
def test_no_public_answer_shows_comments_or_assignment(client, commented_case, url):
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode()
    assert commented_case.title in text or url in {"/sitemap.xml", "/"}
    assert SECRET not in text
    assert "claire" not in text
    assert "assigned_to" not in text


def test_the_open_data_dump_has_no_comment_or_assignment(commented_case):
    package = opendata.build()
    for name in (opendata.CSV_NAME, opendata.JSON_NAME):
        with opendata.open_file(package, name) as handle:
            text = handle.read().decode()
        assert commented_case.slug in text
        assert SECRET not in text
        assert "claire" not in text
