import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_redirect_sends_each_role_home(client, candidate, employer, recruiter):
    for user, target in [
        (candidate, reverse("accounts:dashboard")),
        (employer, reverse("employers:dashboard")),
        (recruiter, reverse("admin:index")),
    ]:
        client.force_login(user)
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"] == target


def test_candidate_cannot_open_employer_dashboard(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("employers:dashboard")).status_code == 403


def test_employer_cannot_open_candidate_dashboard(client, employer):
    client.force_login(employer)
    assert client.get(reverse("accounts:dashboard")).status_code == 403


@pytest.mark.parametrize("user_fixture", ["candidate", "employer"])
def test_non_staff_cannot_reach_admin(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_recruiter_reaches_admin(client, recruiter):
    client.force_login(recruiter)
    assert client.get(reverse("admin:index")).status_code == 200


def test_anonymous_is_sent_to_login(client):
    for name in ["accounts:dashboard", "employers:dashboard", "dashboard"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_recruiters_group_has_no_user_or_group_permissions(recruiter):
    perms = recruiter.get_all_permissions()
    assert "vacancies.change_vacancy" in perms
    assert not any(p.startswith("accounts.") and p.endswith("_user") for p in perms)
    assert not any(p.startswith("auth.") for p in perms)
    assert "vacancies.delete_vacancystatuschange" not in perms
    assert "vacancies.delete_applicationstagechange" not in perms
    assert "vacancies.delete_application" not in perms
