"""Match alerts: who gets one when a vacancy is published or a profile changes, and who does not;
daily and weekly candidates get one digest instead."""

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import CandidateProfile
from accounts.signals import candidate_profile_changed
from recruitment import tasks
from recruitment.emails.alerts import MATCH_ALERT, MATCH_DIGEST, alerts_for_matches, digests_build
from recruitment.models import Match, Notification
from tests import factories
from tests.support.alerts import LEADERSHIP, hop_candidate, hop_vacancy, weak_candidate
from vacancies.models import Vacancy
from vacancies.services import vacancy_close

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]

Status = Notification.Status


def alerts(**filters):
    return Notification.objects.filter(kind=MATCH_ALERT, **filters)


def alert_emails():
    return [m for m in mail.outbox if m.subject.startswith("New match:")]


def test_publishing_alerts_each_matching_candidate_once(publish):
    first, second = hop_candidate(), hop_candidate()
    vacancy = publish(hop_vacancy())

    sent = alert_emails()
    assert sorted(m.to[0] for m in sent) == sorted([first.user.email, second.user.email])
    assert alerts(status=Status.SENT).count() == 2
    row = alerts().get(recipient=first.user)
    assert row.vacancy == vacancy
    assert row.dedupe_key == f"match_alert:{first.pk}:{vacancy.pk}"
    assert row.sent_at is not None
    assert row.context["score"] >= 70


def make_below_threshold():
    return weak_candidate()


def make_alerts_off():
    return hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.OFF)


def make_unverified():
    return hop_candidate(verified=False)


def make_no_consent():
    return hop_candidate(consent_given_at=None)


def make_not_open():
    return hop_candidate(open_to_opportunities=False)


@pytest.mark.parametrize(
    "make",
    [make_below_threshold, make_alerts_off, make_unverified, make_no_consent, make_not_open],
    ids=["below-threshold", "alerts-off", "unverified", "no-consent", "not-open-to-opportunities"],
)
def test_candidates_who_must_not_be_alerted(publish, make):
    silent = make()
    control = hop_candidate()
    publish(hop_vacancy())

    assert [m.to[0] for m in alert_emails()] == [control.user.email]
    assert not alerts(recipient=silent.user).exists()


def test_below_threshold_candidate_is_still_matched_but_not_alerted(publish, settings):
    weak = weak_candidate()
    vacancy = publish(hop_vacancy())
    match = Match.objects.get(candidate=weak, vacancy=vacancy)
    assert match.score < settings.MATCH_ALERT_THRESHOLD
    assert not alerts().exists()


def test_vacancy_outside_the_alerted_role_families_alerts_nobody(publish, settings):
    assert "vp-product" not in settings.MATCH_ALERT_ROLE_FAMILIES
    candidate = hop_candidate(families=("vp-product",))
    vacancy = publish(hop_vacancy(family="vp-product", title="VP Product"))

    assert Match.objects.filter(candidate=candidate, vacancy=vacancy, score__gte=70).exists()
    assert not alerts().exists()
    assert alert_emails() == []


def test_alerted_role_families_are_a_setting(publish, settings):
    settings.MATCH_ALERT_ROLE_FAMILIES = ["vp-product"]
    candidate = hop_candidate(families=("vp-product",))
    publish(hop_vacancy(family="vp-product", title="VP Product"))
    assert [m.to[0] for m in alert_emails()] == [candidate.user.email]


def test_threshold_is_a_setting(publish, settings):
    settings.MATCH_ALERT_THRESHOLD = 40
    # Below 70 on several soft criteria, but missing no must-have (a missed must-have caps below any threshold).
    middling = hop_candidate(
        years_experience=7, skill_slugs=tuple(LEADERSHIP[:2]), industries=("gaming",), salary_floor=130_000
    )
    weak_candidate()
    publish(hop_vacancy())
    assert [m.to[0] for m in alert_emails()] == [middling.user.email]


def test_already_alerted_candidate_is_not_alerted_again(publish, django_capture_on_commit_callbacks):
    candidate = hop_candidate()
    vacancy = publish(hop_vacancy())
    assert len(alert_emails()) == 1

    # The vacancy is matched again and the candidate edits their profile: still one alert.
    tasks.vacancy_match_and_alert_task(vacancy.pk)
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_changed.send(sender=CandidateProfile, profile=candidate)
    assert len(alert_emails()) == 1
    assert alerts(recipient=candidate.user).count() == 1


def test_candidate_who_applied_already_is_not_alerted():
    candidate = hop_candidate()
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    factories.ApplicationFactory(candidate=candidate.user, vacancy=vacancy)
    match = factories.MatchFactory(candidate=candidate, vacancy=vacancy, score=95)
    assert alerts_for_matches([match]) == []
    assert not alerts().exists()


def test_unsubscribed_candidate_gets_no_alert(publish, client):
    from recruitment.signed_links import unsubscribe_path

    candidate = hop_candidate()
    control = hop_candidate()
    assert client.post(unsubscribe_path(candidate.user)).status_code == 200
    publish(hop_vacancy())
    assert [m.to[0] for m in alert_emails()] == [control.user.email]


