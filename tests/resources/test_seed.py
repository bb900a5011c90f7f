"""The deck's resources say only what the deck prints: each field is found in the passage of the page it cites."""

import json
import re
import unicodedata

from django.conf import settings

from resources.models import Resource

FIXTURE = settings.BASE_DIR / "fixtures" / "resources" / "resources.json"


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("\u2019", "'").replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_every_seeded_resource_is_found_word_for_word_on_the_page_it_cites(seeded):
    pages = json.loads(FIXTURE.read_text(encoding="utf-8"))["pages"]
    resources = list(Resource.objects.all())
    assert len(resources) == 18
    for resource in resources:
        page = normalised(pages[resource.source_page])
        for name in ["title", "quote", "date_label", "place"]:
            value = getattr(resource, name)
            assert normalised(value) in page, f"{resource.slug}: {name} « {value} » is not on {resource.source_page}"
        assert resource.source_page in resource.citation


def test_seeded_resources_carry_no_summary_no_link_and_no_place(seeded):
    assert not Resource.objects.exclude(summary="").exists()
    assert not Resource.objects.exclude(url="").exists()
    assert not Resource.objects.exclude(place="").exists()
    assert Resource.objects.filter(status=Resource.Status.PUBLISHED).count() == 18


def test_an_event_has_the_date_the_deck_prints_and_no_other(seeded):
    rencontre = Resource.objects.get(slug="6eme-rencontre-des-pionniers-des-alliances-en-territoire")
    assert (rencontre.kind, rencontre.date_label, rencontre.year) == ("evenement", "le 8/07/20", 2020)
    ateliers = Resource.objects.get(slug="ateliers-chercheurs-praticiens-et-seminaire")
    assert (ateliers.date_label, ateliers.year) == ("2018-2019", None)


def test_loading_twice_adds_nothing(seeded):
    from resources.services import resources_load

    resources_load()
    assert Resource.objects.count() == 18
    kit = Resource.objects.get(slug="kit-odd-17-et-les-collectivites")
    assert list(kit.audiences.values_list("slug", flat=True)) == ["collectivites"]
