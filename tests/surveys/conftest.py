"""Survey fixtures: the source's demo data, and small studies built to measure what grows."""

from decimal import Decimal

import pytest

from surveys.models import Answer, Figure, Programme, Provenance, Question, Row, Segment, Study
from tests.snapshots import surveys_demo


@pytest.fixture
def demo(db):
    """The studies, questions and figures of the source (fixtures/surveys/)."""
    surveys_demo()


def make_study(slug: str = "etude-fictive", *, published: bool = True) -> Study:
    study = Study.objects.create(
        slug=slug,
        name=f"Étude fictive {slug}",
        programme=Programme.objects.get_or_create(slug="impact", defaults={"name": "IMPACT"})[0],
        population=Study.Population.CITIZENS,
        year=2021,
        month=3,
        institute="Institut fictif",
        citation=f"Source : étude fictive {slug} (démonstration)",
        is_published=published,
    )
    Segment.objects.create(study=study, label="Ensemble", kind=Segment.Kind.ENSEMBLE, base=1000)
    return study


def make_grid(
    study: Study, *, slug: str = "grille", rows: int = 3, answers: int = 2, with_net: bool = True
) -> Question:
    """A grid question with `rows` × `answers` figures (and a net per row), all read, values 1, 2, 3…"""
    question = Question.objects.create(
        study=study, slug=slug, code="Q9", title="Grille fictive", wording="Question fictive ?", kind="grid"
    )
    segment = study.segments.get(kind=Segment.Kind.ENSEMBLE)
    parts = [Answer.objects.create(question=question, label=f"Réponse {n}", position=n) for n in range(answers)]
    nets = []
    if with_net:
        net = Answer.objects.create(question=question, label="Total", is_net=True, position=answers)
        net.parts.set(parts)
        nets.append(net)
    figures = []
    for index in range(rows):
        row = Row.objects.create(question=question, label=f"Ligne {index}", position=index)
        for answer in parts + nets:
            value = Decimal(answers * 10) if answer.is_net else Decimal(10)
            figures.append(
                Figure(question=question, row=row, answer=answer, segment=segment, value=value, provenance="read")
            )
    Figure.objects.bulk_create(figures)
    return question


def add_single_choice(study: Study, *, slug: str = "choix", values=(40, 60, None)) -> Question:
    question = Question.objects.create(
        study=study, slug=slug, code="Q1", title="Choix fictif", wording="Oui ou non ?", kind="single"
    )
    segment = study.segments.get(kind=Segment.Kind.ENSEMBLE)
    for index, value in enumerate(values):
        answer = Answer.objects.create(question=question, label=f"Choix {index}", position=index)
        Figure.objects.create(
            question=question,
            answer=answer,
            segment=segment,
            value=None if value is None else Decimal(value),
            provenance=Provenance.MISSING if value is None else Provenance.READ,
        )
    return question


def make_score(study: Study, *, slug: str = "notes", domains=(), rows: int = 3) -> Question:
    """A question of means /10 whose rows are the given domains (or plain labels), one mean each."""
    question = Question.objects.create(
        study=study, slug=slug, code="Q2", title="Notes fictives", wording="Quelle note ?", kind="score", unit="mean"
    )
    segment = study.segments.get(kind=Segment.Kind.ENSEMBLE)
    answer = Answer.objects.create(question=question, label="Moyenne /10")
    labels = [(domain.name, domain) for domain in domains] or [(f"Ligne {n}", None) for n in range(rows)]
    for index, (label, domain) in enumerate(labels):
        row = Row.objects.create(question=question, label=label, domain=domain, position=index)
        Figure.objects.create(question=question, row=row, answer=answer, segment=segment, value=Decimal("5.5"))
    return question
