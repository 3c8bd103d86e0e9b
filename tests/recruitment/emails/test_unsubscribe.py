"""One-click unsubscribe (RFC 8058): GET asks, POST unsubscribes without login or CSRF token, a
tampered token is a 404, and afterwards no alert goes out."""

import pytest
from django.core import signing
from django.test import Client

from accounts.models import CandidateProfile
from recruitment.emails.alerts import MATCH_ALERT
from recruitment.emails.applications import STAGE_CHANGED
from recruitment.models import Notification
from recruitment.signed_links import UNSUBSCRIBE_SALT as SALT
from recruitment.signed_links import mask_email, unsubscribe_path
from recruitment.signed_links import read_unsubscribe_token as read_token
from recruitment.signed_links import unsubscribe_token as make_token
from tests import factories
from tests.support.alerts import hop_candidate, hop_vacancy

pytestmark = pytest.mark.django_db

Status = Notification.Status
OFF = CandidateProfile.AlertFrequency.OFF


@pytest.fixture
def profile():
    return hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.DAILY)


@pytest.fixture
def held(profile):
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    return factories.NotificationFactory(recipient=profile.user, kind=MATCH_ALERT, vacancy=vacancy, status=Status.HELD)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_get_shows_a_confirmation_page_and_changes_nothing(client, profile, held):
    response = client.get(unsubscribe_path(profile.user))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert html.count("<h1") == 1
    assert "Stop match alerts?" in html
    assert mask_email(profile.user.email) in html
    assert profile.user.email not in html
    assert 'method="post"' in html
    assert 'name="robots" content="noindex"' in html
    profile.refresh_from_db()
    held.refresh_from_db()
    assert profile.alert_frequency == CandidateProfile.AlertFrequency.DAILY
    assert held.status == Status.HELD


def test_one_click_post_unsubscribes_without_login_or_csrf_token(csrf_client, profile, held):
    other = factories.NotificationFactory(recipient=profile.user, kind=STAGE_CHANGED)
    response = csrf_client.post(
        unsubscribe_path(profile.user),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    profile.refresh_from_db()
    held.refresh_from_db()
    other.refresh_from_db()
    assert profile.alert_frequency == OFF
    assert held.status == Status.CANCELLED
    assert other.status == Status.PENDING  # application emails are not a mailing list


def test_post_is_idempotent(csrf_client, profile):
    path = unsubscribe_path(profile.user)
    assert csrf_client.post(path).status_code == 200
    assert csrf_client.post(path).status_code == 200
    profile.refresh_from_db()
    assert profile.alert_frequency == OFF
    response = csrf_client.get(path)
    assert "Match alerts are already off" in response.content.decode()


@pytest.mark.parametrize(
    "make_token_for",
    [
        lambda user: make_token(user)[:-2] + ("AA" if not make_token(user).endswith("AA") else "BB"),
        lambda user: signing.dumps(user.pk),  # signed, but for another purpose
        # Another user's id under this user's signature.
        lambda user: signing.dumps(user.pk + 1, salt=SALT).split(":")[0] + ":" + make_token(user).split(":")[1],
        lambda user: "not-a-token",
        lambda user: make_token(user).replace(":", ":x", 1),
    ],
    ids=["tampered-signature", "wrong-salt", "forged-id", "garbage", "mangled"],
)
def test_a_tampered_token_is_a_404_and_changes_nothing(client, profile, make_token_for):
    path = f"/unsubscribe/{make_token_for(profile.user)}/"
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    profile.refresh_from_db()
    assert profile.alert_frequency == CandidateProfile.AlertFrequency.DAILY


def test_a_token_only_unsubscribes_its_own_owner(client, profile):
    other = hop_candidate()
    client.post(unsubscribe_path(other.user))
    profile.refresh_from_db()
    other.refresh_from_db()
    assert other.alert_frequency == OFF
    assert profile.alert_frequency == CandidateProfile.AlertFrequency.DAILY


def test_a_token_for_a_deleted_user_is_a_404(client, profile):
    path = unsubscribe_path(profile.user)
    profile.user.delete()
    assert client.get(path).status_code == 404


def test_tokens_round_trip_and_do_not_show_the_id_in_clear(profile):
    token = make_token(profile.user)
    assert read_token(token) == profile.user.pk
    assert read_token(token + "x") is None
    assert not token.startswith(f"{profile.user.pk}:")


def test_the_link_in_the_email_works(client, profile, eager, publish, committed):
    """The List-Unsubscribe URL of a real digest unsubscribes its recipient."""
    from django.core import mail

    from recruitment import tasks

    publish(hop_vacancy())
    committed(tasks.digests_build_task, "daily")
    (message,) = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert client.post(url.removeprefix("http://testserver")).status_code == 200
    profile.refresh_from_db()
    assert profile.alert_frequency == OFF
