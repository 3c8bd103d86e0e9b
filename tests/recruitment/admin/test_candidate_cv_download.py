"""/candidates/<pk>/cv/: recruiters download a candidate's profile CV from the recruiter workspace.
Everyone else gets 404 for any id (the owner has their own /me/profile/cv/download/)."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def url(profile) -> str:
    return reverse("candidate_cv", kwargs={"pk": profile.pk})


def test_recruiters_download_a_profile_cv_as_a_private_attachment(client, recruiter, candidate, caplog):
    profile = candidate.candidate_profile
    client.force_login(recruiter)
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(url(profile), REMOTE_ADDR="203.0.113.9")
        content = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert content == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert [r.getMessage() for r in caplog.records if r.name == "security"] == [
        f"cv download kind=profile id={profile.pk} owner={candidate.pk} user={recruiter.pk} ip=203.0.113.9"
    ]


def test_superusers_download_it_too(client, candidate):
    admin = factories.UserFactory(role="recruiter", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(url(candidate.candidate_profile)).status_code == 200


def test_anonymous_visitors_are_asked_to_log_in(client, candidate):
    response = client.get(url(candidate.candidate_profile))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["owner", "other_candidate", "employer", "staff_outside_the_group"])
def test_everyone_else_gets_404(client, candidate, other_candidate, employer, who):
    users = {
        "owner": candidate,
        "other_candidate": other_candidate,
        "employer": employer,
        "staff_outside_the_group": factories.UserFactory(role="recruiter", is_staff=True),
    }
    client.force_login(users[who])
    assert client.get(url(candidate.candidate_profile)).status_code == 404
    assert client.get(url(other_candidate.candidate_profile)).status_code == 404


def test_a_deactivated_recruiter_is_logged_out(client, recruiter, candidate):
    client.force_login(recruiter)
    recruiter.is_active = False
    recruiter.save(update_fields=["is_active"])
    response = client.get(url(candidate.candidate_profile))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_profile_without_cv_or_an_unknown_id_is_404(client, recruiter):
    profile = factories.CandidateProfileFactory()
    client.force_login(recruiter)
    assert client.get(url(profile)).status_code == 404
    assert client.get(reverse("candidate_cv", kwargs={"pk": 999_999})).status_code == 404


def test_the_recruiter_workspace_links_to_it(client, recruiter, candidate):
    assert Group.objects.get(name="Recruiters") in recruiter.groups.all()
    client.force_login(recruiter)
    profile = candidate.candidate_profile
    page = client.get(reverse("admin:accounts_candidateprofile_change", args=[profile.pk])).content.decode()
    assert f'href="{url(profile)}"' in page
