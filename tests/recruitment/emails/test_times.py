"""Every time an email gives is in its recipient's zone, named, whoever caused the email and wherever it is
rendered (a request in the sender's zone, the worker in the site's)."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from accounts.time_zones import zone_named
from recruitment.emails.applications import APPLICATION_CONFIRMED, APPLICATION_RECEIVED
from recruitment.models import Notification
from recruitment.outbox.render import build_message
from tests import factories
from vacancies import services
from vacancies.models import Application

pytestmark = pytest.mark.django_db

APPLIED = datetime(2026, 12, 8, 3, 2, tzinfo=UTC)


def people_in_three_zones(candidate, employer, recruiter):
    for user, zone in ((candidate, "Australia/Sydney"), (employer, "Europe/Amsterdam"), (recruiter, "")):
        user.time_zone = zone
        user.save(update_fields=["time_zone"])


def test_application_received_and_confirmed_in_each_recipients_zone(candidate, employer, recruiter):
    people_in_three_zones(candidate, employer, recruiter)
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company)
    application = services.application_submit(candidate=candidate, vacancy=vacancy)
    Application.objects.filter(pk=application.pk).update(created_at=APPLIED)
    messages = {}
    with timezone.override(zone_named("Australia/Sydney")):  # rendered where the candidate applied
        for row in Notification.objects.filter(kind__in=[APPLICATION_RECEIVED, APPLICATION_CONFIRMED]):
            message = build_message(row)
            messages[row.recipient] = (message.body, message.alternatives[0][0])
    assert set(messages) == {candidate, employer, recruiter}
    expected = {
        employer: "Tuesday 8 December 2026, 04:02 CET (Amsterdam)",
        recruiter: "Tuesday 8 December 2026, 03:02 GMT (London)",  # no zone chosen: the site's, named
        candidate: "Tuesday 8 December 2026, 14:02 AEDT (Sydney)",
    }
    for person, shown in expected.items():
        text, html = messages[person]
        assert f"on {shown}." in text, text
        assert f"on {shown}." in html
    assert timezone.get_current_timezone_name() == "Europe/London"  # the recipient's zone is not left behind


def test_an_email_without_an_account_is_in_the_sites_zone(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company)
    application = services.application_submit(candidate=candidate, vacancy=vacancy)
    Application.objects.filter(pk=application.pk).update(created_at=datetime(2027, 7, 1, 8, tzinfo=UTC))
    row = Notification.objects.get(kind=APPLICATION_RECEIVED, recipient=employer)
    Notification.objects.filter(pk=row.pk).update(recipient=None)
    row.refresh_from_db()
    assert "Thursday 1 July 2027, 09:00 BST (London)" in build_message(row).body
