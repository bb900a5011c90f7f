import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    PartnershipType,
    Region,
)
from foundation.reference.services import CURATORS_GROUP, reference_load

pytestmark = pytest.mark.django_db


def test_it_loads_the_four_vocabularies():
    assert Domain.objects.count() == 16
    assert PartnershipType.objects.count() == 4
    assert EngagementPractice.objects.count() == 4
    assert CollectiveDynamic.objects.count() == 4


def test_domains_are_in_their_three_groups():
    groups = {group: Domain.objects.filter(group=group).count() for group in Domain.Group.values}
    assert groups == {"economique": 3, "social": 10, "environnemental": 3}


def test_it_loads_every_region_and_department_metropolitan_and_overseas():
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    assert Department.objects.get(code="69").region_id == "84"
    assert Department.objects.get(code="2A").region.name == "Corse"
    assert Department.objects.get(code="976").region.name == "Mayotte"


def test_a_second_run_changes_nothing():
    report = reference_load()
    assert not report.changed
    assert Domain.objects.count() == 16


def test_a_renamed_term_is_updated_not_duplicated():
    Domain.objects.filter(slug="sante").update(name="Ancien nom")
    report = reference_load()
    assert report.updated == {"domains": 1}
    assert Domain.objects.get(slug="sante").name == "Santé"
    assert Domain.objects.count() == 16


def test_the_command_says_when_nothing_changed(capsys):
    call_command("load_reference")
    assert "already up to date" in capsys.readouterr().out


def test_the_curators_group_holds_exactly_the_case_permissions():
    codenames = set(
        Group.objects.get(name=CURATORS_GROUP).permissions.values_list("content_type__app_label", "codename")
    )
    assert ("cases", "publish_case") in codenames
    assert ("cases", "change_case") in codenames
    assert ("cases", "delete_organization") in codenames
    assert ("reference", "view_department") in codenames
    assert ("indicators", "change_indicatorvalue") in codenames
    assert ("resources", "change_resource") in codenames
    assert ("surveys", "change_programme") in codenames
    assert {app for app, _ in codenames} <= {
        "cases",
        "surveys",
        "indicators",
        "reference",
        "proposals",
        "desk",
        "resources",
    }
    assert {code for app, code in codenames if app == "proposals"} == {"view_proposal", "change_proposal"}
    assert {code for app, code in codenames if app == "desk"} == {"view_casecomment", "add_casecomment"}
    assert all(code.startswith("view_") for app, code in codenames if app == "reference")
    assert not any(code.endswith("_user") or code.endswith("_group") for _, code in codenames)
