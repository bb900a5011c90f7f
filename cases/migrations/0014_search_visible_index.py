"""An index that gives a search, for each match, who may see it and its order without reading the case
rows (cases.search.postgres)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_search_words")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status", "id", "is_fictitious", "published_at"], name="case_search_visible"),
        ),
    ]
