"""Schemathesis against the live schema: every generated read, valid or not, gets a documented answer.

Schemathesis's engine (what `schemathesis run` drives) calls the WSGI application in process: the
coverage phase tries each parameter's boundaries and invalid values (a page size of 0, an unknown
slug or code, a wrong type), the fuzzing phase draws valid and invalid requests, the stateful phase
follows the links it infers from the schema (a listed question's id to its detail), and every check runs
on each answer: no 5xx, status codes, content types, headers and bodies as the schema describes them,
invalid input refused with a 4xx. Only reads are generated, as an anonymous client; writes are covered
by the permission and validation tests.

The engine runs in a thread with its own database connection, so the data is committed
(`transaction=True`) and that connection is closed after each request.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.run import PhaseName

from cases.models import Case
from indicators.models import IndicatorValue
from surveys.models import Answer, Figure, Provenance, Question, Row, Segment, Study
from tests.factories import CaseFactory, LinkFactory, OrganizationFactory, ParticipationFactory
from tests.indicators.conftest import make_indicator
from tests.snapshots import surveys_demo

CONFIG = schemathesis.Config.from_dict(
    {
        "workers": 1,
        "seed": 20260401,
        # The coverage phase already tries each parameter's boundaries and invalid values; five drawn
        # examples per operation and five stateful steps on top still exercise every operation and link
        # (asserted below).
        "generation": {"mode": "all", "max-examples": 5},
        "checks": {"enabled": True},
        # Links between operations are inferred from the schema (a list's `id` or `slug` to its item).
        "phases": {"stateful": {"enabled": True, "max-steps": 5}},
    }
)


def _finishing(application):
    """Finish each response as a WSGI server does, by closing it: Django then closes the thread's
    database connection (werkzeug's test client leaves responses open, and the connection with them)."""

    def app(environ, start_response):
        response = application(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            response.close()

    return app


def _failures(event) -> list[str]:
    if isinstance(event, events.FatalError):
        return [f"fatal: {event.exception!r}"]
    if isinstance(event, events.NonFatalError):
        return [f"{event.label}: {event.value!r}"]
    if isinstance(event, events.ScenarioFinished) and event.status in {Status.FAILURE, Status.ERROR}:
        return [
            f"{event.label}: {check.name}\n{check.failure_info.failure}\n{check.failure_info.code_sample}"
            for checks in event.recorder.checks.values()
            for check in checks
            if check.failure_info is not None
        ] or [f"{event.label}: {event.status}"]
    return []


def _surveys_with_every_shape() -> None:
    """The source's studies, which hold every shape a survey answer takes: the fuzzing must meet them all."""
    surveys_demo()
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)
    assert Row.objects.filter(domain__isnull=True).exists()
    assert Row.objects.filter(partnership_type__isnull=True).exists()
    assert Answer.objects.filter(is_net=True).exists()
    assert Figure.objects.filter(value__isnull=True, provenance=Provenance.MISSING).exists()
    assert Figure.objects.filter(row__isnull=True).exists()
    assert Study.objects.filter(month__isnull=True).exists()
    assert Segment.objects.filter(base__isnull=True).exists()


# One run per app, so that a finding names the app whose resources it concerns.
RESOURCES = {
    "cases": r"^/api/v1/(cases|organizations|domains|partnership-types|engagement-practices|collective-dynamics"
    r"|regions|departments)/",
    "surveys": r"^/api/v1/(studies|questions|figures)/",
    "indicators": r"^/api/v1/(indicators|indicator-values)/",
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("app", list(RESOURCES))
def test_every_generated_read_gets_the_answer_the_schema_describes(monkeypatch, caplog, app):
    """Among the suite's slowest tests, by nature: each app's run sends thousands of generated reads."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    caplog.set_level("ERROR", logger="django.request")  # thousands of expected 4xx
    for index in range(3):
        case = CaseFactory(slug=f"cas-schema-{index}", domains=["sante"], departments=["69", "2A"])
        ParticipationFactory(case=case, organization=OrganizationFactory(kind="entreprise"))
        LinkFactory(case=case)
    CaseFactory(slug="brouillon-schema", status=Case.Status.DRAFT, published_at=None)
    if app == "surveys":
        _surveys_with_every_shape()
    if app == "indicators":
        indicator = make_indicator()
        value = {"indicator": indicator, "year": 2021, "period": "2021", "value": "12.5"}
        IndicatorValue.objects.create(level="region", region_id="84", **value)
        IndicatorValue.objects.create(level="department", department_id="2A", **value)
        IndicatorValue.objects.create(level="metropole", **value)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", _finishing(get_wsgi_application()), config=CONFIG)
    schema = schema.include(method="GET", path_regex=RESOURCES[app])

    failures = []
    exercised = set()
    transitions, stateful = 0, None
    for event in from_schema(schema).execute():
        if isinstance(event, events.PhaseStarted) and event.phase.name == PhaseName.STATEFUL_TESTING:
            transitions = event.payload.inferred_transitions
        if isinstance(event, events.PhaseFinished) and event.phase.name == PhaseName.STATEFUL_TESTING:
            stateful = event.status
        failures += _failures(event)
        if isinstance(event, events.ScenarioFinished) and event.status == Status.SUCCESS and event.label:
            exercised.add(event.label)

    assert not failures, "\n\n".join(failures)
    assert exercised == {result.ok().label for result in schema.get_all_operations()}
    # The stateful phase followed links from lists to their items (a question's id to its detail).
    assert transitions > 0
    assert stateful == Status.SUCCESS
