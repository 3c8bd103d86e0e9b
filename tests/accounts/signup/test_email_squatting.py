"""E-mail squatting: an attacker lists someone else's address as an unverified secondary email on their
own account (allauth's email page). That must neither stop the address's owner from signing up nor send
the owner a password reset link into the attacker's account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from tests import factories
from tests.accounts.signup.test_signup import candidate_data, employer_data, link_from

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.com"
RESET_LINK = "/accounts/password/reset/key/"


@pytest.fixture
def squatter(client):
    """A verified candidate who adds VICTIM as a secondary address through the email page."""
    attacker = factories.CandidateUserFactory(email="attacker@example.com")
    client.force_login(attacker)
    response = client.post(reverse("account_email"), {"action_add": "", "email": VICTIM.upper()})
    assert response.status_code in (200, 302)
    row = EmailAddress.objects.get(email__iexact=VICTIM)
    assert (row.user, row.verified, row.primary) == (attacker, False, False)
    client.logout()
    mail.outbox.clear()
    cache.clear()  # some minutes pass: allauth sends one confirmation email per address every 3 minutes
    return attacker


def test_the_owner_can_sign_up_and_the_squatters_claim_is_dropped(client, squatter, mailoutbox):
    response = client.post(reverse("account_signup"), candidate_data(email=VICTIM))
    assert response.status_code == 302
    owner = User.objects.get(email__iexact=VICTIM)
    assert owner != squatter
    assert list(EmailAddress.objects.filter(email__iexact=VICTIM).values_list("user", flat=True)) == [owner.pk]
    # The owner gets the verification email for their new account, not an "account exists" notice.
    assert [m.to for m in mailoutbox] == [[VICTIM]]
    client.get(link_from(mailoutbox[0]))
    confirm = client.post(link_from(mailoutbox[0]))
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=owner, email__iexact=VICTIM).verified


def test_the_owner_can_sign_up_as_an_employer_too(client, squatter):
    response = client.post(reverse("employers:signup"), employer_data(email=VICTIM))
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=VICTIM).exclude(pk=squatter.pk).exists()
    assert not EmailAddress.objects.filter(user=squatter, email__iexact=VICTIM).exists()


def test_a_password_reset_never_reaches_the_squatters_account(client, squatter):
    response = client.post(reverse("account_reset_password"), {"email": VICTIM})
    assert response.status_code == 302
    assert all(RESET_LINK not in m.body for m in mail.outbox)
    # Nobody can end up logged in to the squatter's account through the victim's inbox.
    squatter.refresh_from_db()
    assert squatter.check_password(factories.PASSWORD)


def test_a_verified_secondary_address_still_gets_its_reset_link(client):
    user = factories.CandidateUserFactory(email="main@example.com")
    EmailAddress.objects.create(user=user, email="other@example.com", verified=True, primary=False)
    client.post(reverse("account_reset_password"), {"email": "other@example.com"})
    assert len(mail.outbox) == 1
    assert RESET_LINK in mail.outbox[0].body


def test_an_account_made_without_email_rows_can_reset_by_its_own_address(client):
    User.objects.create_superuser(email="boss@example.com", password=factories.PASSWORD)
    client.post(reverse("account_reset_password"), {"email": "boss@example.com"})
    assert [m.to for m in mail.outbox] == [["boss@example.com"]]
    assert RESET_LINK in mail.outbox[0].body


def test_a_verified_address_is_not_released_by_a_sign_up(client):
    owner = factories.CandidateUserFactory(email="first@example.com")
    EmailAddress.objects.create(user=owner, email=VICTIM, verified=True, primary=False)
    client.post(reverse("account_signup"), candidate_data(email=VICTIM))
    assert not User.objects.filter(email__iexact=VICTIM).exists()
    assert EmailAddress.objects.filter(user=owner, email=VICTIM, verified=True).exists()
