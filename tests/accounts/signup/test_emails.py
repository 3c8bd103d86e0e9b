"""The account emails allauth sends (confirm an address, reset a password, ...) are ours: a sentence-case
subject without a "[site]" prefix, a greeting, a text and an HTML part in our layout, no "user X has given your
address on host:port". A used confirmation link says the address is already confirmed."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.sites.models import Site
from django.urls import reverse

from tests import factories
from tests.accounts.signup.test_signup import candidate_data, link_from

pytestmark = pytest.mark.django_db


def assert_ours(message, *, subject: str, greeting: str) -> str:
    """The checks every account email passes; returns its HTML part."""
    assert message.subject == subject
    assert not message.subject.startswith("[")
    assert message.body.startswith(f"Hi {greeting},")
    assert "Northstar Product Leaders" in message.body
    for stock in ("Hello from", "Thank you for using", "has given your email address", "register an account on"):
        assert stock not in message.body
    # The host appears only inside links, never as prose ("an account on 127.0.0.1:8300").
    prose = re.sub(r"https?://\S+", "", message.body)
    assert "testserver" not in prose
    assert Site.objects.get_current().domain not in prose
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert html.lstrip().startswith("<!doctype html>")
    assert f"Hi {greeting}," in html
    return html


def test_the_sign_up_confirmation_is_ours(client, mailoutbox):
    client.post(reverse("account_signup"), candidate_data())
    (message,) = mailoutbox
    html = assert_ours(message, subject="Confirm your email address", greeting="Ada")
    link = link_from(message)
    assert link.startswith("/accounts/confirm-email/")
    assert f'href="http://testserver{link}"' in html
    assert "Confirm my email address" in html


def test_a_resent_confirmation_is_ours(client, mailoutbox):
    user = factories.UserFactory(first_name="Lin")
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    client.force_login(user)
    client.post(reverse("account_email"), {"action_send": "", "email": user.email})
    (message,) = mailoutbox
    html = assert_ours(message, subject="Confirm your email address", greeting="Lin")
    assert user.email in message.body
    assert user.email in html


def test_the_password_reset_email_is_ours(client, mailoutbox):
    user = factories.UserFactory(first_name="Noor")
    client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mailoutbox
    html = assert_ours(message, subject="Reset your password", greeting="Noor")
    link = link_from(message)
    assert "/accounts/password/reset/key/" in link
    assert "Choose a new password" in html
    assert client.get(link, follow=True).status_code == 200


def test_a_reset_for_an_unknown_address_is_ours(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    (message,) = mailoutbox
    assert_ours(message, subject="We have no account for this email address", greeting="there")
    assert "nobody@example.org" in message.body


def test_signing_up_again_with_a_known_address_is_ours(client, mailoutbox):
    user = factories.UserFactory()
    client.post(reverse("account_signup"), candidate_data(email=user.email))
    (message,) = mailoutbox
    assert_ours(message, subject="You already have an account", greeting="there")


def test_a_used_confirmation_link_says_the_address_is_already_confirmed(client, mailoutbox):
    client.post(reverse("account_signup"), candidate_data())
    link = link_from(mailoutbox[0])
    first = client.post(link)
    assert first.status_code == 302
    client.logout()

    again = client.get(link)
    assert again.status_code == 200
    html = again.content.decode()
    assert "Your email address is already confirmed" in html
    assert "ada@example.com" in html
    assert "expired" not in html
    assert html.count("<h1") == 1


def test_a_forged_or_unconfirmed_link_is_not_called_confirmed(client):
    user = factories.UserFactory()
    address = EmailAddress.objects.get(user=user)
    forged = client.get(reverse("account_confirm_email", args=["not-a-real-key"])).content.decode()
    assert "This link has expired or is not valid" in forged
    # A genuine link for an unconfirmed address still asks to confirm.
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    html = client.get(reverse("account_confirm_email", args=[key])).content.decode()
    assert "Confirm that" in html
    assert "already confirmed" not in html
