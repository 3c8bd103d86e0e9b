import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import CandidateProfile, User
from vacancies.models import Company, EmployerProfile

pytestmark = pytest.mark.django_db

STRONG = "correct-horse-battery-staple-7"


def candidate_data(**overrides):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.com",
        "password1": STRONG,
        "password2": STRONG,
    }
    data.update(overrides)
    return data


def employer_data(**overrides):
    data = candidate_data(email="hiring@acme.example", company_name="Acme Analytics", job_title="CEO")
    data.update(overrides)
    return data


def link_from(message) -> str:
    match = re.search(r"https?://[^\s]+", message.body)
    assert match, message.body
    return match.group(0).replace("http://testserver", "")


def landing(client, response) -> str:
    """Follow redirects and return the path the user ends up on."""
    while response.status_code == 302:
        location = response["Location"]
        response = client.get(location)
    assert response.status_code == 200
    return location


def verify_by_email(client, mailoutbox):
    assert len(mailoutbox) == 1
    url = link_from(mailoutbox[-1])
    assert client.get(url).status_code == 200  # confirmation page; GET changes nothing
    return client.post(url)


def test_candidate_signup_verify_login_logout(client, mailoutbox):
    response = client.post(reverse("account_signup"), candidate_data())
    assert response.status_code == 302
    user = User.objects.get(email="ada@example.com")
    assert user.role == User.Role.CANDIDATE
    assert user.get_full_name() == "Ada Lovelace"
    assert CandidateProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified

    response = verify_by_email(client, mailoutbox)
    assert EmailAddress.objects.get(user=user).verified
    assert landing(client, response) == reverse("accounts:dashboard")

    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": STRONG})
    assert landing(client, response) == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_employer_signup_creates_company_and_lands_on_employer_dashboard(client, mailoutbox):
    response = client.post(reverse("employers:signup"), employer_data())
    assert response.status_code == 302
    user = User.objects.get(email="hiring@acme.example")
    assert user.role == User.Role.EMPLOYER
    profile = EmployerProfile.objects.get(user=user)
    assert profile.company.name == "Acme Analytics"
    assert profile.job_title == "CEO"
    assert not CandidateProfile.objects.filter(user=user).exists()

    response = verify_by_email(client, mailoutbox)
    assert landing(client, response) == reverse("employers:dashboard")
    page = client.get(reverse("employers:dashboard"))
    assert page.status_code == 200
    assert b"Acme Analytics" in page.content


def test_unverified_account_cannot_log_in(client, mailoutbox):
    client.post(reverse("account_signup"), candidate_data())
    client.post(reverse("account_logout"))
    mailoutbox.clear()
    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": STRONG})
    # allauth sends a fresh verification email and shows "verify your email" instead of logging in.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused(client, candidate):
    response = client.post(reverse("account_login"), {"login": candidate.email, "password": "not-the-password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"not correct" in response.content or b"incorrect" in response.content.lower()


def test_password_reset_by_email_link(client, candidate, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": candidate.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    url = link_from(mailoutbox[0])
    response = client.get(url, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    new = "a-brand-new-passphrase-99"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password(new)


def test_reset_for_unknown_email_does_not_reveal_anything(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302  # same answer as for a known address
    assert "password_reset_done" in response["Location"] or response["Location"].endswith("/done/")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
        ({"password2": "something-else-entirely-1"}, "password2", "same password"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"first_name": ""}, "first_name", "required"),
    ],
)
def test_candidate_signup_bad_input_creates_nothing(client, overrides, field, message):
    response = client.post(reverse("account_signup"), candidate_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field]).lower()
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"company_name": ""}, "company_name"),
        ({"company_name": "   "}, "company_name"),
        ({"password2": "mismatch-mismatch-1"}, "password2"),
    ],
)
def test_employer_signup_bad_input_creates_nothing(client, overrides, field):
    response = client.post(reverse("employers:signup"), employer_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == 0
    assert Company.objects.count() == 0


def test_duplicate_email_creates_nothing_and_does_not_reveal_the_account(client, candidate, mailoutbox):
    """Enumeration prevention: the page looks like a normal sign-up, the owner gets an email."""
    before = User.objects.count()
    response = client.post(reverse("account_signup"), candidate_data(email=candidate.email.upper()))
    assert response.status_code == 302
    assert User.objects.count() == before
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [candidate.email]
    assert "already" in mailoutbox[0].body.lower()


def test_duplicate_email_on_employer_signup_creates_no_company(client, candidate):
    response = client.post(reverse("employers:signup"), employer_data(email=candidate.email))
    assert response.status_code == 302
    assert Company.objects.count() == 0
    candidate.refresh_from_db()
    assert candidate.role == User.Role.CANDIDATE
