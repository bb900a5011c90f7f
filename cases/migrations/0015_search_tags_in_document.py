"""The tags of a case become lexemes of its document vector too: a search with words and filters is one
lookup in the document's GIN index (cases.search.postgres). The refresh function is rewritten and every
search row written again."""

from django.db import migrations

import cases.search.schema


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_search_visible_index")]

    operations = [migrations.RunPython(cases.search.schema.install, cases.search.schema.install)]
