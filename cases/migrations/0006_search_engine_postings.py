"""The search engine's tables on PostgreSQL: the search rows gain the status and title, the postings and
the version arrive, and `Case.search_vector` (with its index) goes: the search rows hold the document.

The postings start empty: `manage.py reindex_cases` builds them (the search finds nothing until then).
"""

from django.db import migrations, models


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS cases_searchversion_seq")
    schema_editor.execute(
        "UPDATE cases_searchentry AS e SET status = c.status, title = c.title FROM cases_case AS c"
        " WHERE c.id = e.case_id"
    )


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS cases_searchversion_seq")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_assigned_to")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="searchentry_document_gin"),
        migrations.RemoveIndex(model_name="searchentry", name="searchentry_public_recent"),
        migrations.AddField(
            model_name="searchentry",
            name="status",
            field=models.CharField(default="draft", max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.RemoveField(model_name="case", name="search_vector"),
        migrations.CreateModel(
            name="SearchPosting",
            fields=[
                ("key", models.TextField(primary_key=True, serialize=False)),
                ("bitmap", models.BinaryField()),
            ],
            options={"required_db_vendor": "postgresql"},
        ),
        migrations.CreateModel(
            name="SearchVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"required_db_vendor": "postgresql"},
        ),
        migrations.RunPython(fill, drop_sequence),
    ]
