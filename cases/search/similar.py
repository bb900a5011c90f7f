"""Similar cases (cases.similar) by one query over the tag tables, on either database: each tag's newest
cases, plus the cases a search for the title's words found, the weights summed per case."""

from django.db import connection

from cases.models import Case


def similar_sql(
    case: Case, weights: dict[str, int], per_tag: int, found: list[int], found_weight: int, limit: int
) -> list[int]:
    """`cases.search.similar` by one query over the tag tables (each tag's newest cases, then the sum of
    the weights per case), The SQL is built from the models'
    own table and column names (hence the `noqa: S608`); every value goes as a parameter."""
    parts, params = [], []
    for field_name, weight in weights.items():
        field = Case._meta.get_field(field_name)
        through = field.remote_field.through._meta
        column = through.get_field(field.m2m_reverse_field_name()).column
        for term in getattr(case, field_name).all():
            parts.append(
                f"SELECT * FROM (SELECT case_id, {int(weight)} AS w FROM {through.db_table} WHERE {column} = %s"  # noqa: S608
                f" ORDER BY case_id DESC LIMIT {int(per_tag)}) AS part"
            )
            params.append(term.pk)
    if found:
        placeholders = ", ".join(["%s"] * len(found))
        table = Case._meta.db_table
        parts.append(f"SELECT id AS case_id, {int(found_weight)} AS w FROM {table} WHERE id IN ({placeholders})")  # noqa: S608
        params += found
    if not parts:
        return []
    table = Case._meta.db_table
    sql = (
        f"SELECT hits.case_id FROM ({' UNION ALL '.join(parts)}) AS hits"  # noqa: S608
        f" JOIN {table} AS c ON c.id = hits.case_id WHERE c.status = %s AND c.id <> %s"
        " GROUP BY hits.case_id ORDER BY SUM(hits.w) DESC, MAX(c.published_at) DESC, hits.case_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Case.Status.PUBLISHED, case.pk, limit])
        return [row[0] for row in cursor.fetchall()]
