"""Who may enter the recruiters' workspace, and what recruiters may (not) do there."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_recruiter_cannot_open_user_or_group_admin(client, recruiter, url_name):
    client.force_login(recruiter)
    assert client.get(reverse(url_name)).status_code == 403


def test_recruiter_cannot_edit_a_user_or_a_group(client, recruiter, candidate):
    client.force_login(recruiter)
    group = Group.objects.get(name="Recruiters")
    assert client.get(reverse("admin:accounts_user_change", args=[candidate.pk])).status_code == 403
    assert client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "x"}).status_code == 403
    group.refresh_from_db()
    assert group.name == "Recruiters"


@pytest.mark.parametrize("user_fixture", ["candidate", "employer"])
def test_candidates_and_employers_cannot_reach_the_admin(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    for name in ["admin:index", "admin:pipeline", "admin:vacancies_vacancy_changelist"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["candidate", "employer"])
def test_staff_flag_alone_does_not_open_the_admin(client, role):
    """A candidate or employer marked staff by mistake still is not a recruiter: 403, no login loop."""
    user = factories.UserFactory(role=role, is_staff=True)
    client.force_login(user)
    for name in ["admin:index", "admin:pipeline", "admin:vacancies_vacancy_changelist"]:
        assert client.get(reverse(name)).status_code == 403


def test_anonymous_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:pipeline"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_recruiter_permissions_are_exactly_the_workspace(recruiter):
    perms = recruiter.get_all_permissions()
    for needed in [
        "vacancies.change_vacancy",
        "vacancies.change_application",
        "accounts.view_candidateprofile",
        "accounts.change_candidateprofile",
        "recruitment.add_recruiternote",
        "recruitment.change_notification",
        "recruitment.view_match",
    ]:
        assert needed in perms
    for forbidden in [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "auth.change_group",
        "vacancies.delete_vacancystatuschange",
        "vacancies.delete_applicationstagechange",
        "vacancies.delete_vacancy",
        "vacancies.delete_application",
        "recruitment.delete_notification",
        "recruitment.delete_match",
        "recruitment.change_match",
        "accounts.delete_candidateprofile",
    ]:
        assert forbidden not in perms


def test_recruiter_cannot_delete_audit_history(client, recruiter):
    notification = factories.NotificationFactory()
    match = factories.MatchFactory()
    client.force_login(recruiter)
    assert client.post(reverse("admin:recruitment_notification_delete", args=[notification.pk])).status_code == 403
    assert client.post(reverse("admin:recruitment_match_delete", args=[match.pk])).status_code == 403
    assert notification.__class__.objects.filter(pk=notification.pk).exists()
    assert match.__class__.objects.filter(pk=match.pk).exists()


def test_even_a_superuser_cannot_delete_notifications_or_matches(admin_client):
    notification = factories.NotificationFactory()
    match = factories.MatchFactory()
    for url in [
        reverse("admin:recruitment_notification_delete", args=[notification.pk]),
        reverse("admin:recruitment_match_delete", args=[match.pk]),
    ]:
        assert admin_client.post(url).status_code == 403


def test_index_is_the_agency_workspace(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recruiter workspace" in html
    assert "<title>Recruiter workspace | Northstar Product Leaders recruiters</title>" in html
    assert reverse("admin:pipeline") in html
    assert "Pipeline and funnel" in html
    # Nothing recruiters may not use is offered.
    assert reverse("admin:accounts_user_changelist") not in html
    assert reverse("admin:auth_group_changelist") not in html
