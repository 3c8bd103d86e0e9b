"""A company's team (issue 16, item 13): no duplicate company on sign-up, a request to join that the
recruiters see, signed and expiring invitations to colleagues, and the admin removing members."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from recruitment.emails.team import COLLEAGUE_INVITE
from recruitment.models import Notification
from recruitment.outbox.render import build_message
from tests import factories
from vacancies import services
from vacancies.models import Company, CompanyInvite, CompanyJoinRequest, EmployerProfile

pytestmark = pytest.mark.django_db

STRONG = "correct-horse-battery-staple-7"


def signup_data(**overrides):
    data = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@lumen.example",
        "password1": STRONG,
        "password2": STRONG,
        "company_name": "Lumen Health",
        "job_title": "VP Product",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_user(employer):
    EmployerProfile.objects.filter(user=employer).update(is_company_admin=True)
    return employer


@pytest.fixture
def lumen(db):
    return factories.EmployerProfileFactory(company__name="Lumen Health", is_company_admin=True).company


def invite_link(invite: CompanyInvite) -> str:
    row = Notification.objects.get(kind=COLLEAGUE_INVITE, dedupe_key__endswith=f":{invite.pk}")
    message = build_message(row)
    assert message.to == [invite.email]
    match = re.search(r"https?://[^\s]+/employers/join/[^\s]+/", message.body)
    assert match, message.body
    return re.sub(r"^https?://[^/]+", "", match.group(0))


# --- Sign-up naming an existing company ---------------------------------------------


def test_signup_with_an_existing_company_name_is_told_to_ask_for_an_invite(client, lumen):
    response = client.post(reverse("employers:signup"), signup_data(company_name="  lumen   HEALTH "))
    assert response.status_code == 200
    assert "already has a company account" in response.content.decode()
    assert Company.objects.filter(name__iexact="lumen health").count() == 1
    assert not User.objects.filter(email="grace@lumen.example").exists()


def test_asking_to_join_records_a_request_the_recruiters_see(client, lumen, recruiter):
    response = client.post(reverse("employers:signup"), signup_data(ask_to_join="on"))
    assert response.status_code == 302
    user = User.objects.get(email="grace@lumen.example")
    assert user.role == User.Role.EMPLOYER
    assert not EmployerProfile.objects.filter(user=user).exists()
    request = CompanyJoinRequest.objects.get(user=user)
    assert request.company == lumen
    assert request.job_title == "VP Product"
    assert Company.objects.filter(name="Lumen Health").count() == 1
    client.force_login(user)
    page = client.get(reverse("employers:dashboard"))
    assert page.status_code == 200
    assert "You asked to join <strong>Lumen Health</strong>" in page.content.decode()

    client.force_login(recruiter)
    listing = client.get(reverse("admin:vacancies_companyjoinrequest_changelist"))
    assert listing.status_code == 200
    assert "grace@lumen.example" in listing.content.decode()
    company_page = client.get(reverse("admin:vacancies_company_change", args=[lumen.pk]))
    assert "grace@lumen.example" in company_page.content.decode()


def test_ticking_ask_to_join_for_a_new_company_just_registers_it(client):
    response = client.post(reverse("employers:signup"), signup_data(ask_to_join="on", company_name="Brand New"))
    assert response.status_code == 302
    profile = EmployerProfile.objects.get(user__email="grace@lumen.example")
    assert profile.company.name == "Brand New"
    assert profile.is_company_admin


def test_the_service_refuses_a_second_company_of_the_same_name(lumen):
    user = factories.UserFactory(role=User.Role.EMPLOYER)
    with pytest.raises(services.WorkflowError):
        services.employer_register(user=user, company_name="LUMEN health")


def test_recruiters_mark_requests_handled(client, lumen, recruiter):
    user = factories.UserFactory(role=User.Role.EMPLOYER)
    request = services.company_join_request(user=user, company=lumen)
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:vacancies_companyjoinrequest_changelist"),
        {"action": "mark_resolved", "_selected_action": [request.pk]},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.resolved_at is not None


# --- Invitations ----------------------------------------------------------------------


def test_admin_invites_a_colleague_who_joins_on_sign_up(
    client, admin_user, company, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("employers:company_invite"), {"email": "New.Colleague@Example.com"})
    assert response.status_code == 302
    invite = CompanyInvite.objects.get(company=company)
    assert invite.invited_by == admin_user
    assert invite.is_usable
    link = invite_link(invite)
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert f"Join {company.name}" in page.content.decode()
    response = client.post(link, signup_data(email="new.colleague@example.com", company_name=""))
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email__iexact="new.colleague@example.com")
    profile = EmployerProfile.objects.get(user=user)
    assert user.role == User.Role.EMPLOYER
    assert profile.company == company
    assert not profile.is_company_admin
    invite.refresh_from_db()
    assert invite.accepted_by == user
    assert Company.objects.count() == 1

    # The link works once.
    client.logout()
    assert client.get(link).status_code == 404


def test_the_invitation_is_for_its_address_only(client, admin_user, company):
    invite = services.company_invite_send(company=company, email="right@example.com", by=admin_user)
    link = reverse("employers:join", kwargs={"token": services.company_invite_token(invite)})
    response = client.post(link, signup_data(email="wrong@example.com"))
    assert response.status_code == 200
    assert "Use the address the invitation was sent to" in response.content.decode()
    assert not User.objects.filter(email="wrong@example.com").exists()


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 600, "x:y:z", "\x00", "%00", "eyJpIjoxfQ:1abc:forged"],
)
def test_a_bad_token_answers_404_and_creates_nothing(client, token):
    response = client.get(f"/employers/join/{token}/")
    assert response.status_code == 404
    response = client.post(f"/employers/join/{token}/", signup_data())
    assert response.status_code == 404
    assert not User.objects.filter(email="grace@lumen.example").exists()


def test_an_expired_or_revoked_invitation_does_not_work(client, admin_user, company):
    expired = services.company_invite_send(company=company, email="late@example.com", by=admin_user)
    CompanyInvite.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    revoked = services.company_invite_send(company=company, email="gone@example.com", by=admin_user)
    client.force_login(admin_user)
    assert client.post(reverse("employers:company_invite_revoke", args=[revoked.pk])).status_code == 302
    client.logout()
    for invite in (expired, revoked):
        link = reverse("employers:join", kwargs={"token": services.company_invite_token(invite)})
        assert client.get(link).status_code == 404
        assert client.post(link, signup_data(email=invite.email)).status_code == 404
    assert not User.objects.filter(email__in=["late@example.com", "gone@example.com"]).exists()


def test_a_token_for_another_address_is_refused(admin_user, company):
    invite = services.company_invite_send(company=company, email="one@example.com", by=admin_user)
    invite.email = "two@example.com"
    forged = services.company_invite_token(invite)
    assert services.company_invite_from_token(forged) is None


def test_an_employer_waiting_on_a_request_joins_by_the_link_while_logged_in(client, admin_user, company):
    user = factories.UserFactory(role=User.Role.EMPLOYER, email="asker@example.com")
    services.company_join_request(user=user, company=company)
    invite = services.company_invite_send(company=company, email="asker@example.com", by=admin_user)
    link = reverse("employers:join", kwargs={"token": services.company_invite_token(invite)})
    client.force_login(user)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert EmployerProfile.objects.get(user=user).company == company
    assert not CompanyJoinRequest.objects.open().filter(user=user).exists()


@pytest.mark.parametrize(
    "email",
    ["", "not-an-email", "a@b", "x" * 250 + "@example.com", "nul\x00@example.com", "<script>@example.com"],
)
def test_invite_bad_input_sends_nothing(client, admin_user, company, email):
    client.force_login(admin_user)
    response = client.post(reverse("employers:company_invite"), {"email": email}, follow=True)
    assert response.status_code == 200
    assert "No invitation sent" in response.content.decode()
    assert not CompanyInvite.objects.exists()
    assert not Notification.objects.filter(kind=COLLEAGUE_INVITE).exists()


def test_inviting_an_existing_account_or_member_is_refused(client, admin_user, company, colleague, candidate):
    client.force_login(admin_user)
    for email in (colleague.email, candidate.email.upper()):
        response = client.post(reverse("employers:company_invite"), {"email": email}, follow=True)
        assert "No invitation sent" in response.content.decode()
    assert not CompanyInvite.objects.exists()


def test_only_the_company_admin_invites_and_removes(client, employer, company, colleague):
    client.force_login(employer)  # a member, not the admin
    page = client.get(reverse("employers:company"))
    assert "Send invitation" not in page.content.decode()
    client.post(reverse("employers:company_invite"), {"email": "someone@example.com"})
    assert not CompanyInvite.objects.exists()
    member = EmployerProfile.objects.get(user=colleague)
    client.post(reverse("employers:company_member_remove", args=[member.pk]))
    assert EmployerProfile.objects.filter(pk=member.pk).exists()


def test_sending_again_replaces_the_pending_invitation(admin_user, company):
    first = services.company_invite_send(company=company, email="again@example.com", by=admin_user)
    second = services.company_invite_send(company=company, email="Again@example.com", by=admin_user)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    assert list(CompanyInvite.objects.pending()) == [second]


def test_pending_invitations_are_capped(admin_user, company, monkeypatch):
    monkeypatch.setattr("vacancies.services.team.MAX_PENDING_INVITES", 2)
    services.company_invite_send(company=company, email="a@example.com", by=admin_user)
    services.company_invite_send(company=company, email="b@example.com", by=admin_user)
    with pytest.raises(services.WorkflowError):
        services.company_invite_send(company=company, email="c@example.com", by=admin_user)


# --- Removing members, and other companies' objects ------------------------------------


def test_admin_removes_a_member_who_then_has_no_company(client, admin_user, company, colleague):
    client.force_login(admin_user)
    member = EmployerProfile.objects.get(user=colleague)
    response = client.post(reverse("employers:company_member_remove", args=[member.pk]), follow=True)
    assert "is no longer in your team" in response.content.decode()
    assert not EmployerProfile.objects.filter(pk=member.pk).exists()
    client.force_login(colleague)
    page = client.get(reverse("employers:dashboard"))
    assert page.status_code == 200
    assert "not linked to a company" in page.content.decode()


def test_admin_cannot_remove_themselves(client, admin_user):
    client.force_login(admin_user)
    me = EmployerProfile.objects.get(user=admin_user)
    response = client.post(reverse("employers:company_member_remove", args=[me.pk]), follow=True)
    assert "You cannot remove yourself" in response.content.decode()
    assert EmployerProfile.objects.filter(pk=me.pk).exists()


def test_another_companys_members_and_invitations_answer_404(client, admin_user, company, other_employer):
    other_company = other_employer.employer_profile.company
    EmployerProfile.objects.filter(user=other_employer).update(is_company_admin=True)
    their_invite = services.company_invite_send(company=other_company, email="theirs@example.com", by=other_employer)
    client.force_login(admin_user)
    member = other_employer.employer_profile
    assert client.post(reverse("employers:company_member_remove", args=[member.pk])).status_code == 404
    assert client.post(reverse("employers:company_invite_revoke", args=[their_invite.pk])).status_code == 404
    their_invite.refresh_from_db()
    assert their_invite.revoked_at is None
    assert EmployerProfile.objects.filter(pk=member.pk).exists()
    page = client.get(reverse("employers:company"))
    assert "theirs@example.com" not in page.content.decode()


def test_team_posts_need_csrf(admin_user, company, colleague):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    member = EmployerProfile.objects.get(user=colleague)
    assert client.post(reverse("employers:company_invite"), {"email": "x@example.com"}).status_code == 403
    assert client.post(reverse("employers:company_member_remove", args=[member.pk])).status_code == 403


def test_get_never_changes_the_team(client, admin_user, company, colleague):
    client.force_login(admin_user)
    member = EmployerProfile.objects.get(user=colleague)
    assert client.get(reverse("employers:company_member_remove", args=[member.pk])).status_code == 405
    assert client.get(reverse("employers:company_invite")).status_code == 405


@pytest.mark.parametrize("extra", [1, 6])
def test_company_page_query_count_is_pinned(client, admin_user, company, django_assert_num_queries, extra):
    """Members and pending invitations do not add queries."""
    for n in range(extra):
        factories.EmployerProfileFactory(company=company)
        services.company_invite_send(company=company, email=f"p{n}@example.com", by=admin_user)
    client.force_login(admin_user)
    with django_assert_num_queries(COMPANY_PAGE_QUERIES):
        assert client.get(reverse("employers:company")).status_code == 200


COMPANY_PAGE_QUERIES = 8


def test_the_workspace_lists_requests_and_invitations(admin_user, company):
    from vacancies.models import CompanyJoinRequest as Model

    assert Model in site._registry or any(m is Model for m in _workspace_models())
    assert CompanyInvite in site._registry or any(m is CompanyInvite for m in _workspace_models())


def _workspace_models():
    from recruitment.admin.site import admin_site

    return list(admin_site._registry)
