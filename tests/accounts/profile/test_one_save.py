"""/me/profile/: the profile and the CV are one form and one save (a CV upload never throws away what was
typed), and `next` brings the candidate back to where they came from (same-site addresses only)."""

import pytest
from django.urls import reverse

from accounts.models import CandidateProfile
from tests import factories
from tests.accounts.profile.test_profile import PROFILE_URL, cv_post, profile_data
from tests.support import documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def incomplete_candidate():
    user = factories.UserFactory(role="candidate", first_name="Ada", last_name="Lovelace")
    CandidateProfile.objects.create(user=user)
    return user


def test_uploading_a_cv_saves_what_was_typed_too(client, candidate, settings):
    client.force_login(candidate)
    response = cv_post(client, documents.docx("new-cv.docx"), headline="Typed before choosing the CV")
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL + "#cv"
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.headline == "Typed before choosing the CV"
    assert profile.cv_original_name == "new-cv.docx"
    page = client.get(response["Location"]).content.decode()
    assert "Your profile and your CV are saved." in page


def test_save_profile_stores_a_chosen_cv_as_well(client, incomplete_candidate):
    client.force_login(incomplete_candidate)
    data = {**profile_data(incomplete_candidate.candidate_profile), "cv": documents.pdf()}
    response = client.post(PROFILE_URL, data)
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    assert CandidateProfile.objects.get(user=incomplete_candidate).cv


def test_a_bad_cv_keeps_the_typed_values_shows_the_error_and_saves_nothing(client, candidate, settings):
    before = CandidateProfile.objects.filter(user=candidate).values().get()
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    response = cv_post(
        client, documents.upload("cv.pdf", documents.EXE_BYTES), headline="My typed headline", city="Lisbon"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "not a PDF" in " ".join(response.context["form"].errors["cv"])
    assert "Your CV was not uploaded" in html
    assert 'value="My typed headline"' in html  # what was typed comes back
    assert 'value="Lisbon"' in html
    assert CandidateProfile.objects.filter(user=candidate).values().get() == before
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == files_before


def test_a_bad_answer_keeps_the_cv_out_too_and_asks_for_it_again(client, candidate, settings):
    before = CandidateProfile.objects.filter(user=candidate).values().get()
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    response = cv_post(client, documents.pdf(), headline="Fine", years_experience="-3")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "years_experience" in errors
    assert "Choose your CV again" in " ".join(errors["cv"])
    assert 'value="Fine"' in response.content.decode()
    assert CandidateProfile.objects.filter(user=candidate).values().get() == before
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == files_before


def test_a_cv_the_storage_step_refuses_rolls_the_profile_back(client, candidate, monkeypatch):
    from django.core.exceptions import ValidationError

    from accounts import services

    def refuse(**kwargs):
        raise ValidationError("The CV could not be stored.")

    monkeypatch.setattr(services, "candidate_cv_replace", refuse)
    before = CandidateProfile.objects.filter(user=candidate).values().get()
    client.force_login(candidate)
    response = cv_post(client, documents.pdf(), headline="Not kept")
    assert response.status_code == 400
    assert "could not be stored" in " ".join(response.context["form"].errors["cv"])
    assert CandidateProfile.objects.filter(user=candidate).values().get() == before


# --- Where they were going -------------------------------------------------------------


def test_complete_my_profile_from_the_apply_page_returns_there(client, incomplete_candidate):
    vacancy = factories.PublishedVacancyFactory()
    apply_url = reverse("vacancies:apply", args=[vacancy.slug])
    client.force_login(incomplete_candidate)
    apply_page = client.get(apply_url).content.decode()
    link = f"{PROFILE_URL}?next={apply_url}"
    assert f'href="{link}">Complete my profile</a>' in apply_page

    form_page = client.get(link).content.decode()
    assert f'<input type="hidden" name="next" value="{apply_url}">' in form_page
    assert f'href="{apply_url}">Back without saving</a>' in form_page

    data = {**profile_data(incomplete_candidate.candidate_profile), "cv": documents.pdf(), "next": apply_url}
    response = client.post(link, data)
    assert response.status_code == 302
    assert response["Location"] == apply_url
    assert "Your profile needs a few details" not in client.get(apply_url).content.decode()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http://testserver.evil.example/"],
)
def test_next_goes_only_to_this_site(client, candidate, target):
    client.force_login(candidate)
    page = client.get(PROFILE_URL, {"next": target}).content.decode()
    assert target not in page
    response = client.post(PROFILE_URL, {**profile_data(candidate.candidate_profile), "next": target})
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL


def test_join_as_a_candidate_from_the_login_page_keeps_next(client):
    vacancy = factories.PublishedVacancyFactory()
    apply_url = reverse("vacancies:apply", args=[vacancy.slug])
    login_page = client.get(reverse("account_login"), {"next": apply_url}).content.decode()
    signup_link = f"{reverse('account_signup')}?next={apply_url.replace('/', '%2F')}"
    assert f'href="{signup_link}">Join as a candidate</a>' in login_page
    signup_page = client.get(signup_link).content.decode()
    assert f'value="{apply_url}"' in signup_page  # the hidden next field
    assert f"{reverse('account_login')}?next={apply_url.replace('/', '%2F')}" in signup_page


def test_after_signing_up_from_an_apply_link_verifying_lands_on_the_vacancy(client, mailoutbox):
    vacancy = factories.PublishedVacancyFactory()
    apply_url = reverse("vacancies:apply", args=[vacancy.slug])
    response = client.post(
        f"{reverse('account_signup')}?next={apply_url}",
        {
            "first_name": "Grace",
            "last_name": "Hopper",
            "email": "grace@example.com",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "next": apply_url,
        },
    )
    assert response.status_code == 302
    (message,) = mailoutbox
    confirm_path = next(word for word in message.body.split() if "/accounts/confirm-email/" in word)
    confirm_path = confirm_path.split("testserver", 1)[1]
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == apply_url
