"""Applying: the happy paths, the CV copy, and every refusal storing nothing."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import CandidateProfile
from tests import factories
from tests.factories import PASSWORD, PDF_BYTES
from tests.support import documents
from vacancies.models import Application, ApplicationStageChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy():
    return factories.PublishedVacancyFactory(title="Chief Product Officer")


def apply_url(vacancy) -> str:
    return reverse("vacancies:apply", args=[vacancy.slug])


def read(field) -> bytes:
    with field.open("rb") as fh:
        return fh.read()


def test_anonymous_visitor_logs_in_and_comes_back_to_apply(client, vacancy, candidate):
    url = apply_url(vacancy)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    response = client.post(reverse("account_login"), {"login": candidate.email, "password": PASSWORD, "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_employer_cannot_apply(client, employer, vacancy):
    client.force_login(employer)
    assert client.get(apply_url(vacancy)).status_code == 403
    assert client.post(apply_url(vacancy), {"cv_source": "profile"}).status_code == 403
    assert not Application.objects.exists()


def test_draft_vacancy_has_no_apply_page(client, candidate):
    draft = factories.VacancyFactory()
    client.force_login(candidate)
    assert client.get(apply_url(draft)).status_code == 404


def test_apply_with_the_profile_cv_keeps_a_copy(client, candidate, vacancy, settings, mailoutbox):
    client.force_login(candidate)
    page = client.get(apply_url(vacancy))
    assert "The CV on my profile (cv.pdf)" in page.content.decode()
    response = client.post(apply_url(vacancy), {"cv_source": "profile", "cover_letter": "  I led two turnarounds. "})
    application = Application.objects.get(candidate=candidate, vacancy=vacancy)
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.cover_letter == "I led two turnarounds."
    assert application.stage == Application.Stage.APPLIED
    assert list(application.stage_changes.values_list("to_stage", flat=True)) == ["applied"]
    assert application.cv.name.startswith("applications/")
    assert application.cv.name != candidate.candidate_profile.cv.name
    assert application.cv_original_name == "cv.pdf"
    assert read(application.cv) == PDF_BYTES

    # A later profile CV change does not touch the application's copy.
    client.post(reverse("accounts:profile"), {"action": "upload_cv", "cv": documents.docx("new.docx")})
    application.refresh_from_db()
    assert read(application.cv) == PDF_BYTES
    assert application.cv.storage.exists(application.cv.name)


def test_apply_with_another_cv_leaves_the_profile_cv_alone(client, candidate, vacancy):
    profile_cv = candidate.candidate_profile.cv.name
    other = documents.docx_bytes()
    client.force_login(candidate)
    response = client.post(
        apply_url(vacancy), {"cv_source": "upload", "cv_file": documents.docx("For CPO roles.docx", other)}
    )
    assert response.status_code == 302
    application = Application.objects.get(candidate=candidate, vacancy=vacancy)
    assert application.cv.name.endswith(".docx")
    assert application.cv_original_name == "For CPO roles.docx"
    assert read(application.cv) == other
    assert CandidateProfile.objects.get(user=candidate).cv.name == profile_cv


def test_candidate_without_a_profile_cv_can_apply_with_an_upload(client, vacancy):
    user = factories.UserFactory(role="candidate")
    factories.CandidateProfileFactory(user=user)
    client.force_login(user)
    html = client.get(apply_url(vacancy)).content.decode()
    assert "The CV on my profile" not in html
    response = client.post(apply_url(vacancy), {"cv_source": "upload", "cv_file": documents.pdf()})
    assert response.status_code == 302
    assert Application.objects.filter(candidate=user, vacancy=vacancy).exists()


def _nothing_stored(settings, files_before):
    assert not Application.objects.exists()
    assert not ApplicationStageChange.objects.exists()
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == files_before


def test_second_application_is_refused_and_stores_nothing(client, candidate, vacancy, settings):
    client.force_login(candidate)
    client.post(apply_url(vacancy), {"cv_source": "profile"})
    first = Application.objects.get()
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    response = client.post(apply_url(vacancy), {"cv_source": "upload", "cv_file": documents.pdf()}, follow=True)
    assert "You have already applied to this vacancy" in response.content.decode()
    assert response.redirect_chain[-1][0] == first.get_absolute_url()
    assert list(Application.objects.all()) == [first]
    assert ApplicationStageChange.objects.count() == 1
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == files_before


def test_second_application_through_the_service_is_refused_too(candidate, vacancy):
    from vacancies import services

    services.application_submit(candidate=candidate, vacancy=vacancy)
    with pytest.raises(services.AlreadyApplied):
        services.application_submit(candidate=candidate, vacancy=vacancy, cv_file=documents.pdf())
    assert Application.objects.count() == 1


def test_closed_vacancy_refuses_politely_and_stores_nothing(client, candidate, settings):
    closed = factories.ClosedVacancyFactory()
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    for method in (client.get, client.post):
        response = method(apply_url(closed), follow=True)
        assert response.redirect_chain[-1][0] == closed.get_absolute_url()
        assert "This vacancy is closed and no longer takes applications" in response.content.decode()
    _nothing_stored(settings, files_before)


def test_unverified_candidate_is_refused_and_nothing_is_stored(client, vacancy, settings):
    user = factories.UserFactory(role="candidate", verified=False)
    factories.CompleteCandidateProfileFactory(user=user)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(user)
    assert "Verify your email address first" in client.get(apply_url(vacancy)).content.decode()
    response = client.post(apply_url(vacancy), {"cv_source": "profile"})
    assert response.status_code == 400
    assert "Please verify your email address before applying" in response.content.decode()
    _nothing_stored(settings, files_before)


def test_incomplete_profile_is_refused_and_nothing_is_stored(client, vacancy, settings):
    user = factories.UserFactory(role="candidate")
    CandidateProfile.objects.create(user=user)
    client.force_login(user)
    html = client.get(apply_url(vacancy)).content.decode()
    assert "Your profile needs a few details" in html
    assert "a headline, years of product experience" in html
    response = client.post(apply_url(vacancy), {"cv_source": "upload", "cv_file": documents.pdf()})
    assert response.status_code == 400
    assert "Before applying, add a headline, years of product experience" in response.content.decode()
    _nothing_stored(settings, [])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"cv_source": "upload"}, "cv_file", "Choose the CV file"),
        ({"cv_source": "upload", "cv_file": documents.upload("cv.pdf", documents.EXE_BYTES)}, "cv_file", "not a PDF"),
        ({"cv_source": "upload", "cv_file": documents.upload("cv.pdf", documents.HTML_BYTES)}, "cv_file", "not a PDF"),
        ({"cv_source": "upload", "cv_file": documents.upload("cv.pdf", b"")}, "cv_file", "empty"),
        (
            {"cv_source": "upload", "cv_file": documents.docx("cv.docx", documents.plain_zip_bytes())},
            "cv_file",
            "not a Word",
        ),
        ({"cv_source": "somewhere"}, "cv_source", "Select a valid choice"),
        ({"cv_source": "profile", "cover_letter": "x" * 10_001}, "cover_letter", "at most 10000 characters"),
    ],
    ids=["no-file", "exe", "html", "empty", "zip", "bad-source", "long-letter"],
)
def test_bad_application_input_is_refused_and_stores_nothing(
    client, candidate, vacancy, settings, data, field, message
):
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    response = client.post(apply_url(vacancy), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    _nothing_stored(settings, files_before)


def test_oversized_cv_with_the_application_is_refused(client, candidate, vacancy, settings):
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    content = PDF_BYTES + b"0" * (settings.CV_MAX_BYTES + 1 - len(PDF_BYTES))
    client.force_login(candidate)
    response = client.post(apply_url(vacancy), {"cv_source": "upload", "cv_file": documents.pdf(content=content)})
    assert response.status_code == 400
    assert "larger than" in " ".join(response.context["form"].errors["cv_file"])
    _nothing_stored(settings, files_before)
