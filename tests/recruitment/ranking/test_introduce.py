"""The ranked-candidates page's bulk "Introduce to the client": the confirm step, consent asked of each
candidate (nothing to the client yet), refusals reported, the "Introduced" state shown and filtered."""

import pytest
from django.urls import reverse

from recruitment.emails.introductions import INTRODUCTION_CONSENT
from recruitment.models import Notification
from recruitment.models.introductions import Introduction
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy():
    return factories.PublishedVacancyFactory(title="Chief Product Officer Bulk 8842")


def ranked(vacancy, last_name, score=80, **fields):
    user = factories.UserFactory(role="candidate", last_name=last_name)
    profile = factories.CompleteCandidateProfileFactory(user=user, **fields)
    return factories.MatchFactory(candidate=profile, vacancy=vacancy, score=score)


def introduce_url(vacancy):
    return reverse("admin:vacancies_vacancy_ranked_action", args=[vacancy.pk, "introduce"])


def test_the_page_offers_the_introduce_action(client, recruiter, vacancy):
    ranked(vacancy, "Ames")
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_vacancy_ranked", args=[vacancy.pk])).content.decode()
    assert "Introduce to the client" in html


def test_bulk_introduce_asks_each_candidate_and_skips_who_cannot_be(client, recruiter, vacancy, employer):
    ok = ranked(vacancy, "Ames")
    other = ranked(vacancy, "Bishop")
    applied = ranked(vacancy, "Cole")
    factories.ApplicationFactory(candidate=applied.candidate.user, vacancy=vacancy)
    Notification.objects.all().delete()
    client.force_login(recruiter)
    ids = [ok.candidate_id, other.candidate_id, applied.candidate_id]
    confirm = client.get(introduce_url(vacancy), {"candidate": ids})
    assert confirm.status_code == 200
    assert "already applied" in confirm.content.decode()
    assert not Introduction.objects.exists()
    response = client.post(
        introduce_url(vacancy),
        {"candidate": ids, "pitch": "Two marketplaces scaled.", "presentation": "anonymised", "ask_now": "on"},
    )
    assert response.status_code == 302
    introductions = Introduction.objects.filter(vacancy=vacancy)
    assert {i.candidate_id for i in introductions} == {ok.candidate_id, other.candidate_id}
    assert {i.status for i in introductions} == {Introduction.Status.AWAITING_CANDIDATE}
    assert {i.presentation for i in introductions} == {"anonymised"}
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {INTRODUCTION_CONSENT}  # the candidates only: nothing to the client yet
    html = client.get(reverse("admin:vacancies_vacancy_ranked", args=[vacancy.pk]), {"state": "introduced"})
    assert sorted(row["match"].candidate.user.last_name for row in html.context["rows"]) == ["Ames", "Bishop"]
    assert "Introduced · Awaiting the candidate" in html.content.decode()


def test_bulk_introduce_needs_a_pitch_and_the_permission(client, recruiter, vacancy):
    ok = ranked(vacancy, "Ames")
    client.force_login(recruiter)
    response = client.post(introduce_url(vacancy), {"candidate": [ok.candidate_id], "presentation": "full"})
    assert response.status_code == 400
    assert not Introduction.objects.exists()
    staff = factories.UserFactory(role="recruiter", is_staff=True)
    client.force_login(staff)
    denied = client.post(introduce_url(vacancy), {"candidate": [ok.candidate_id], "pitch": "x", "presentation": "full"})
    assert denied.status_code == 403
    assert not Introduction.objects.exists()
