"""The surveys: published studies, their questions, rows, answers, segments and every figure."""

from django.db.models import Case as Conditional
from django.db.models import F, QuerySet, When

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
        title="Études (enquêtes) publiées",
        description=(
            "Les études publiques (annoncées comprises) : programme, état, population, terrain, institut, univers "
            "et échantillon."
        ),
        dataset="enquetes",
        rows=lambda: Study.objects.published().order_by("year", "slug"),
        columns=(
            Column("slug", "string", "Identifiant (/enquetes/<slug>/).", required=True),
            Column("name", "string", "Nom, comme la source le donne."),
            Column("programme", "string", "Programme (slug : /programmes/<slug>/).", "programme__slug"),
            Column(
                "programme_inferred",
                "boolean",
                "Vrai quand la source ne rattache pas l'étude à ce programme (rattachement déduit).",
            ),
            Column("stage", "string", "État : annoncée, sur le terrain ou publiée.", enum=tuple(Study.Stage.values)),
            Column("expected", "string", "Date prévue d'une étude annoncée, comme la source l'écrit."),
            Column("population", "string", "Population interrogée.", enum=tuple(Study.Population.values)),
            Column("year", "integer", "Année du terrain."),
            Column("month", "integer", "Mois du terrain (1 à 12) ; vide quand la source ne le dit pas."),
            Column("institute", "string", "Institut."),
            Column("universe", "string", "La population que l'étude représente."),
            Column("universe_size", "integer", "Taille de l'univers.", unit="personnes ou organisations"),
            Column("sample_size", "integer", "Taille de l'échantillon ; vide quand la source ne la donne pas."),
            Column("citation", "string", "Ligne de source, telle qu'imprimée sous les graphiques."),
            Column("description", "string", "Présentation."),
        ),
        primary_key=("slug",),
    ),
    Table(
        name="questions",
        title="Questions des études publiées",
        description="Les questions : libellé, base, type et unité, et la même question d'une vague antérieure.",
        dataset="enquetes",
        rows=_public_questions,
        columns=(
            ID,
            Column("study", "string", "L'étude (slug).", "study__slug", refers_to="etudes.slug", required=True),
            Column("slug", "string", "Identifiant dans l'étude (/enquetes/<étude>/<slug>/)."),
            Column("code", "string", "Numéro, comme la source l'imprime (« Q8 »)."),
            Column("title", "string", "Titre."),
            Column("wording", "string", "Libellé de la question, tel qu'imprimé."),
            Column("base_label", "string", "Base : qui a répondu, comme imprimé."),
            Column("kind", "string", "Type de question.", enum=tuple(Question.Kind.values)),
            Column(
                "unit", "string", "Unité des chiffres : percent (%) ou mean (moyenne sur 10).", enum=("percent", "mean")
            ),
            Column(
                "previous_wave",
                "integer",
                "La même question lors d'une étude antérieure (id).",
                "public_previous",
                refers_to="questions.id",
            ),
            Column("notes", "string", "Notes de lecture."),
            Column("position", "integer", "Ordre dans l'étude."),
        ),
        primary_key=("id",),
    ),
    Table(
        name="lignes",
        title="Lignes des questions en grille",
        description="Les items d'une grille (un domaine, une pratique), liés au terme du vocabulaire qu'ils sont.",
        dataset="enquetes",
        rows=lambda: Row.objects.filter(question__study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column("question", "integer", "La question (id).", "question_id", refers_to="questions.id", required=True),
            Column("label", "string", "Libellé, comme imprimé."),
            Column("domain", "string", "Le domaine de fragilité (slug).", "domain__slug", refers_to="domaines.slug"),
            Column(
                "partnership_type",
                "string",
                "La pratique partenariale (slug).",
                "partnership_type__slug",
                refers_to="pratiques-partenariales.slug",
            ),
            Column("position", "integer", "Ordre."),
        ),
        primary_key=("id",),
    ),
    Table(
        name="reponses",
        title="Réponses des questions",
        description="Les réponses proposées ; un total (is_net) additionne d'autres réponses (table totaux).",
        dataset="enquetes",
        rows=lambda: Answer.objects.filter(question__study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column("question", "integer", "La question (id).", "question_id", refers_to="questions.id", required=True),
            Column("label", "string", "Libellé, comme imprimé."),
            Column("is_net", "boolean", "true pour un total (« Oui » = tout à fait + plutôt)."),
            Column("position", "integer", "Ordre."),
        ),
        primary_key=("id",),
    ),
    Table(
        name="totaux",
        title="Composition des totaux",
        description="Pour chaque total, les réponses qu'il additionne.",
        dataset="enquetes",
        rows=lambda: Answer.parts.through.objects.filter(from_answer__question__study__is_published=True).order_by(
            "pk"
        ),
        columns=(
            Column("net", "integer", "Le total (id de réponse).", "from_answer_id", refers_to="reponses.id"),
            Column("part", "integer", "Une réponse qu'il additionne (id).", "to_answer_id", refers_to="reponses.id"),
        ),
        primary_key=("net", "part"),
    ),
    Table(
        name="segments",
        title="Segments des études",
        description="De qui parle un chiffre : l'ensemble, une région, une zone, un type d'acteur, avec sa base.",
        dataset="enquetes",
        rows=lambda: Segment.objects.filter(study__is_published=True).order_by("pk"),
        columns=(
            ID,
            Column("study", "string", "L'étude (slug).", "study__slug", refers_to="etudes.slug", required=True),
            Column("label", "string", "Libellé, comme imprimé."),
            Column("kind", "string", "Nature du segment.", enum=tuple(Segment.Kind.values)),
            Column("base", "integer", "Effectif représenté ; vide quand la source ne le donne pas.", unit="personnes"),
            Column("position", "integer", "Ordre."),
        ),
        primary_key=("id",),
    ),
    Table(
        name="segments-regions",
        title="Régions couvertes par les segments",
        description="Les régions qu'un segment régional couvre, quand la source les nomme.",
        dataset="enquetes",
        rows=lambda: Segment.regions.through.objects.filter(segment__study__is_published=True).order_by("pk"),
        columns=(
            Column("segment", "integer", "Le segment (id).", "segment_id", refers_to="segments.id"),
            Column("region", "string", "La région (code INSEE).", "region_id", refers_to="regions.code"),
        ),
        primary_key=("segment", "region"),
    ),
    Table(
        name="chiffres",
        title="Chiffres des enquêtes",
        description="Un chiffre par (question, ligne, réponse, segment), avec sa provenance : read (lu dans la "
        "source), derived (calculé à partir de chiffres imprimés) ou missing (imprimé mais non lisible : "
        "value reste vide, jamais 0).",
        dataset="enquetes",
        rows=lambda: Figure.objects.published().order_by("pk"),
        columns=(
            ID,
            Column("question", "integer", "La question (id).", "question_id", refers_to="questions.id", required=True),
            Column(
                "row",
                "integer",
                "La ligne (id) ; vide pour une question à choix unique.",
                "row_id",
                refers_to="lignes.id",
            ),
            Column("answer", "integer", "La réponse (id).", "answer_id", refers_to="reponses.id", required=True),
            Column("segment", "integer", "Le segment (id).", "segment_id", refers_to="segments.id", required=True),
            Column(
                "value",
                "number",
                "Valeur, à la précision imprimée ; vide si non lisible dans la source.",
                unit="% (unit = percent) ou moyenne sur 10 (unit = mean)",
                cell=_figure_value,
            ),
            Column("unit", "string", "Unité de la valeur.", "question__unit", enum=("percent", "mean")),
            Column("provenance", "string", "D'où vient la valeur.", enum=("read", "derived", "missing")),
            Column(
                "significance",
                "string",
                "Significativement supérieur (higher) ou inférieur (lower) à l'ensemble, quand la source le marque.",
                enum=("", "higher", "lower"),
            ),
            Column("base", "integer", "Effectif que le chiffre représente.", unit="personnes ou organisations"),
        ),
        primary_key=("id",),
    ),
]
