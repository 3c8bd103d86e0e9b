"""The "retry failed notifications" action calls the outbox's own retry service."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from recruitment.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:recruitment_notification_changelist"
Status = Notification.Status


def test_retry_failed_requeues_through_the_outbox_service(client, recruiter, django_capture_on_commit_callbacks):
    failed = factories.NotificationFactory(status=Status.FAILED, attempts=8, last_error="SMTP 451")
    sent = factories.NotificationFactory(status=Status.SENT, attempts=1)
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse(CHANGELIST),
            {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == Status.PENDING
    assert failed.attempts == 0
    assert failed.last_error == ""
    assert sent.status == Status.SENT
    assert len(callbacks) == 1  # the send task is enqueued once the retry commits
    messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert ("success", "Queued again 1 notification.") in messages
    assert ("warning", "1 selected notification(s) had not failed and were left alone.") in messages


def test_retry_needs_the_change_permission(client):
    viewer = factories.UserFactory(role="recruiter", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_notification"))
    failed = factories.NotificationFactory(status=Status.FAILED)
    client.force_login(viewer)
    response = client.post(reverse(CHANGELIST), {"action": "retry_failed", "_selected_action": [failed.pk]})
    assert response.status_code == 200  # the admin answers "no action selected" for an unknown action
    failed.refresh_from_db()
    assert failed.status == Status.FAILED
