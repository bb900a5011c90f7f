"""The collection facet: the search's function and triggers rewritten from `FACETS`, which now holds it (a
case's published collections among its search tags; a trigger on the collections' entries and on the
collections, whose publication changes what their cases are found by)."""

from django.db import migrations

import cases.search.schema


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_collections")]

    operations = [migrations.RunPython(cases.search.schema.install, cases.search.schema.install)]
