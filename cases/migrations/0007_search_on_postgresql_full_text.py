"""The search on PostgreSQL's own full-text search: the search rows are written by the database itself
(cases.search.schema: a function and statement-level triggers), the postings and the version row go, and
the SQLite demo gets an FTS5 table in place of `Case.search_text`. Curators gain equivalent spellings."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from cases.search import schema


def drop_version_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS cases_searchversion_seq")


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_search_engine_postings")]

    operations = [
        migrations.DeleteModel(name="SearchPosting"),
        migrations.DeleteModel(name="SearchVersion"),
        migrations.RunPython(drop_version_sequence, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchentry", name="status"),
        migrations.RemoveField(model_name="searchentry", name="public"),
        migrations.RemoveField(model_name="searchentry", name="published_at"),
        migrations.RemoveField(model_name="searchentry", name="title"),
        migrations.RemoveField(model_name="searchentry", name="start_year"),
        migrations.RemoveField(model_name="searchentry", name="last_year"),
        migrations.RemoveField(model_name="searchentry", name="facet_ends"),
        migrations.AddField(
            model_name="searchentry",
            name="summary_vector",
            field=django.contrib.postgres.search.SearchVectorField(default=""),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["document"], name="searchentry_document_gin"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["tags"], name="searchentry_tags_gin"),
        ),
        migrations.RemoveField(model_name="case", name="search_text"),
        migrations.CreateModel(
            name="EquivalentSpelling",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "spelling",
                    models.CharField(
                        help_text="Par exemple : ESS.", max_length=100, unique=True, verbose_name="écriture"
                    ),
                ),
                (
                    "equivalent",
                    models.CharField(
                        help_text="Par exemple : économie sociale et solidaire.",
                        max_length=200,
                        verbose_name="équivalent",
                    ),
                ),
            ],
            options={
                "verbose_name": "écriture équivalente (recherche)",
                "verbose_name_plural": "écritures équivalentes (recherche)",
                "ordering": ["spelling"],
            },
        ),
        migrations.RunPython(schema.install, schema.uninstall),
    ]
