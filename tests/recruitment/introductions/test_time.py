"""Introductions over time: the time spent in each status, one reminder after INTRODUCTION_REMIND_AFTER_DAYS,
expiry after INTRODUCTION_EXPIRES_DAYS (the recruiter hears it), and signed links that die with their question."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.utils import timezone

from recruitment import tasks
from recruitment.emails.introductions import INTRODUCTION_CONSENT, RECRUITER_UPDATE
from recruitment.models import Notification
from recruitment.models.introductions import Introduction, IntroductionEvent
from recruitment.outbox.render import build_message
from recruitment.selectors.introductions import status_spans
from recruitment.services.introductions import (
    introduction_candidate_answer,
    introduction_client_answer,
    introductions_sweep,
)
from recruitment.signed_links import CONSENT_SALT as SALT
from recruitment.signed_links import consent_token as make_token
from recruitment.signed_links import read_consent_token as read_token
from tests.support.introductions import PITCH, consent_links_in, link

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def consent_rows() -> list[Notification]:
    return list(Notification.objects.filter(kind=INTRODUCTION_CONSENT).order_by("pk"))


def test_the_candidate_is_reminded_exactly_once(setting, settings):
    settings.INTRODUCTION_REMIND_AFTER_DAYS = 7
    introduction = setting.propose()
    asked = introduction.asked_at
    assert introductions_sweep(now=asked + timedelta(days=7) - timedelta(minutes=1)) == []
    ids = introductions_sweep(now=asked + timedelta(days=7, minutes=1))
    [_asked, reminder] = consent_rows()
    assert ids == [reminder.pk]
    assert reminder.dedupe_key == f"introduction_reminder:{introduction.pk}:1"
    assert reminder.context["reminder"] is True
    message = build_message(reminder)
    assert message.subject.startswith("Reminder: May we introduce you")
    assert (introduction.pk, 1) in consent_links_in(message.body)
    assert introductions_sweep(now=asked + timedelta(days=8)) == []
    assert introductions_sweep(now=asked + timedelta(days=13)) == []
    assert len(consent_rows()) == 2
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE


def test_an_unanswered_question_expires_and_the_recruiter_hears_it(setting, settings):
    settings.INTRODUCTION_EXPIRES_DAYS = 14
    introduction = setting.propose()
    asked = introduction.asked_at
    introductions_sweep(now=asked + timedelta(days=8))  # the reminder
    assert introductions_sweep(now=asked + timedelta(days=14) - timedelta(minutes=1)) == []
    ids = introductions_sweep(now=asked + timedelta(days=14, minutes=1))
    introduction.refresh_from_db()
    assert introduction.status == Status.EXPIRED
    last = introduction.events.last()
    assert (last.from_status, last.to_status, last.by) == (Status.AWAITING_CANDIDATE, Status.EXPIRED, None)
    [update] = Notification.objects.filter(kind=RECRUITER_UPDATE)
    assert ids == [update.pk]
    assert (update.recipient, update.context["event"]) == (setting.recruiter, "expired")
    assert introductions_sweep(now=asked + timedelta(days=30)) == []


def test_an_expired_question_is_not_reminded_and_its_link_answers_nothing(client, setting):
    introduction = setting.propose()
    ids = introductions_sweep(now=introduction.asked_at + timedelta(days=20))
    assert len(ids) == 1  # the recruiter's update, no reminder
    assert len(consent_rows()) == 1
    before = Notification.objects.count()
    page = client.get(link(introduction))
    assert page.status_code == 200
    assert "This question is closed" in page.content.decode()
    client.post(link(introduction), {"answer": "accept"})
    introduction.refresh_from_db()
    assert introduction.status == Status.EXPIRED
    assert Notification.objects.count() == before


def test_a_request_to_reveal_is_reminded_and_expires_too(setting):
    introduction = setting.with_client()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="reveal")
    introduction.refresh_from_db()
    asked = introduction.asked_at
    introductions_sweep(now=asked + timedelta(days=8))
    assert Notification.objects.filter(dedupe_key=f"introduction_reminder:{introduction.pk}:2").exists()
    introductions_sweep(now=asked + timedelta(days=15))
    introduction.refresh_from_db()
    assert introduction.status == Status.EXPIRED


def test_the_beat_task_sweeps(setting, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    introduction = setting.propose()
    Introduction.objects.filter(pk=introduction.pk).update(asked_at=timezone.now() - timedelta(days=15))
    assert tasks.introductions_sweep_task.delay().get() == 1
    introduction.refresh_from_db()
    assert introduction.status == Status.EXPIRED


# --- Time in each status ---------------------------------------------------------------------------


def test_status_spans_give_the_time_spent_in_each_status(setting):
    introduction = setting.propose()
    now = timezone.now()
    proposed, awaiting = introduction.events.order_by("pk")
    IntroductionEvent.objects.filter(pk=proposed.pk).update(at=now - timedelta(days=3, hours=2))
    IntroductionEvent.objects.filter(pk=awaiting.pk).update(at=now - timedelta(hours=5))
    introduction_candidate_answer(introduction=introduction, consent_round=1, accept=True)
    spans = status_spans(introduction)
    assert [span.label for span in spans] == ["Proposed", "Awaiting the candidate", "With the client"]
    assert spans[0].duration == timedelta(days=2, hours=21)
    assert spans[0].duration_display == "2 d 21 h"
    assert timedelta(hours=5) <= spans[1].duration < timedelta(hours=5, minutes=1)
    assert spans[1].duration_display == "5 h 0 min"
    assert spans[2].duration < timedelta(minutes=1)
    assert spans[2].duration_display == "under a minute"
    assert (spans[0].by, spans[2].by) == (setting.recruiter.get_full_name(), setting.candidate.get_full_name())


# --- The signed link ----------------------------------------------------------------------------------


def token_made(monkeypatch, *, days_ago: float, introduction: Introduction, consent_round: int = 1) -> str:
    """A genuine token signed `days_ago` (signing reads the clock through its `time` module)."""
    then = timezone.now().timestamp() - days_ago * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing, "time", SimpleNamespace(time=lambda: then))
        return make_token(introduction_id=introduction.pk, consent_round=consent_round)


def test_a_link_works_until_a_day_after_the_question_expires(client, setting, settings, monkeypatch):
    settings.INTRODUCTION_EXPIRES_DAYS = 14
    introduction = setting.propose()
    fresh = token_made(monkeypatch, days_ago=14.5, introduction=introduction)
    assert read_token(fresh) == (introduction.pk, 1)
    assert PITCH in client.get(f"/introductions/{fresh}/").content.decode()
    stale = token_made(monkeypatch, days_ago=15.1, introduction=introduction)
    assert read_token(stale) is None
    assert client.get(f"/introductions/{stale}/").status_code == 404
    assert client.post(f"/introductions/{stale}/", {"answer": "accept"}).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE
    assert Notification.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    [
        lambda pk: make_token(introduction_id=pk, consent_round=1)[:-2] + "xx",
        lambda pk: signing.dumps([pk, 1], salt="another.salt"),
        lambda pk: signing.dumps(["1", 1], salt=SALT),
        lambda pk: signing.dumps([pk, True], salt=SALT),
        lambda pk: signing.dumps({"id": pk}, salt=SALT),
        lambda pk: signing.dumps([pk, 1, 1], salt=SALT),
        lambda pk: make_token(introduction_id=pk + 1000, consent_round=1),
        lambda pk: "not-a-token",
    ],
    ids=["forged", "other salt", "string id", "boolean round", "dict", "three values", "missing introduction", "junk"],
)
def test_anything_but_a_genuine_token_is_404(client, setting, token):
    introduction = setting.propose()
    url = f"/introductions/{token(introduction.pk)}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "accept"}).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE
