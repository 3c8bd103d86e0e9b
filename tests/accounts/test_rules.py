"""The site's rules, each defined once (accounts.rules and the QuerySet verbs next to the models):
who is a recruiter, what a recruiter may do, whose email counts as verified."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import CandidateProfile, User
from accounts.rules import may_see_every_candidate, recruiter_may, user_is_recruiter
from tests import factories
from vacancies import services

pytestmark = pytest.mark.django_db


def test_a_recruiter_is_active_staff_with_the_recruiter_role_or_a_superuser(recruiter):
    outside_the_group = factories.UserFactory(role="recruiter", is_staff=True)
    superuser = User.objects.create_superuser("root@example.com", "pw-for-the-root-123")
    assert user_is_recruiter(recruiter)
    assert user_is_recruiter(outside_the_group)
    assert user_is_recruiter(superuser)
    assert list(User.objects.recruiters().order_by("pk")) == [recruiter, outside_the_group, superuser]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"role": "recruiter", "is_staff": False},
        {"role": "recruiter", "is_staff": True, "is_active": False},
        {"role": "employer", "is_staff": True},
        {"role": "candidate", "is_staff": True},
    ],
)
def test_the_role_without_staff_or_staff_without_the_role_is_not_a_recruiter(kwargs):
    user = factories.UserFactory(**kwargs)
    assert not user_is_recruiter(user)
    assert not user.is_recruiter
    assert user not in User.objects.recruiters()


def test_anonymous_is_not_a_recruiter():
    assert not user_is_recruiter(AnonymousUser())
    assert not user_is_recruiter(None)
    assert not may_see_every_candidate(AnonymousUser())


def test_what_a_recruiter_may_do_is_their_permissions(client, recruiter):
    """A recruiter outside the Recruiters group enters the workspace, but without the group's
    permissions cannot publish or see candidates' CVs: the difference has one name, recruiter_may."""
    outside_the_group = factories.UserFactory(role="recruiter", is_staff=True)
    assert recruiter_may(recruiter, "vacancies.change_vacancy")
    assert may_see_every_candidate(recruiter)
    assert not recruiter_may(outside_the_group, "vacancies.change_vacancy")
    assert not may_see_every_candidate(outside_the_group)

    vacancy = factories.PendingVacancyFactory()
    with pytest.raises(services.WorkflowError, match="Only recruiters can publish"):
        services.vacancy_publish(vacancy=vacancy, by=outside_the_group)
    services.vacancy_publish(vacancy=vacancy, by=recruiter)

    client.force_login(outside_the_group)
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_employer_with_a_change_permission_is_still_not_a_recruiter():
    employer = factories.UserFactory(role="employer", is_staff=True, is_superuser=False)
    assert not recruiter_may(employer, "vacancies.change_vacancy")


def test_verified_email_means_the_primary_address_is_verified():
    user = factories.UserFactory(role="candidate", verified=False)
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    EmailAddress.objects.create(user=user, email="other@example.com", primary=False, verified=True)
    assert not user.has_verified_email()
    assert user not in User.objects.with_verified_email()
    factories.CandidateProfileFactory(user=user)
    assert not CandidateProfile.objects.verified().filter(user=user).exists()

    EmailAddress.objects.filter(user=user, primary=True).update(verified=True)
    assert user.has_verified_email()
    assert list(User.objects.with_verified_email().filter(pk=user.pk)) == [user]
    assert CandidateProfile.objects.verified().filter(user=user).exists()
