from django.db import migrations

# The deck's four audiences (p. 33) and the researchers (p. 27): the /pour/<slug>/ pages.
AUDIENCES = [
    ("organisations", "Organisations"),
    ("collectivites", "Collectivités territoriales"),
    ("institutions", "Institutions & investisseurs"),
    ("territoires", "Territoires"),
    ("chercheurs", "Chercheurs"),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("resources", "Audience")
    for position, (slug, name) in enumerate(AUDIENCES, start=1):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
