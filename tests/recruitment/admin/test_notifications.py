"""The notification outbox in the admin: status, attempts and errors at a glance, read-only rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.emails.alerts import MATCH_ALERT
from recruitment.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:recruitment_notification_changelist"
Status = Notification.Status


def test_list_shows_status_attempts_and_last_error(client, recruiter):
    failed = factories.NotificationFactory(
        status=Status.FAILED, attempts=8, last_error="SMTPServerDisconnected: <Connection unexpectedly closed>"
    )
    sent = factories.NotificationFactory(status=Status.SENT, attempts=1)
    client.force_login(recruiter)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SMTPServerDisconnected: &lt;Connection unexpectedly closed&gt;" in html
    assert '<span class="agency-status bad">Failed</span>' in html
    assert '<span class="agency-status ok">Sent</span>' in html
    assert set(response.context["cl"].result_list) == {failed, sent}
    assert set(client.get(reverse(CHANGELIST), {"status__exact": "failed"}).context["cl"].result_list) == {failed}
    kind = {"kind__exact": MATCH_ALERT}
    assert list(client.get(reverse(CHANGELIST), kind).context["cl"].result_list) == []
    assert set(client.get(reverse(CHANGELIST), {"q": failed.to_email}).context["cl"].result_list) == {failed}


def test_a_notification_page_is_read_only(client, recruiter):
    notification = factories.NotificationFactory(status=Status.FAILED, last_error="timeout")
    client.force_login(recruiter)
    url = reverse("admin:recruitment_notification_change", args=[notification.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"status": "sent"}).status_code == 403
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert client.get(reverse("admin:recruitment_notification_add")).status_code == 403


def test_changelist_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    factories.NotificationFactory(status=Status.FAILED, last_error="boom")
    client.get(reverse(CHANGELIST))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(CHANGELIST)).status_code == 200
    few = len(ctx.captured_queries)
    for status in [Status.SENT, Status.PENDING, Status.FAILED, Status.HELD]:
        factories.NotificationFactory(status=status, vacancy=factories.PublishedVacancyFactory())
        factories.NotificationFactory(status=status, application=factories.ApplicationFactory())
    with django_assert_num_queries(few):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 9


def test_match_list_is_read_only_and_constant_in_queries(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    factories.MatchFactory(score=55)
    url = reverse("admin:recruitment_match_changelist")
    client.get(url)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    few = len(ctx.captured_queries)
    for score in [10, 40, 70, 95]:
        factories.MatchFactory(score=score)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert [m.score for m in response.context["cl"].result_list] == [95, 70, 55, 40, 10]
    assert client.get(reverse("admin:recruitment_match_add")).status_code == 403
