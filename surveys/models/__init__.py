"""Survey results: studies, their questions and every figure, with where each figure comes from.

A figure is one value for (question, row, answer, segment). Its provenance tells the reader whether it is
printed in the source (read), computed from printed figures (derived), or printed but lost (missing): a
missing value stays NULL — never 0, never a guess — and is shown as "non lisible dans la source".
"""

from surveys.models.figures import (
    MISSING_TEXT,
    Figure,
    FigureQuerySet,
    Provenance,
    Significance,
    canonical_value,
    display_value,
)
from surveys.models.questions import Answer, Question, QuestionQuerySet, Row, Segment
from surveys.models.studies import MONTHS, NARROW_NBSP, Study, StudyQuerySet, format_base
from surveys.programmes import Phase, Programme, Volet

__all__ = [
    "MISSING_TEXT",
    "MONTHS",
    "NARROW_NBSP",
    "Answer",
    "Figure",
    "FigureQuerySet",
    "Phase",
    "Programme",
    "Provenance",
    "Question",
    "QuestionQuerySet",
    "Row",
    "Segment",
    "Significance",
    "Study",
    "StudyQuerySet",
    "Volet",
    "canonical_value",
    "display_value",
    "format_base",
]
