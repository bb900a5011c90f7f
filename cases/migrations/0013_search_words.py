"""The words of the published titles, kept by the database with a trigram index, for "Vouliez-vous dire"
(cases.search.words): created and filled here, then kept in step by triggers on the cases."""

from django.db import migrations

import cases.search.words


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_english_text_and_country")]

    operations = [migrations.RunPython(cases.search.words.install, cases.search.words.uninstall)]
