"""The source lines under the observatory's own figures and cases state its licence, as the setting says,
and say it is still to be stated when it is not set."""

import re

import pytest

from tests.factories import CaseFactory
from tests.snapshots import surveys_demo

pytestmark = pytest.mark.django_db

UNSTATED = "Licence : à préciser par l&#x27;Observatoire des partenariats."  # as the HTML escapes it
STATED = 'Licence : <a href="https://example.org/licence-fictive">Licence fictive de démonstration</a>.'


@pytest.fixture
def licence(settings):
    settings.CONTENT_LICENCE_NAME = "Licence fictive de démonstration"
    settings.CONTENT_LICENCE_URL = "https://example.org/licence-fictive"


def _source_lines(content: str) -> list[str]:
    return [line.strip() for line in re.findall(r'class="source-line">(.*?)</(?:p|figcaption)>', content, re.S)]


def _text(line: str) -> str:
    return re.sub(r"<[^>]+>", "", line)


def test_every_survey_source_line_says_the_licence_is_still_to_be_stated(client):
    surveys_demo()

    for path in ("/enquetes/impact-citoyens-2019/", "/enquetes/impact-citoyens-2019/q6/", "/domaines/emploi/"):
        lines = _source_lines(client.get(path).content.decode())
        assert lines and all(_text(line).endswith(UNSTATED) for line in lines), (path, lines)


def test_the_source_lines_and_the_case_page_state_the_licence_set(client, licence):
    surveys_demo()
    case = CaseFactory(domains=["emploi"])

    for path in ("/enquetes/impact-citoyens-2019/q6/", "/domaines/emploi/"):
        lines = _source_lines(client.get(path).content.decode())
        assert lines and all(STATED in line for line in lines), (path, lines)
    cite = re.search(
        r'<section aria-labelledby="citer-titre".*?</section>',
        client.get(case.get_absolute_url()).content.decode(),
        re.S,
    )[0]
    assert STATED in cite
