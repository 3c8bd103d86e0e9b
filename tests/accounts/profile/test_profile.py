"""/me/ and /me/profile/: dashboard, profile editing with its bad input, the profile CV."""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.forms import CandidateProfileForm
from accounts.models import CandidateProfile
from accounts.signals import candidate_profile_changed
from tests import factories
from tests.factories import PDF_BYTES
from tests.support import documents

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def profile_data(profile, **overrides):
    """A complete, valid profile form submission for `profile`."""
    data = {
        "first_name": profile.user.first_name or "Ada",
        "last_name": profile.user.last_name or "Lovelace",
        "headline": "Product leader for B2B SaaS",
        "current_title": "Director of Product",
        "years_experience": "12",
        "seniority": "director",
        "role_families": [factories.role_family("head-of-product").pk, factories.role_family("vp-product").pk],
        "skills": [s.pk for s in factories.skills("product-strategy", "payments")],
        "industries": [factories.industry("b2b-saas").pk],
        "city": "Berlin",
        "country": "DE",
        "remote_preference": "hybrid",
        "willing_to_relocate": "on",
        "salary_floor": "140000",
        "salary_currency": "EUR",
        "notice_period_weeks": "12",
        "linkedin_url": "https://www.linkedin.com/in/ada-lovelace",
        "open_to_opportunities": "on",
        "alert_frequency": "weekly",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def fresh_candidate():
    """A verified candidate with an empty profile (as right after sign-up)."""
    user = factories.UserFactory(role="candidate", first_name="Ada", last_name="Lovelace")
    CandidateProfile.objects.create(user=user)
    return user


# --- Access ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [reverse("accounts:dashboard"), PROFILE_URL, reverse("accounts:cv_download")], ids=str)
def test_anonymous_visitors_are_sent_to_log_in_and_back(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", [PROFILE_URL, reverse("accounts:cv_download")], ids=str)
def test_employers_cannot_open_candidate_pages(client, employer, url):
    client.force_login(employer)
    assert client.get(url).status_code == 403


def test_dashboard_shows_completeness_recent_applications_and_the_matched_for_you_seam(client, candidate):
    application = factories.ApplicationFactory(candidate=candidate, stage="screening")
    client.force_login(candidate)
    response = client.get(reverse("accounts:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "% complete" in html
    assert application.vacancy.title in html
    assert "Screening" in html
    assert 'id="matched-for-you"' in html


def test_dashboard_of_a_new_candidate_says_what_is_missing_for_applying(client, fresh_candidate):
    client.force_login(fresh_candidate)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Before you can apply" in html
    assert "a headline, years of product experience, a CV" in html
    assert "You have not applied to any role yet" in html


def test_profile_page_shows_completeness_and_what_is_missing(client, fresh_candidate):
    client.force_login(fresh_candidate)
    response = client.get(PROFILE_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Profile 8% complete" in html  # only the name of 13 sections
    assert "Before you can apply" in html


def test_each_candidate_edits_only_their_own_profile(client, candidate, other_candidate):
    client.force_login(other_candidate)
    response = client.post(PROFILE_URL, profile_data(other_candidate.candidate_profile, headline="Mine"))
    assert response.status_code == 302
    candidate.candidate_profile.refresh_from_db()
    assert candidate.candidate_profile.headline != "Mine"
    assert CandidateProfile.objects.get(user=other_candidate).headline == "Mine"


# --- Saving ----------------------------------------------------------------------------


def test_a_complete_profile_is_saved_with_consent_dated(client, fresh_candidate):
    client.force_login(fresh_candidate)
    profile = fresh_candidate.candidate_profile
    response = client.post(PROFILE_URL, profile_data(profile, first_name="Ada ", last_name=" Byron"))
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    profile.refresh_from_db()
    fresh_candidate.refresh_from_db()
    assert fresh_candidate.get_full_name() == "Ada Byron"
    assert profile.headline == "Product leader for B2B SaaS"
    assert profile.years_experience == 12
    assert profile.salary_floor == 140_000
    assert profile.notice_period_weeks == 12
    assert profile.alert_frequency == "weekly"
    assert profile.willing_to_relocate is True
    assert str(profile.country) == "DE"
    assert {rf.slug for rf in profile.role_families.all()} == {"head-of-product", "vp-product"}
    assert {s.slug for s in profile.skills.all()} == {"product-strategy", "payments"}
    assert profile.consent_given_at is not None


def test_salary_with_thousands_separators_is_understood(client, fresh_candidate):
    client.force_login(fresh_candidate)
    client.post(PROFILE_URL, profile_data(fresh_candidate.candidate_profile, salary_floor="150,000"))
    fresh_candidate.candidate_profile.refresh_from_db()
    assert fresh_candidate.candidate_profile.salary_floor == 150_000


def test_consent_keeps_its_first_date_and_can_be_withdrawn(client, candidate):
    client.force_login(candidate)
    profile = candidate.candidate_profile
    first_date = profile.consent_given_at
    client.post(PROFILE_URL, profile_data(profile, headline="Still consenting"))
    profile.refresh_from_db()
    assert profile.consent_given_at == first_date
    client.post(PROFILE_URL, profile_data(profile, consent=None))
    profile.refresh_from_db()
    assert profile.consent_given_at is None


def test_matching_relevant_change_announces_the_profile_inside_the_transaction(client, candidate):
    seen = []

    def receiver(sender, profile, **kwargs):
        seen.append((profile.pk, transaction.get_connection().in_atomic_block))

    candidate_profile_changed.connect(receiver)
    try:
        client.force_login(candidate)
        client.post(PROFILE_URL, profile_data(candidate.candidate_profile, salary_floor="999000"))
    finally:
        candidate_profile_changed.disconnect(receiver)
    assert seen == [(candidate.candidate_profile.pk, True)]


def test_a_change_that_matching_ignores_announces_nothing(client, candidate):
    client.force_login(candidate)
    client.post(PROFILE_URL, profile_data(candidate.candidate_profile))  # settle every field first
    seen = []

    def receiver(sender, profile, **kwargs):
        seen.append(profile.pk)

    candidate_profile_changed.connect(receiver)
    try:
        client.post(PROFILE_URL, profile_data(candidate.candidate_profile, headline="A new headline"))
    finally:
        candidate_profile_changed.disconnect(receiver)
    assert seen == []
    candidate.candidate_profile.refresh_from_db()
    assert candidate.candidate_profile.headline == "A new headline"


# --- Bad input: every field's limits ----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("years_experience", "-1", "cannot be negative"),
        ("years_experience", "51", "at most 50"),
        ("years_experience", "ten", "whole number of years"),
        ("years_experience", "3.5", "whole number of years"),
        ("salary_floor", "120k", "whole number"),
        ("salary_floor", "abc", "whole number"),
        ("salary_floor", "-5000", "cannot be negative"),
        ("salary_floor", "1e6", "whole number"),
        ("salary_floor", "5000001", "at most 5,000,000"),
        ("salary_currency", "XYZ", "XYZ is not one we support"),
        ("salary_currency", "", "This field is required"),
        ("linkedin_url", "not a url", "full web address"),
        ("linkedin_url", "javascript:alert(1)", "full web address"),
        ("linkedin_url", "https://evil.example/in/ada", "LinkedIn profile"),
        ("linkedin_url", "ftp://www.linkedin.com/in/ada", "LinkedIn profile"),
        ("notice_period_weeks", "-1", "cannot be negative"),
        ("notice_period_weeks", "53", "at most 52"),
        ("seniority", "emperor", "Select a valid choice"),
        ("country", "ZZ", "Select a valid choice"),
        ("remote_preference", "moon", "Select a valid choice"),
        ("alert_frequency", "hourly", "Select a valid choice"),
        ("role_families", ["999999"], "Select a valid choice"),
        ("skills", ["not-a-number"], "is not a valid value"),
        ("industries", ["999999"], "Select a valid choice"),
        ("headline", "x" * 161, "at most 160 characters"),
        ("current_title", "x" * 121, "at most 120 characters"),
        ("city", "x" * 101, "at most 100 characters"),
        ("first_name", "", "This field is required"),
        ("last_name", " ", "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, candidate, field, value, message):
    profile = candidate.candidate_profile
    before = CandidateProfile.objects.filter(pk=profile.pk).values().get()
    client.force_login(candidate)
    data = profile_data(profile, current_title="Should not be saved")
    data[field] = value
    response = client.post(PROFILE_URL, data)
    assert response.status_code == 400
    errors = " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert "Your profile was not saved" in response.content.decode()
    assert CandidateProfile.objects.filter(pk=profile.pk).values().get() == before


def test_inactive_vocabulary_cannot_be_chosen(client, candidate):
    skill = factories.skills("payments")[0]
    skill.is_active = False
    skill.save()
    client.force_login(candidate)
    response = client.post(PROFILE_URL, profile_data(candidate.candidate_profile, skills=[skill.pk]))
    assert response.status_code == 400
    assert "skills" in response.context["form"].errors


# --- The profile CV ---------------------------------------------------------------------


def cv_post(client, uploaded, **overrides):
    """The profile form sent with a CV chosen (the CV card's button sends the whole form)."""
    profile = CandidateProfile.objects.get(user_id=client.session["_auth_user_id"])
    return client.post(PROFILE_URL, {**profile_data(profile, **overrides), "action": "upload_cv", "cv": uploaded})


@pytest.mark.parametrize("make", [documents.pdf, documents.docx], ids=["pdf", "docx"])
def test_cv_upload_stores_a_server_named_private_file(client, fresh_candidate, settings, make):
    client.force_login(fresh_candidate)
    uploaded = make()
    response = cv_post(client, uploaded)
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=fresh_candidate)
    stored = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    assert len(stored) == 1
    assert stored[0].parent.name == "cvs"
    assert stored[0].name != uploaded.name
    assert len(stored[0].stem) == 32  # a random token, not the user's name
    assert profile.cv.name == f"cvs/{stored[0].name}"
    assert profile.cv_original_name == uploaded.name
    assert profile.cv_uploaded_at is not None
    assert not documents.stored_files(settings.MEDIA_ROOT)


def test_replacing_the_cv_deletes_the_old_file_after_commit(
    client, candidate, settings, django_capture_on_commit_callbacks
):
    old_name = candidate.candidate_profile.cv.name
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = cv_post(client, documents.docx("new-cv.docx"))
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.cv.name != old_name
    assert not profile.cv.storage.exists(old_name)
    assert [p.name for p in documents.stored_files(settings.PRIVATE_STORAGE_ROOT)] == [profile.cv.name.split("/")[-1]]


@pytest.mark.parametrize(
    ("uploaded", "message"),
    [
        (documents.upload("cv.pdf", documents.EXE_BYTES), "not a PDF"),
        (documents.upload("cv.pdf", documents.HTML_BYTES), "not a PDF"),
        (documents.upload("cv.pdf", b""), "empty"),
        (documents.upload("cv.docx", documents.plain_zip_bytes()), "not a Word"),
        (documents.upload("setup.exe", documents.EXE_BYTES), "PDF or a Word"),
    ],
    ids=["exe-renamed-pdf", "html-renamed-pdf", "empty", "zip-not-docx", "exe"],
)
def test_hostile_cv_uploads_are_rejected_and_nothing_is_stored(client, candidate, settings, uploaded, message):
    before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    old_name = candidate.candidate_profile.cv.name
    client.force_login(candidate)
    response = cv_post(client, uploaded)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["cv"])
    assert "Your CV was not uploaded" in response.content.decode()
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == before
    assert CandidateProfile.objects.get(user=candidate).cv.name == old_name


def test_cv_one_byte_over_five_megabytes_is_rejected_and_nothing_is_stored(client, candidate, settings):
    before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    content = PDF_BYTES + b"0" * (settings.CV_MAX_BYTES + 1 - len(PDF_BYTES))
    assert len(content) == 5 * 1024 * 1024 + 1
    client.force_login(candidate)
    response = cv_post(client, documents.pdf(content=content))
    assert response.status_code == 400
    assert "larger than" in " ".join(response.context["form"].errors["cv"])
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == before


def test_docx_zip_bomb_upload_is_rejected_and_nothing_is_stored(client, candidate, settings):
    settings.DOCX_MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024
    before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    response = cv_post(client, documents.docx(content=documents.zip_bomb_docx(3 * 1024 * 1024)))
    assert response.status_code == 400
    assert "unpacks to more than" in " ".join(response.context["form"].errors["cv"])
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == before


@pytest.mark.parametrize("raw_name", ["../../../etc/cron.d/evil.pdf", "cv\x1b[31m.pdf", "..\\..\\cv\x00.pdf"])
def test_cv_names_with_paths_or_control_characters_are_rejected_by_the_form(candidate, settings, raw_name):
    form = CandidateProfileForm(
        data=profile_data(candidate.candidate_profile),
        files={"cv": documents.with_raw_name(documents.pdf(), raw_name)},
        instance=candidate.candidate_profile,
        user=candidate,
    )
    assert not form.is_valid()
    assert "Rename" in " ".join(form.errors["cv"])
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == documents.stored_files(
        settings.PRIVATE_STORAGE_ROOT
    )


def test_a_hostile_name_sent_over_http_never_reaches_the_disk(client, fresh_candidate, settings, tmp_path):
    """Django's multipart parser drops folders and control characters from the name before any app code runs;
    the file is stored under a random name inside the private folder whatever the client sent."""
    boundary = "BoUnDaRy"
    fields = [
        (name, value)
        for name, values in profile_data(fresh_candidate.candidate_profile).items()
        for value in (values if isinstance(values, list) else [values])
    ]
    parts = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in fields
    )
    body = (
        (
            parts + f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="action"\r\n\r\nupload_cv\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="cv"; filename="../../../outside\x07\x1b.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF_BYTES
        + f"\r\n--{boundary}--\r\n".encode()
    )
    client.force_login(fresh_candidate)
    response = client.generic("POST", PROFILE_URL, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=fresh_candidate)
    assert profile.cv_original_name == "outside.pdf"
    stored = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    assert len(stored) == 1
    assert stored[0].is_relative_to(settings.PRIVATE_STORAGE_ROOT / "cvs")
    assert "outside" not in stored[0].name
    assert not list(tmp_path.rglob("outside*"))


def test_owner_downloads_their_cv_as_a_private_attachment(client, candidate):
    client.force_login(candidate)
    response = client.get(reverse("accounts:cv_download"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_download_name_is_made_safe(client, candidate):
    profile = candidate.candidate_profile
    profile.cv_original_name = 'evil"\r\nSet-Cookie: x=1;.pdf'
    profile.save()
    client.force_login(candidate)
    response = client.get(reverse("accounts:cv_download"))
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert disposition.startswith("attachment; filename=")
    assert disposition.count('"') == 2


def test_candidate_without_a_cv_gets_404(client, fresh_candidate):
    client.force_login(fresh_candidate)
    assert client.get(reverse("accounts:cv_download")).status_code == 404


def test_cvs_are_not_reachable_under_media(client, candidate):
    name = candidate.candidate_profile.cv.name
    for url in (f"/media/{name}", f"/media/private/{name}", f"/{name}"):
        assert client.get(url).status_code == 404
    client.force_login(candidate)
    assert client.get(f"/media/{name}").status_code == 404


def test_private_storage_has_no_public_url(candidate):
    with pytest.raises(ValueError, match="no public URL"):
        candidate.candidate_profile.cv.url  # noqa: B018 - the property access is the test


def test_dashboard_query_count_does_not_grow_with_applications(client, candidate, django_assert_num_queries):
    factories.ApplicationFactory(candidate=candidate)
    client.force_login(candidate)
    # session, user, profile, three "has any" checks for completeness, recent applications,
    # "Matched for you" (profile, top matches), "invited to apply" (open invitations), interviews and
    # introductions waiting for an answer
    with django_assert_num_queries(12):
        client.get(reverse("accounts:dashboard"))
    for _ in range(6):
        application = factories.ApplicationFactory(candidate=candidate)
        factories.MatchFactory(candidate=candidate.candidate_profile, vacancy=application.vacancy)
    # + which of the matches shown were applied to (one query, only when there are matches to mark)
    with django_assert_num_queries(13):
        response = client.get(reverse("accounts:dashboard"))
    assert len(response.context["applications"]) == 5
    assert response.content.decode().count('class="badge rounded-pill text-bg-primary fs-6"') == 3
    assert response.content.decode().count('<span class="badge text-bg-success">Applied</span>') == 3
