"""The surveys: published studies, their questions, rows, answers, segments and every figure."""

from django.db.models import Case as Conditional
from django.db.models import F, QuerySet, When
from django.utils.translation import gettext_lazy as _

from observatoire.opendata.table import ID, Column, Table
from surveys.models import Answer, Figure, Question, Row, Segment, Study, canonical_value


def _figure_value(values: dict) -> object:
    value = values["value"]
    return "" if value is None else format(canonical_value(value, values["question__unit"]), "f")


def _public_questions() -> QuerySet:
    # A previous wave whose study is not published stays unnamed: its id would point at a hidden row.
    public_previous = Conditional(
        When(previous_wave__study__is_published=True, then=F("previous_wave_id")), default=None
    )
    return Question.objects.published().annotate(public_previous=public_previous).order_by("pk")


TABLES: list[Table] = [
    Table(
        name="etudes",
        title=_("Études (enquêtes) publiées"),
        description=_(
            "Les études publiques (annoncées comprises) : programme, état, population, terrain, institut, univers "
            "et échantillon."
        ),
        dataset="enquetes",
        rows=lambda: Study.objects.published().order_by("year", "slug"),
        columns=(
            Column("slug", "string", _("Identifiant (/enquetes/<slug>/)."), required=True),
            Column("name", "string", _("Nom, comme la source le donne.")),
            Column("programme", "string", _("Programme (slug : /programmes/<slug>/)."), "programme__slug"),
            Column(
                "programme_inferred",
                "boolean",
                _("Vrai quand la source ne rattache pas l'étude à ce programme (rattachement déduit)."),
            ),
            Column("stage", "string", _("État : annoncée, sur le terrain ou publiée."), enum=tuple(Study.Stage.values)),
            Column("expected", "string", _("Date prévue d'une étude annoncée, comme la source l'écrit.")),
            Column("population", "string", _("Population interrogée."), enum=tuple(Study.Population.values)),
            Column("year", "integer", _("Année du terrain.")),
            Column("month", "integer", _("Mois du terrain (1 à 12) ; vide quand la source ne le dit pas.")),
            Column("institute", "string", _("Institut.")),
            Column("universe", "string", _("La population que l'étude représente.")),
            Column("universe_size", "integer", _("Taille de l'univers."), unit=_("personnes ou organisations")),
            Column("sample_size", "integer", _("Taille de l'échantillon ; vide quand la source ne la donne pas.")),
            Column("citation", "string", _("Ligne de source, telle qu'imprimée sous les graphiques.")),
            Column("description", "string", _("Présentation.")),
        ),
        primary_key=("slug",),
    ),
    Table(
        name="questions",
        title=_("Questions des études publiées"),
        description=_("Les questions : libellé, base, type et unité, et la même question d'une vague antérieure."),
        dataset="enquetes",
        rows=_public_questions,
        columns=(
            ID,
            Column("study", "string", _("L'étude (slug)."), "study__slug", refers_to="etudes.slug", required=True),
            Column("slug", "string", _("Identifiant dans l'étude (/enquetes/<étude>/<slug>/).")),
            Column("code", "string", _("Numéro, comme la source l'imprime (« Q8 »).")),
            Column("title", "string", _("Titre.")),
            Column("wording", "string", _("Libellé de la question, tel qu'imprimé.")),
            Column("base_label", "string", _("Base : qui a répondu, comme imprimé.")),
            Column("kind", "string", _("Type de question."), enum=tuple(Question.Kind.values)),
            Column(
                "unit",
                "string",
                _("Unité des chiffres : percent (%) ou mean (moyenne sur 10)."),
                enum=("percent", "mean"),
            ),
            Column(
                "previous_wave",
                "integer",
                _("La même question lors d'une étude antérieure (id)."),
                "public_previous",
                refers_to="questions.id",
            ),
            Column("notes", "string", _("Notes de lecture.")),
            Column("position", "integer", _("Ordre dans l'étude.")),
        ),
        primary_key=("id",),
    ),
    Table(
        name="lignes",
        title=_("Lignes des questions en grille"),
        description=_("Les items d'une grille (un domaine, une pratique), liés au terme du vocabulaire qu'ils sont."),
        dataset="enquetes",
        rows=lambda: Row.objects.filter(question__study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column(
                "question", "integer", _("La question (id)."), "question_id", refers_to="questions.id", required=True
            ),
            Column("label", "string", _("Libellé, comme imprimé.")),
            Column("domain", "string", _("Le domaine de fragilité (slug)."), "domain__slug", refers_to="domaines.slug"),
            Column(
                "partnership_type",
                "string",
                _("La pratique partenariale (slug)."),
                "partnership_type__slug",
                refers_to="pratiques-partenariales.slug",
            ),
            Column("position", "integer", _("Ordre.")),
        ),
        primary_key=("id",),
    ),
    Table(
        name="reponses",
        title=_("Réponses des questions"),
        description=_("Les réponses proposées ; un total (is_net) additionne d'autres réponses (table totaux)."),
        dataset="enquetes",
        rows=lambda: Answer.objects.filter(question__study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column(
                "question", "integer", _("La question (id)."), "question_id", refers_to="questions.id", required=True
            ),
            Column("label", "string", _("Libellé, comme imprimé.")),
            Column("is_net", "boolean", _("true pour un total (« Oui » = tout à fait + plutôt).")),
            Column("position", "integer", _("Ordre.")),
        ),
        primary_key=("id",),
    ),
    Table(
        name="totaux",
        title=_("Composition des totaux"),
        description=_("Pour chaque total, les réponses qu'il additionne."),
        dataset="enquetes",
        rows=lambda: Answer.parts.through.objects.filter(from_answer__question__study__is_published=True).order_by(
            "pk"
        ),
        columns=(
            Column("net", "integer", _("Le total (id de réponse)."), "from_answer_id", refers_to="reponses.id"),
            Column("part", "integer", _("Une réponse qu'il additionne (id)."), "to_answer_id", refers_to="reponses.id"),
        ),
        primary_key=("net", "part"),
    ),
    Table(
        name="segments",
        title=_("Segments des études"),
        description=_("De qui parle un chiffre : l'ensemble, une région, une zone, un type d'acteur, avec sa base."),
        dataset="enquetes",
        rows=lambda: Segment.objects.filter(study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column("study", "string", _("L'étude (slug)."), "study__slug", refers_to="etudes.slug", required=True),
            Column("label", "string", _("Libellé, comme imprimé.")),
            Column("kind", "string", _("Nature du segment."), enum=tuple(Segment.Kind.values)),
            Column(
                "base", "integer", _("Effectif représenté ; vide quand la source ne le donne pas."), unit=_("personnes")
            ),
            Column("position", "integer", _("Ordre.")),
        ),
        primary_key=("id",),
    ),
    Table(
        name="segments-regions",
        title=_("Régions couvertes par les segments"),
        description=_("Les régions qu'un segment régional couvre, quand la source les nomme."),
        dataset="enquetes",
        rows=lambda: Segment.regions.through.objects.filter(segment__study__is_published=True).order_by("pk"),
        columns=(
            Column("segment", "integer", _("Le segment (id)."), "segment_id", refers_to="segments.id"),
            Column("region", "string", _("La région (code INSEE)."), "region_id", refers_to="regions.code"),
        ),
        primary_key=("segment", "region"),
    ),
    Table(
        name="chiffres",
        title=_("Chiffres des enquêtes"),
        description=_(
            "Un chiffre par (question, ligne, réponse, segment), avec sa provenance : read (lu dans la "
            "source), derived (calculé à partir de chiffres imprimés) ou missing (imprimé mais non lisible : "
            "value reste vide, jamais 0)."
        ),
        dataset="enquetes",
        rows=lambda: Figure.objects.published().order_by("pk"),
        columns=(
            ID,
            Column(
                "question", "integer", _("La question (id)."), "question_id", refers_to="questions.id", required=True
            ),
            Column(
                "row",
                "integer",
                _("La ligne (id) ; vide pour une question à choix unique."),
                "row_id",
                refers_to="lignes.id",
            ),
            Column("answer", "integer", _("La réponse (id)."), "answer_id", refers_to="reponses.id", required=True),
            Column("segment", "integer", _("Le segment (id)."), "segment_id", refers_to="segments.id", required=True),
            Column(
                "value",
                "number",
                _("Valeur, à la précision imprimée ; vide si non lisible dans la source."),
                unit=_("% (unit = percent) ou moyenne sur 10 (unit = mean)"),
                cell=_figure_value,
            ),
            Column("unit", "string", _("Unité de la valeur."), "question__unit", enum=("percent", "mean")),
            Column("provenance", "string", _("D'où vient la valeur."), enum=("read", "derived", "missing")),
            Column(
                "significance",
                "string",
                _("Significativement supérieur (higher) ou inférieur (lower) à l'ensemble, quand la source le marque."),
                enum=("", "higher", "lower"),
            ),
            Column("base", "integer", _("Effectif que le chiffre représente."), unit=_("personnes ou organisations")),
        ),
        primary_key=("id",),
    ),
]
