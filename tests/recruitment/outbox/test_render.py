"""What the emails look like: both parts from templates, absolute links, the reasons for a match,
escaped user content, and the RFC 8058 headers on every alert and digest."""

import re

import pytest
from django.core import mail

from accounts.models import CandidateProfile
from recruitment import tasks
from recruitment.emails.alerts import alerts_for_matches, digests_build
from recruitment.emails.applications import STAGE_CHANGED
from recruitment.models import Notification
from recruitment.outbox.render import build_message, message_id
from recruitment.signed_links import read_unsubscribe_token, unsubscribe_url
from tests import factories
from tests.support.alerts import hop_candidate, hop_vacancy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]


BREAKDOWN = [
    {
        "criterion": "role_family",
        "label": "Role family",
        "status": "met",
        "points": 25,
        "max_points": 25,
        "reason": "Targets Head of Product roles.",
    },
    {
        "criterion": "skills",
        "label": "Skills",
        "status": "partial",
        "points": 19,
        "max_points": 25,
        "reason": "3 of 4 required skills: missing P&L ownership.",
    },
]


@pytest.fixture
def alert(client):
    profile = hop_candidate(user=factories.UserFactory(first_name="Ada"))
    company = factories.CompanyFactory(name="Acme <Labs> & Co")
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory, company=company, title="Head of Product")
    match = factories.MatchFactory(candidate=profile, vacancy=vacancy, score=88, breakdown=BREAKDOWN)
    (notification_id,) = alerts_for_matches([match])
    return Notification.objects.select_related("recipient", "vacancy__company").get(pk=notification_id)


def test_an_alert_has_text_and_html_parts_with_the_reasons_and_absolute_links(alert):
    message = build_message(alert)
    vacancy_url = "http://testserver" + alert.vacancy.get_absolute_url()

    assert message.subject == "New match: Head of Product at Acme <Labs> & Co (88% match)"
    assert message.to == [alert.recipient.email]
    text = message.body
    assert text.startswith("Hi Ada,")
    assert "✓ Role family (25/25): Targets Head of Product roles." in text
    assert "~ Skills (19/25): 3 of 4 required skills: missing P&L ownership." in text
    assert f"Read the vacancy and apply: {vacancy_url}" in text
    assert "Acme <Labs> & Co" in text  # plain text is not HTML-escaped

    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{vacancy_url}"' in html
    assert "missing P&amp;L ownership" in html
    assert "Acme &lt;Labs&gt; &amp; Co" in html
    assert "<Labs>" not in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links
    assert all(link.startswith("http://testserver/") for link in links)


def unsubscribes(header: str) -> int | None:
    """Whose alerts a List-Unsubscribe header's link turns off (the user id its token names). Compared by
    meaning, not with unsubscribe_url(): a token holds the second it was signed in, so one signed after the
    email was built is another string whenever a second boundary falls in between."""
    match = re.fullmatch(r"<http://testserver/unsubscribe/([^/]+)/>", header)
    return read_unsubscribe_token(match[1]) if match else None


def test_alerts_carry_one_click_unsubscribe_headers(alert):
    message = build_message(alert).message()
    assert unsubscribes(message["List-Unsubscribe"]) == alert.recipient.pk
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url(alert.recipient).startswith("http://testserver/unsubscribe/")


def test_digests_carry_the_headers_too(publish):
    daily = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)
    publish(hop_vacancy())
    (digest_id,) = digests_build(frequency="daily")
    message = build_message(Notification.objects.get(pk=digest_id)).message()
    assert unsubscribes(message["List-Unsubscribe"]) == daily.user.pk
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_transactional_emails_have_no_unsubscribe_headers(candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    notification = factories.NotificationFactory(
        recipient=candidate,
        application=application,
        vacancy=application.vacancy,
        kind=STAGE_CHANGED,
        context={"from_stage": "applied", "to_stage": "interview"},
    )
    message = build_message(notification).message()
    assert message["List-Unsubscribe"] is None
    assert message["Auto-Submitted"] == "auto-generated"
    assert "You are invited to interview" in build_message(notification).body


def test_the_message_id_is_stable_for_a_row_so_a_redelivery_can_be_recognised(alert):
    assert (
        build_message(alert).message()["Message-ID"]
        == message_id(alert)
        == build_message(alert).extra_headers["Message-ID"]
    )
    assert message_id(alert).endswith("@testserver>")


def test_subject_is_one_line_whatever_the_title(alert):
    alert.vacancy.title = "Head of Product\nBcc: victim@example.com"
    message = build_message(alert)
    assert "\n" not in message.subject
    assert "victim@example.com" in message.subject  # kept as text, never as a header
    assert message.message()["Bcc"] is None


def test_sent_alert_is_the_rendered_message(alert):
    tasks.notifications_deliver_task([alert.pk])
    (sent,) = mail.outbox
    assert sent.subject.startswith("New match: Head of Product")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
