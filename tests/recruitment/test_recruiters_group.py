"""The "Recruiters" group that the migrations build (accounts/migration_helpers.py): exactly the permissions
it held before the migrations shared one helper, and the helper's grant and revoke."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection

from accounts import migration_helpers, rules

pytestmark = pytest.mark.django_db

# What recruitment 0002, 0004, 0006, 0009, 0011, 0012, 0014 and 0017 granted, collected from a database
# migrated from zero before they were rewritten. A new grant is a new migration and a new line here.
RECRUITERS_PERMISSIONS = {
    "accounts.add_industry",
    "accounts.add_skill",
    "accounts.change_candidateprofile",
    "accounts.change_industry",
    "accounts.change_skill",
    "accounts.view_candidateprofile",
    "accounts.view_industry",
    "accounts.view_rolefamily",
    "accounts.view_skill",
    "recruitment.add_clientterms",
    "recruitment.add_contactlogentry",
    "recruitment.add_introduction",
    "recruitment.add_invitation",
    "recruitment.add_placement",
    "recruitment.add_recruiternote",
    "recruitment.add_savedsearch",
    "recruitment.change_clientterms",
    "recruitment.change_interview",
    "recruitment.change_introduction",
    "recruitment.change_notification",
    "recruitment.change_pendingoutcome",
    "recruitment.change_placement",
    "recruitment.change_recruiternote",
    "recruitment.delete_savedsearch",
    "recruitment.view_clientterms",
    "recruitment.view_contactlogentry",
    "recruitment.view_interview",
    "recruitment.view_introduction",
    "recruitment.view_invitation",
    "recruitment.view_match",
    "recruitment.view_notification",
    "recruitment.view_pendingoutcome",
    "recruitment.view_placement",
    "recruitment.view_recruiternote",
    "recruitment.view_savedsearch",
    "vacancies.add_company",
    "vacancies.add_employerprofile",
    "vacancies.add_vacancy",
    "vacancies.change_application",
    "vacancies.change_company",
    "vacancies.change_companyjoinrequest",
    "vacancies.change_employerprofile",
    "vacancies.change_vacancy",
    "vacancies.view_application",
    "vacancies.view_applicationstagechange",
    "vacancies.view_company",
    "vacancies.view_companyinvite",
    "vacancies.view_companyjoinrequest",
    "vacancies.view_employerprofile",
    "vacancies.view_vacancy",
    "vacancies.view_vacancystatuschange",
}


def held() -> set[str]:
    group = Group.objects.get(name=rules.RECRUITERS_GROUP)
    pairs = group.permissions.values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in pairs}


def run(action: str, *permissions: str) -> None:
    """One direction of the helper's RunPython, here against the current models."""
    migration_helpers.RecruitersPermissions(action, permissions)(apps, SimpleNamespace(connection=connection))


def test_the_migrated_group_holds_exactly_the_permissions_it_always_had():
    assert held() == RECRUITERS_PERMISSIONS


def test_migrations_name_the_group_the_code_checks():
    assert migration_helpers.RECRUITERS_GROUP == rules.RECRUITERS_GROUP == "Recruiters"


def test_revoke_then_grant_gives_back_the_same_group():
    run(migration_helpers.REVOKE, "recruitment.view_match", "accounts.change_candidateprofile")
    assert held() == RECRUITERS_PERMISSIONS - {"recruitment.view_match", "accounts.change_candidateprofile"}
    run(migration_helpers.GRANT, "recruitment.view_match", "accounts.change_candidateprofile")
    assert held() == RECRUITERS_PERMISSIONS


def test_the_first_migration_sets_exactly_its_permissions_and_backwards_deletes_the_group():
    run(migration_helpers.SET, "recruitment.view_match")
    assert held() == {"recruitment.view_match"}
    run(migration_helpers.DELETE_GROUP)
    assert not Group.objects.filter(name=rules.RECRUITERS_GROUP).exists()
    # Revoking from a group that is gone does nothing; granting creates it.
    run(migration_helpers.REVOKE, "recruitment.view_match")
    run(migration_helpers.GRANT, "recruitment.view_match")
    assert held() == {"recruitment.view_match"}


def test_a_misspelt_permission_fails_the_migration():
    with pytest.raises(LookupError, match=r"recruitment\.view_matches"):
        run(migration_helpers.GRANT, "recruitment.view_matches")
    assert held() == RECRUITERS_PERMISSIONS


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="Unknown action"):
        migration_helpers.RecruitersPermissions("remove", ())
