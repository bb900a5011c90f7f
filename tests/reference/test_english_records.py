"""The reference records' English (django-modeltranslation): loaded from fixtures/translations/en.json,
shown on English pages, edited in the admin, while the original column and the search keep the French."""

import pytest
from django.db import connection
from django.utils import translation

from foundation.reference.models import Department, Domain, PartnershipType, Region, SustainableDevelopmentGoal
from foundation.reference.services import reference_load

pytestmark = pytest.mark.django_db


def _column(table: str, key: str, value: str, column: str = "name") -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {key} = %s", [value])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_loaded_english_names_are_read_on_english_pages_and_the_french_stays_the_source():
    health = Domain.objects.get(slug="sante")
    assert (health.name_fr, health.name_en) == ("Santé", "Health")
    with translation.override("en"):
        assert Domain.objects.get(slug="mal-logement").name == "Poor housing"
        assert (
            PartnershipType.objects.get(slug="mecenat").era
            == "From the 1990s: solidarity, contributing to the general interest"
        )
        assert SustainableDevelopmentGoal.objects.get(number=17).name == "Partnerships for the goals"
    assert Domain.objects.get(slug="mal-logement").name == "Mal logement"
    assert _column("reference_domain", "slug", "mal-logement") == "Mal logement"


def test_only_the_territories_whose_name_differs_have_an_english_name_of_their_own():
    assert Region.objects.get(code="53").name_en == "Brittany"
    assert Region.objects.get(code="94").name_en == "Corsica"
    assert Department.objects.get(code="974").name_en == "Réunion"
    assert Region.objects.get(code="84").name_en == "Auvergne-Rhône-Alpes"
    with translation.override("en"):
        names = list(Region.objects.values_list("name", flat=True))
    assert names.index("Brittany") < names.index("Corsica") < names.index("Grand Est")


def test_a_second_load_writes_nothing_and_a_changed_english_name_is_restored():
    assert not reference_load().changed
    Domain.objects.filter(slug="sante").update(name_en="Healthcare")
    report = reference_load()
    assert report.updated == {"domains": 1} and not report.created
    assert Domain.objects.get(slug="sante").name_en == "Health"


def test_saving_on_an_english_page_keeps_the_original_column_french():
    domain = Domain.objects.get(slug="education")
    with translation.override("en"):
        domain.name = "Schooling"
        domain.save()
    domain.refresh_from_db()
    assert (domain.name_fr, domain.name_en) == ("Éducation", "Schooling")
    assert _column("reference_domain", "slug", "education") == "Éducation"


def test_a_french_name_changed_in_the_admin_reaches_the_original_column(admin_client):
    region = Region.objects.get(code="53")
    response = admin_client.post(
        f"/admin/reference/region/{region.pk}/change/",
        {"code": "53", "name_fr": "Bretagne (test)", "name_en": "Brittany (test)", "zone": "metro"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region.refresh_from_db()
    assert (region.name_fr, region.name_en) == ("Bretagne (test)", "Brittany (test)")
    assert _column("reference_region", "code", "53") == "Bretagne (test)"


def test_the_admin_form_shows_both_languages_and_requires_the_french(admin_client):
    domain = Domain.objects.get(slug="sante")
    page = admin_client.get(f"/admin/reference/domain/{domain.pk}/change/").content.decode()
    assert 'name="name_fr"' in page and 'name="name_en"' in page
    response = admin_client.post(
        f"/admin/reference/domain/{domain.pk}/change/",
        {"slug": "sante", "name_fr": "", "name_en": "Health", "group": domain.group, "position": domain.position},
    )
    assert response.status_code == 200
    assert Domain.objects.get(slug="sante").name_fr == "Santé"