def test_profile_change_alerts_against_published_vacancies(django_capture_on_commit_callbacks):
    open_vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    hop_vacancy(factory=factories.PendingVacancyFactory, title="Head of Product, not yet published")
    profile = weak_candidate()
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_changed.send(sender=CandidateProfile, profile=profile)
    assert alert_emails() == []

    # The candidate fills in their skills, industry and experience: now it is a match.
    profile.years_experience = 12
    profile.save()
    profile.skills.set(factories.skills("product-strategy", "pl-ownership", "people-management"))
    profile.skills.add(*factories.skills("stakeholder-management"))
    profile.industries.set([factories.industry("b2b-saas")])
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_changed.send(sender=CandidateProfile, profile=profile)
    sent = alert_emails()
    assert [m.to[0] for m in sent] == [profile.user.email]
    assert open_vacancy.title in sent[0].subject


def test_profile_change_is_matched_only_after_commit(django_capture_on_commit_callbacks):
    hop_vacancy(factory=factories.PublishedVacancyFactory)
    profile = hop_candidate()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        candidate_profile_changed.send(sender=CandidateProfile, profile=profile)
    assert len(callbacks) == 1
    assert not alerts().exists()


def test_alerts_are_cancelled_if_the_candidate_turns_alerts_off_before_sending():
    candidate = hop_candidate()
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    match = factories.MatchFactory(candidate=candidate, vacancy=vacancy, score=90)
    ids = alerts_for_matches([match])
    candidate.alert_frequency = CandidateProfile.AlertFrequency.OFF
    candidate.save()

    tasks.notifications_deliver_task(ids)
    assert mail.outbox == []
    assert alerts().get().status == Status.CANCELLED


def test_alerts_for_a_vacancy_closed_before_sending_are_cancelled(recruiter):
    candidate = hop_candidate()
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    ids = alerts_for_matches([factories.MatchFactory(candidate=candidate, vacancy=vacancy, score=90)])
    vacancy_close(vacancy=vacancy, by=recruiter, reason=Vacancy.CloseReason.FILLED)

    tasks.notifications_deliver_task(ids)
    assert alert_emails() == []
    assert alerts().get().last_error == "The vacancy is no longer open."


# --- Digests ---------------------------------------------------------------------------------------


def test_daily_candidates_alerts_are_held_then_sent_as_one_digest(publish, committed):
    daily = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    first = publish(hop_vacancy(title="Head of Product, Payments"))
    second = publish(hop_vacancy(title="Head of Product, Growth"))
    assert alert_emails() == []
    assert alerts(recipient=daily.user, status=Status.HELD).count() == 2

    committed(tasks.digests_build_task, "daily")

    (digest_email,) = [m for m in mail.outbox if m.to == [daily.user.email]]
    assert digest_email.subject == "Your daily digest: 2 new product leadership matches"
    text = digest_email.body
    assert first.title in text
    assert second.title in text
    assert "http://testserver" + first.get_absolute_url() in text
    assert "Why it matches" in text
    assert "Targets Head of Product roles." in text
    html = digest_email.alternatives[0].content
    assert first.title in html
    assert "Targets Head of Product roles." in html
    digest = Notification.objects.get(kind=MATCH_DIGEST, recipient=daily.user)
    assert digest.status == Status.SENT
    assert set(digest.items.values_list("vacancy_id", flat=True)) == {first.pk, second.pk}
    assert set(alerts(recipient=daily.user).values_list("status", flat=True)) == {Status.DIGESTED}
    daily.refresh_from_db()
    assert daily.last_digest_sent_at is not None


def test_a_second_digest_run_the_same_day_sends_nothing_more(publish, committed):
    daily = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    publish(hop_vacancy())
    committed(tasks.digests_build_task, "daily")
    publish(hop_vacancy(title="Head of Product, Data"))
    committed(tasks.digests_build_task, "daily")

    assert len(mail.outbox) == 1
    assert alerts(recipient=daily.user, status=Status.HELD).count() == 1  # waits for tomorrow's digest


def test_daily_and_weekly_digests_go_to_their_own_candidates(publish, committed):
    daily = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    weekly = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.WEEKLY)
    publish(hop_vacancy())

    committed(tasks.digests_build_task, "daily")
    assert [m.to for m in mail.outbox] == [[daily.user.email]]
    committed(tasks.digests_build_task, "weekly")
    assert [m.to for m in mail.outbox] == [[daily.user.email], [weekly.user.email]]
    assert mail.outbox[1].subject == "Your weekly digest: 1 new product leadership match"


def test_digest_leaves_out_vacancies_that_closed_meanwhile(publish, recruiter, committed):
    daily = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    closed = publish(hop_vacancy(title="Head of Product, Closed"))
    still_open = publish(hop_vacancy(title="Head of Product, Open"))
    vacancy_close(vacancy=closed, by=recruiter, reason=Vacancy.CloseReason.WITHDRAWN)

    committed(tasks.digests_build_task, "daily")
    (digest_email,) = mail.outbox
    assert still_open.title in digest_email.body
    assert closed.title not in digest_email.body
    assert alerts(recipient=daily.user, vacancy=closed).get().status == Status.CANCELLED


def test_no_digest_without_held_alerts_or_for_candidates_who_turned_alerts_off(publish):
    quiet = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    publish(hop_vacancy())
    CandidateProfile.objects.filter(pk=quiet.pk).update(alert_frequency=CandidateProfile.AlertFrequency.OFF)

    assert digests_build(frequency="daily") == []
    assert digests_build(frequency="weekly") == []
    assert mail.outbox == []


def test_digest_frequency_must_be_daily_or_weekly():
    with pytest.raises(ValueError, match="Unknown digest frequency"):
        digests_build(frequency="hourly", now=timezone.now())
