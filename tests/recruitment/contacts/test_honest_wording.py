"""Honest wording (#23 item 6): a weak fit is never sold as a fit. Under the alert threshold an invitation or an
introduction says "How you compare", never "Why you fit", and the recruiter sending one is warned; a salary
compared across currencies shows both amounts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.money import converted, money_compared
from recruitment.matching.loading import score
from recruitment.models import Match, Notification
from recruitment.outbox.render import build_message
from recruitment.selectors.fit import is_strong_fit
from recruitment.services.contacts import invitation_send
from tests import factories
from tests.support.alerts import hop_candidate, hop_vacancy
from tests.support.introductions import link, make_setting

pytestmark = pytest.mark.django_db

MISSING = "0 of 3 required skills 7710"
BREAKDOWN = [{"label": "Skills", "status": "missed", "points": 0, "max_points": 30, "reason": MISSING}]


def test_money_compared_writes_both_amounts_across_currencies():
    assert money_compared(1_700_000, "NOK", "EUR") == "NOK 1,700,000, about EUR 146,000"
    assert money_compared(150_000, "EUR", "EUR") == "EUR 150,000"
    assert money_compared(5_000, "SEK", "EUR") == "SEK 5,000, about EUR 440"
    assert round(converted(100, "GBP", "EUR"), 2) == 117.0


def test_the_threshold_decides_the_words():
    threshold = settings.MATCH_ALERT_THRESHOLD
    assert is_strong_fit(threshold)
    assert not is_strong_fit(threshold - 1)
    assert not is_strong_fit(None)


def test_a_salary_reason_across_currencies_shows_both(db):
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory, salary_currency="EUR")
    profile = hop_candidate(salary_floor=1_200_000, salary_currency="NOK")
    result = score(profile, vacancy)
    (salary,) = [c for c in result.criteria if c.label == "Salary"]
    assert "NOK 1,200,000, about EUR 103,000" in salary.reason


@pytest.fixture
def weak(candidate):
    vacancy = factories.PublishedVacancyFactory(title="Head of Product Weak 7710", company__name="Orrery Health")
    match = factories.MatchFactory(
        candidate=candidate.candidate_profile, vacancy=vacancy, score=46, breakdown=BREAKDOWN
    )
    return candidate.candidate_profile, vacancy, match


def invitation_email(profile, vacancy, recruiter):
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter, message="Worth a conversation.")
    return build_message(Notification.objects.get(kind="invitation"))


def test_a_weak_invitation_says_how_you_compare(weak, recruiter):
    profile, vacancy, _ = weak
    message = invitation_email(profile, vacancy, recruiter)
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        assert "Why you fit" not in text
        assert "thinks you fit" not in text
    assert "How you compare (46% match)" in message.body
    assert "How you compare" in html
    assert MISSING in message.body


def test_a_strong_invitation_still_says_why_you_fit(weak, recruiter):
    profile, vacancy, match = weak
    match.score = settings.MATCH_ALERT_THRESHOLD
    match.save()
    message = invitation_email(profile, vacancy, recruiter)
    assert message.subject.endswith("thinks you fit Head of Product Weak 7710 at Orrery Health")
    assert f"Why you fit ({settings.MATCH_ALERT_THRESHOLD}% match)" in message.body


def test_the_dashboard_card_of_a_weak_invitation_is_not_a_green_fit(client, weak, recruiter):
    profile, vacancy, _ = weak
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter)
    client.force_login(profile.user)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    section = page[page.index('id="invited"') :]
    assert "How you compare" in section
    assert "thinks you fit" not in section
    assert "text-bg-light border" in section


def test_the_recruiter_is_warned_before_sending_a_weak_invitation(client, weak, recruiter):
    profile, vacancy, match = weak
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, vacancy.pk])
    assert 'id="weak-fit"' in client.get(url).content.decode()
    match.score = 90
    match.save()
    assert 'id="weak-fit"' not in client.get(url).content.decode()


def test_the_consent_page_and_email_of_a_weak_introduction_say_how_you_compare(client, recruiter):
    setting = make_setting(recruiter)
    Match.objects.filter(candidate=setting.profile, vacancy=setting.vacancy).update(score=50)
    introduction = setting.propose(presentation="full")
    message = build_message(Notification.objects.get(kind="introduction_consent"))
    assert "How you compare (50% match)" in message.body
    assert "Why you fit" not in message.body
    assert "Why you fit" not in message.alternatives[0][0]
    page = client.get(link(introduction)).content.decode()
    assert "How you compare (50/100)" in page
    assert "Why you fit" not in page


def test_the_recruiter_is_warned_before_introducing_a_weak_fit(client, recruiter):
    setting = make_setting(recruiter)
    Match.objects.filter(candidate=setting.profile, vacancy=setting.vacancy).update(score=50)
    client.force_login(recruiter)
    url = reverse("admin:recruitment_introduction_new", args=[setting.profile.pk, setting.vacancy.pk])
    assert 'id="weak-fit"' in client.get(url).content.decode()
