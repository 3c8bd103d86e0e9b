"""Alert settings a candidate can see (opt-in role families, honoured by alerts and digests) and alert
fatigue: at most MATCH_ALERTS_PER_VACANCY alerts per vacancy (the best by score), at most
MATCH_INSTANT_ALERTS_PER_WEEK instant alerts per candidate in 7 days (the rest wait for the digest)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.emails.alerts import MATCH_ALERT, digests_build
from recruitment.matching.alerting import candidate_match_and_alert, vacancy_match_and_alert
from recruitment.models import Notification
from tests import factories
from tests.support.alerts import hop_candidate, hop_vacancy

pytestmark = pytest.mark.django_db

Status = Notification.Status
Freq = CandidateProfile.AlertFrequency


def alerts(**filters):
    return Notification.objects.filter(kind=MATCH_ALERT, **filters)


def published(**fields):
    return hop_vacancy(factory=factories.PublishedVacancyFactory, **fields)


def test_vp_openings_alert_only_candidates_who_opted_in():
    opted = hop_candidate(families=("vp-product",))
    opted.extra_alert_role_families.set([factories.role_family("vp-product")])
    hop_candidate(families=("vp-product",))
    vacancy_match_and_alert(vacancy=published(family="vp-product", title="VP Product"))
    assert [a.recipient_id for a in alerts()] == [opted.user_id]


def test_opt_ins_work_from_the_candidate_side_too():
    vacancy = published(family="director-of-product", title="Director of Product")
    person = hop_candidate(families=("director-of-product",))
    assert candidate_match_and_alert(profile=person) == []
    person.extra_alert_role_families.set([factories.role_family("director-of-product")])
    assert len(candidate_match_and_alert(profile=person)) == 1
    assert alerts(vacancy=vacancy, recipient=person.user).exists()


def test_digest_drops_held_alerts_for_roles_no_longer_opted_in():
    person = hop_candidate(families=("vp-product",), alert_frequency=Freq.DAILY)
    person.extra_alert_role_families.set([factories.role_family("vp-product")])
    vacancy_match_and_alert(vacancy=published(family="vp-product", title="VP Product"))
    vacancy_match_and_alert(vacancy=published())  # Head of Product: the agency's own
    assert alerts(recipient=person.user, status=Status.HELD).count() == 2
    person.extra_alert_role_families.clear()
    (digest_id,) = digests_build(frequency=Freq.DAILY)
    assert alerts(recipient=person.user, status=Status.CANCELLED).get().vacancy.role_family.slug == "vp-product"
    assert alerts(digest_id=digest_id).get().vacancy.role_family.slug == "head-of-product"


def test_a_vacancy_alerts_its_best_candidates_up_to_the_cap(settings):
    settings.MATCH_ALERTS_PER_VACANCY = 2
    best = hop_candidate(years_experience=12)
    second = hop_candidate(industries=("gaming",))
    third = hop_candidate(industries=("gaming",), salary_floor=130_000)
    vacancy = published()
    vacancy_match_and_alert(vacancy=vacancy)
    assert {a.recipient_id for a in alerts(vacancy=vacancy)} == {best.user_id, second.user_id}
    # Later matches (a profile edit) respect the cap too.
    assert candidate_match_and_alert(profile=third) == []
    assert alerts(vacancy=vacancy).count() == 2


def test_instant_alerts_past_the_weekly_cap_are_held_for_the_digest(settings):
    settings.MATCH_INSTANT_ALERTS_PER_WEEK = 2
    person = hop_candidate()
    for i in range(3):
        published(title=f"Head of Product {i}")
    pending = candidate_match_and_alert(profile=person)
    assert len(pending) == 2
    assert alerts(recipient=person.user, status=Status.PENDING).count() == 2
    held = alerts(recipient=person.user, status=Status.HELD).get()
    # The daily digest carries it (instant candidates' held alerts go in the daily run).
    (digest_id,) = digests_build(frequency=Freq.DAILY)
    held.refresh_from_db()
    assert (held.status, held.digest_id) == (Status.DIGESTED, digest_id)


def test_the_weekly_cap_counts_only_the_last_seven_days(settings):
    settings.MATCH_INSTANT_ALERTS_PER_WEEK = 1
    person = hop_candidate()
    old = factories.NotificationFactory(
        kind=MATCH_ALERT, recipient=person.user, status=Status.SENT, dedupe_key="old-alert"
    )
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    published()
    assert len(candidate_match_and_alert(profile=person)) == 1
