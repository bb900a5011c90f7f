"""The narrow search table of PostgreSQL (cases.models.SearchEntry); `manage.py reindex_cases` fills it.

SQLite (the embedded demo) has no such table: the model requires PostgreSQL.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_search_postgresql"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DB_CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="cases.case",
                    ),
                ),
                ("public", models.BooleanField()),
                ("published_at", models.DateTimeField(null=True)),
                ("start_year", models.PositiveSmallIntegerField(null=True)),
                ("last_year", models.PositiveSmallIntegerField(null=True)),
                ("tags", django.contrib.postgres.fields.ArrayField(base_field=models.TextField())),
                ("facet_ends", django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField())),
                ("title_vector", django.contrib.postgres.search.SearchVectorField()),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "required_db_vendor": "postgresql",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(fields=["document"], name="searchentry_document_gin"),
                    models.Index(fields=["public", "-published_at", "-case"], name="searchentry_public_recent"),
                ],
            },
        ),
    ]
