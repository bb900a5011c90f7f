"""Writes that span several survey models: loading the source's studies, saving a grid of figures."""

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from foundation.reference.english import english_apply
from foundation.reference.models import Domain, PartnershipType
from surveys.models import Answer, Figure, Phase, Programme, Provenance, Question, Row, Segment, Study, Volet
from surveys.resources import FigureResource

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "surveys"


def _upsert(model, key: dict, values: dict):
    """Create the object, or update only the fields that differ (a second load writes nothing)."""
    obj = model.objects.filter(**key).first()
    if obj is None:
        return model.objects.create(**key, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def programmes_load() -> dict[str, Programme]:
    """Load the programmes, phases and volets as the deck prints them (fixtures/surveys/programmes.json)."""
    data = json.loads((FIXTURES / "programmes.json").read_text(encoding="utf-8"))
    programmes = {}
    for position, item in enumerate(data["programmes"], start=1):
        fields = ["name", "cycle", "period", "start_year", "end_year", "aims", "source"]
        launched_on = date.fromisoformat(item["launched_on"]) if item["launched_on"] else None
        values = {name: item[name] for name in fields} | {"launched_on": launched_on, "position": position}
        programme = _upsert(Programme, {"slug": item["slug"]}, values)
        for index, phase in enumerate(item["phases"], start=1):
            _upsert(
                Phase,
                {"programme": programme, "name": phase["name"]},
                {
                    "period": phase["period"],
                    "description": phase["description"],
                    "source": phase["source"],
                    "position": index,
                },
            )
        for index, volet in enumerate(item["volets"], start=1):
            _upsert(
                Volet,
                {"programme": programme, "name": volet["name"]},
                {name: volet[name] for name in ["number", "holds", "description", "source"]} | {"position": index},
            )
        programmes[programme.slug] = programme
    english_apply(Programme.objects.all(), "programmes", attrgetter("slug"))
    english_apply(Phase.objects.select_related("programme"), "phases", _programme_key)
    english_apply(Volet.objects.select_related("programme"), "volets", _programme_key)
    return programmes


def _programme_key(record) -> str:
    """A phase's or volet's key in the English file: `<programme slug>/<French name>`."""
    return f"{record.programme.slug}/{record.name_fr}"


def _load_question(study: Study, position: int, data: dict, domains: dict, practices: dict) -> Question:
    question = _upsert(
        Question,
        {"study": study, "slug": data["slug"]},
        {
            "code": data.get("code", ""),
            "title": data["title"],
            "wording": data["wording"],
            "title_en": data.get("title_en", ""),
            "wording_en": data.get("wording_en", ""),
            "base_label": data.get("base_label", ""),
            "kind": data["kind"],
            "unit": data["unit"],
            "notes": data.get("notes", ""),
            "position": position,
        },
    )
    for index, row in enumerate(data.get("rows", []), start=1):
        _upsert(
            Row,
            {"question": question, "label": row["label"]},
            {
                "position": index,
                "label_en": row.get("label_en", ""),
                "domain": domains[row["domain"]] if "domain" in row else None,
                "partnership_type": practices[row["partnership_type"]] if "partnership_type" in row else None,
            },
        )
    answers = {}
    for index, answer in enumerate(data["answers"], start=1):
        is_net = bool(answer.get("parts")) or answer.get("is_net", False)
        answers[answer["label"]] = _upsert(
            Answer,
            {"question": question, "label": answer["label"]},
            {"position": index, "is_net": is_net, "label_en": answer.get("label_en", "")},
        )
    for answer in data["answers"]:
        parts = [answers[label] for label in answer.get("parts", [])]
        if {part.pk for part in parts} != set(answers[answer["label"]].parts.values_list("pk", flat=True)):
            answers[answer["label"]].parts.set(parts)
    return question


@transaction.atomic
def demo_surveys_load() -> str:
    """Load the source's studies, questions and figures (fixtures/surveys/); idempotent.

    The structure comes from studies.json; the figures from figures.csv, through the same import as the
    curators' files, so that the demo data passes every check a curator's file passes.
    """
    programmes = programmes_load()
    data = json.loads((FIXTURES / "studies.json").read_text(encoding="utf-8"))
    domains = {domain.slug: domain for domain in Domain.objects.all()}
    practices = {practice.slug: practice for practice in PartnershipType.objects.all()}
    waves: list[tuple[Question, str]] = []
    for study_data in data["studies"]:
        study = _upsert(
            Study,
            {"slug": study_data["slug"]},
            {
                name: study_data.get(name, "")
                for name in ["name", "population", "institute", "universe", "citation", "description", "expected"]
            }
            | {
                "programme": (programme := programmes[study_data["programme"]]),
                "programme_inferred": study_data.get("programme_inferred", False),
                "phase": programme.phases.get(name=study_data["phase"]) if "phase" in study_data else None,
                "volet": programme.volets.get(name=study_data["volet"]) if "volet" in study_data else None,
                "stage": study_data.get("stage", Study.Stage.PUBLISHED),
                "year": study_data["year"],
                "month": study_data.get("month"),
                "universe_size": study_data.get("universe_size"),
                "is_published": True,
            },
        )
        for position, segment_data in enumerate(study_data["segments"], start=1):
            segment = _upsert(
                Segment,
                {"study": study, "label": segment_data["label"]},
                {"kind": segment_data["kind"], "base": segment_data.get("base"), "position": position},
            )
            regions = set(segment_data.get("regions", []))
            if regions != set(segment.regions.values_list("code", flat=True)):
                segment.regions.set(regions)
        for position, question_data in enumerate(study_data["questions"], start=1):
            question = _load_question(study, position, question_data, domains, practices)
            waves.append((question, question_data.get("previous_wave", "")))
    for question, previous in waves:
        target = None
        if previous:
            study_slug, question_slug = previous.split("/")
            target = Question.objects.get(study__slug=study_slug, slug=question_slug)
        if question.previous_wave_id != (target and target.pk):
            question.previous_wave = target
            question.save(update_fields=["previous_wave"])

    dataset = tablib.Dataset().load((FIXTURES / "figures.csv").read_text(encoding="utf-8"), format="csv")
    result = FigureResource().import_data(dataset, dry_run=False)
    if result.has_errors() or result.has_validation_errors():
        problems = [f"line {row.number}: {row.error_dict}" for row in result.invalid_rows]
        problems += [f"line {number}: {errors[0].error}" for number, errors in result.row_errors()]
        raise ValueError("fixtures/surveys/figures.csv does not import: " + "; ".join(problems))
    counts = Counter(Figure.objects.values_list("provenance", flat=True))
    return (
        f"{Study.objects.count()} survey studies, {Question.objects.count()} questions and {sum(counts.values())} "
        f"figures loaded ({counts[Provenance.READ]} read, {counts[Provenance.DERIVED]} derived, "
        f"{counts[Provenance.MISSING]} missing)."
    )


@transaction.atomic
def figures_grid_save(
    *, question: Question, segment: Segment, cells: dict[tuple[int | None, int], dict], base: int | None
) -> int:
    """Save a question's figures for one segment from the admin's grid; returns how many changed.

    `cells` maps (row id or None, answer id) to {"value", "provenance", "significance"}; a cell without
    provenance and without value has no figure (an existing one is deleted). Each figure is validated
    (`full_clean`) and saved on its own, so the change history records it; any invalid cell rolls the
    whole grid back, raising a ValidationError whose keys are the cells.
    """
    existing = {(figure.row_id, figure.answer_id): figure for figure in question.figures.filter(segment=segment)}
    errors: dict[str, list] = {}
    changed = 0
    for (row_id, answer_id), cell in cells.items():
        figure = existing.get((row_id, answer_id))
        value: Decimal | None = cell["value"]
        provenance = cell["provenance"] or (Provenance.READ if value is not None else "")
        if not provenance:
            if figure is not None:
                figure.delete()
                changed += 1
            continue
        if figure is None:
            figure = Figure(question=question, row_id=row_id, answer_id=answer_id, segment=segment)
        new_values = {
            "value": value,
            "provenance": provenance,
            "significance": cell["significance"],
            "base": base,
        }
        if figure.pk and all(getattr(figure, name) == new for name, new in new_values.items()):
            continue
        for name, new in new_values.items():
            setattr(figure, name, new)
        try:
            figure.full_clean()
        except ValidationError as error:
            errors[f"{row_id or ''}-{answer_id}"] = error.messages
            continue
        figure.save()
        changed += 1
    if errors:
        raise ValidationError(errors)
    return changed
