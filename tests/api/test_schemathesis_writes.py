"""Schemathesis on every operation, writes included, anonymous and as a curator: every answer is one the
schema documents (no 5xx, statuses, JSON bodies, formats), however the request was drawn.

The reads of the cases and organisations are checked at length by test_schemathesis.py; here every other
method of their resources, and the reads of the collections and the profiles, are drawn anonymously with the
coverage phase's invalid values, and every write as a curator holding a token. The coverage phase's run over
every value of a case's or an organisation's body (about 650 and 330 requests) is made on their creation;
replacing and patching them take the same body through the same serializer, and are drawn by the fuzzing
phase, valid and invalid.

The curator's run goes through a live server: with credentials, Schemathesis's auth checks send probes
without them, and its WSGI transport (4.32) passes those probes the `max_redirects` setting of an HTTP
session, which werkzeug's `EnvironBuilder` refuses before the application is reached.

Two checks are left out, as they judge the data rather than the answer: `positive_data_acceptance` (a
schema-valid body may still break a rule the schema cannot state: a reserved or taken slug, a status move
outside the workflow, an unknown department; each is a documented 400) and `negative_data_rejection`
(which counts as a failure any 2xx to a body it made invalid, including bodies whose only flaw is one
DRF's parsers forgive, such as a string where an integer is expected). The stateful phase is off: each
operation is drawn on its own.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from rest_framework.authtoken.models import Token
from schemathesis.engine import Status, events, from_schema

from cases.models import Case
from tests.api.test_schemathesis import _failures, _finishing
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory

SAME_BODY_AS_POST = ("/api/v1/cases/{slug}/", "/api/v1/organizations/{id}/")


def _config(headers: dict, **options) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            **options,
            "workers": 1,
            "seed": 20261206,
            "headers": headers,
            "generation": {"mode": "all", "max-examples": 3},
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {"enabled": False},
                "negative_data_rejection": {"enabled": False},
            },
            "phases": {"stateful": {"enabled": False}},
        }
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["anonymous", "curator"])
def test_every_generated_request_gets_the_answer_the_schema_describes(monkeypatch, caplog, request, curator, who):
    """Among the suite's slowest tests, by nature: the curator's run sends every body the coverage phase
    draws (about a thousand requests) through a live server."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    caplog.set_level("ERROR", logger="django.request")
    for index in range(2):
        case = CaseFactory(slug=f"cas-schema-{index}", domains=["sante"], departments=["69"])
        ParticipationFactory(case=case, organization=OrganizationFactory(kind="entreprise"))
        LinkFactory(case=case)
    CaseFactory(slug="brouillon-schema", status=Case.Status.DRAFT, published_at=None)
    paths = r"^/api/v1/(cases|organizations|collections|profiles)"
    if who == "anonymous":
        schema = schemathesis.openapi.from_wsgi("/api/schema/", _finishing(get_wsgi_application()), config=_config({}))
        # The reads of the cases and organisations are drawn at length by test_schemathesis.py.
        schema = schema.include(path_regex=paths).exclude(method="GET", path_regex=r"^/api/v1/(cases|organizations)/")
    else:
        headers = {"Authorization": f"Token {Token.objects.create(user=curator).key}"}
        server = request.getfixturevalue("live_server")
        # The schema is built on the first request, and a busy machine may take longer than the default 10 s.
        # Replacing or patching a case or an organisation takes the body its creation takes (the same
        # serializer): the coverage phase's run over every value of that body is made once, on POST.
        same_body = [f"{method} {path}" for method in ("PUT", "PATCH") for path in SAME_BODY_AS_POST]
        operations = [{"include-name": same_body, "phases": {"coverage": {"enabled": False}}}]
        config = _config(headers, operations=operations, **{"request-timeout": 60})
        schema = schemathesis.openapi.from_url(f"{server.url}/api/schema/", config=config, timeout=120)
        # The reads answer a curator as they answer anyone (drafts aside): the writes are what is drawn here.
        schema = schema.include(path_regex=paths).exclude(method="GET")

    failures = []
    exercised = set()
    for event in from_schema(schema).execute():
        failures += _failures(event)
        if isinstance(event, events.ScenarioFinished) and event.status == Status.ERROR:
            failures.append(f"{event.label}: error")
        if isinstance(event, events.ScenarioFinished) and event.label:
            exercised.add(event.label)
    assert not failures, f"{len(failures)} disagreements\n\n" + "\n\n".join(failures)
    assert exercised == {result.ok().label for result in schema.get_all_operations()}
