"""The duplicate window: the SMTP server accepted a message and the worker died before the row was marked
sent. The sending thread notes the 250 in the shared cache at once, so the row, when the sweeper brings it
back, is recorded as sent instead of going out a second time."""

import pytest
from django.core import mail
from django.core.cache import cache

from recruitment.models import Notification
from recruitment.outbox import delivery
from recruitment.outbox.delivery import notifications_deliver
from recruitment.outbox.sent_marks import sent_mark, sent_marked, sent_marks_retry_now
from recruitment.outbox.sweeper import outbox_sweep
from tests.recruitment.outbox.test_delivery import ago, row
from tests.support.mail_backends import ScriptedBackend

pytestmark = pytest.mark.django_db

Status = Notification.Status


class Killed(BaseException):
    """What the process sees of a kill -9: nothing after this point runs."""


def test_a_row_accepted_by_the_server_before_a_crash_is_not_sent_again(monkeypatch, settings):
    settings.OUTBOX_STALE_AFTER_SECONDS = 300
    notification = row()

    def die(**kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(delivery, "notification_mark_sent", die)
        with pytest.raises(Killed):
            notifications_deliver(ids=[notification.pk])
    assert len(mail.outbox) == 1  # the server has it
    notification.refresh_from_db()
    assert notification.status == Status.SENDING  # the row does not know

    Notification.objects.filter(pk=notification.pk).update(claimed_at=ago(400))
    assert outbox_sweep().notification_ids == [notification.pk]
    report = notifications_deliver(ids=[notification.pk])

    assert report.sent == [notification.pk]
    assert len(mail.outbox) == 1  # not a second time
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.sent_at is not None


def test_only_accepted_messages_are_marked(settings):
    sent, refused = row(), row()
    settings.EMAIL_BACKEND = "tests.support.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    ScriptedBackend.failures[refused.to_email] = ConnectionResetError("reset")
    try:
        notifications_deliver(ids=[sent.pk, refused.pk])
    finally:
        ScriptedBackend.reset()
    assert sent_marked([sent.pk, refused.pk]) == {sent.pk}


def test_delivery_goes_on_without_marks_when_the_cache_is_away(monkeypatch):
    notification = row()

    def away(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "get_many", away)
    monkeypatch.setattr(cache, "set", away)
    try:
        assert notifications_deliver(ids=[notification.pk]).sent == [notification.pk]
        assert sent_marked([notification.pk]) == set()
        sent_mark(notification.pk)  # quietly skipped
    finally:
        sent_marks_retry_now()
    notification.refresh_from_db()
    assert notification.status == Status.SENT
