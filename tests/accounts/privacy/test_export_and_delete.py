"""/me/data/: export everything about me as a zip; delete my account (anonymising applications)."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import CandidateProfile, User
from recruitment.models import Match, Notification, RecruiterNote
from recruitment.services import privacy
from tests import factories
from tests.factories import PASSWORD, PDF_BYTES
from tests.support import documents
from vacancies import services
from vacancies.models import Application, ApplicationStageChange

pytestmark = pytest.mark.django_db

HOME = reverse("privacy:home")
EXPORT = reverse("privacy:export")
DELETE = reverse("privacy:delete")


@pytest.fixture
def history(candidate):
    """A candidate with a skill, two applications (one moved on), a match and a notification."""
    profile = candidate.candidate_profile
    profile.skills.set(factories.skills("payments"))
    first = factories.ApplicationFactory(candidate=candidate, vacancy__title="VP Product", cover_letter="Dear team")
    second = factories.ApplicationFactory(candidate=candidate, vacancy__title="CPO")
    services.application_move(application=first, stage="screening", by=factories.RecruiterFactory())
    match = factories.MatchFactory(candidate=profile, vacancy=second.vacancy, score=91)
    # Moving the application wrote the candidate's "stage changed" email to the outbox.
    notification = Notification.objects.get(recipient=candidate, application=first)
    factories.RecruiterNoteFactory(candidate=profile, body="Strong on strategy; probe people leadership.")
    factories.RecruiterNoteFactory(candidate=profile, application=first, body="Sent to the client for screening.")
    return {"first": first, "second": second, "match": match, "notification": notification}


def open_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("url", [HOME, EXPORT, DELETE])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", [HOME, EXPORT, DELETE])
def test_employers_get_403(client, employer, url):
    client.force_login(employer)
    assert client.get(url).status_code == 403


def test_my_data_page_says_what_is_stored(client, candidate, history):
    client.force_login(candidate)
    response = client.get(HOME)
    assert response.status_code == 200
    counts = response.context["counts"]  # one per registered section (accounts.personal_data)
    assert {key: counts[key] for key in ("applications", "matches", "notifications", "recruiter_notes")} == {
        "applications": 2,
        "matches": 1,
        "notifications": 1,
        "recruiter_notes": 2,
    }
    assert counts["account"] == counts["profile"] == 1
    html = response.content.decode()
    assert EXPORT in html
    assert DELETE in html


def test_export_contains_profile_applications_matches_notifications_and_cvs(client, candidate, history):
    client.force_login(candidate)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    archive = open_zip(response)
    data = json.loads(archive.read("data.json"))

    assert data["account"]["email"] == candidate.email
    assert data["account"]["email_addresses"] == [{"email": candidate.email, "verified": True, "primary": True}]
    profile = candidate.candidate_profile
    assert data["profile"]["headline"] == profile.headline
    assert data["profile"]["skills"] == ["Payments"]
    assert data["profile"]["salary_floor"] == profile.salary_floor
    assert data["profile"]["consent_given_at"]
    assert archive.read(data["profile"]["cv"]["file"]) == PDF_BYTES

    by_title = {a["vacancy"]: a for a in data["applications"]}
    assert set(by_title) == {"VP Product", "CPO"}
    vp = by_title["VP Product"]
    assert vp["cover_letter"] == "Dear team"
    assert vp["stage"] == "screening"
    assert [(h["from"], h["to"]) for h in vp["stage_history"]] == [("", "applied"), ("applied", "screening")]
    assert all(h["at"] for h in vp["stage_history"])
    assert archive.read(vp["cv"]["file"]) == PDF_BYTES
    assert vp["cv"]["file"].startswith(f"files/applications/{history['first'].pk}-")

    assert data["matches"] == [
        {"vacancy": "CPO", "company": history["second"].vacancy.company.name, "score": 91, "breakdown": [],
         "computed_at": data["matches"][0]["computed_at"]}
    ]  # fmt: skip
    assert [n["kind"] for n in data["notifications"]] == ["stage_changed"]
    assert data["notifications"][0]["to_email"] == candidate.email

    notes = {n["note"]: n for n in data["recruiter_notes"]}
    assert set(notes) == {"Strong on strategy; probe people leadership.", "Sent to the client for screening."}
    assert notes["Sent to the client for screening."]["about_application_to"] == "VP Product"
    assert notes["Strong on strategy; probe people leadership."]["about_application_to"] is None
    assert {n["by"] for n in data["recruiter_notes"]} == {"recruiter"}  # by role, not the recruiter's name


def test_export_holds_only_my_data(client, candidate, other_candidate, history):
    client.force_login(other_candidate)
    archive = open_zip(client.get(EXPORT))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == other_candidate.email
    assert data["applications"] == []
    assert data["matches"] == []
    assert data["recruiter_notes"] == []
    assert candidate.email not in archive.read("data.json").decode()
    assert [n for n in archive.namelist() if n.startswith("files/applications/")] == []


def test_export_of_a_profile_without_cv(client):
    user = factories.UserFactory(role="candidate")
    CandidateProfile.objects.create(user=user)
    client.force_login(user)
    archive = open_zip(client.get(EXPORT))
    assert archive.namelist() == ["data.json"]
    assert json.loads(archive.read("data.json"))["profile"]["cv"] is None


def test_delete_asks_for_confirmation(client, candidate):
    client.force_login(candidate)
    response = client.get(DELETE)
    assert response.status_code == 200
    assert "Delete your account" in response.content.decode()
    assert User.objects.filter(pk=candidate.pk).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password": "wrong-password", "confirm": "on"}, "password", "not your password"),
        ({"password": PASSWORD}, "confirm", "Tick the box"),
        ({"confirm": "on"}, "password", "required"),
    ],
)
def test_delete_refuses_without_password_and_confirmation(client, candidate, history, settings, data, field, message):
    files_before = documents.stored_files(settings.PRIVATE_STORAGE_ROOT)
    client.force_login(candidate)
    response = client.post(DELETE, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert User.objects.filter(pk=candidate.pk).exists()
    assert Application.objects.filter(candidate=candidate).count() == 2
    assert documents.stored_files(settings.PRIVATE_STORAGE_ROOT) == files_before


def test_delete_removes_the_person_and_anonymises_applications(
    client, candidate, other_candidate, history, settings, django_capture_on_commit_callbacks
):
    others_application = factories.ApplicationFactory(candidate=other_candidate)
    profile = candidate.candidate_profile
    mine = [profile.cv.name, history["first"].cv.name, history["second"].cv.name]
    storage = profile.cv.storage
    assert all(storage.exists(name) for name in mine)
    client.force_login(candidate)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"password": PASSWORD, "confirm": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your account is deleted" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not User.objects.filter(pk=candidate.pk).exists()
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()
    assert not EmailAddress.objects.filter(email=candidate.email).exists()
    assert not Match.objects.filter(pk=history["match"].pk).exists()
    assert not Notification.objects.filter(to_email=candidate.email).exists()
    assert not RecruiterNote.objects.filter(candidate_id=profile.pk).exists()
    # Every CV file of theirs is gone from storage; other people's files are not touched.
    assert not any(storage.exists(name) for name in mine)
    assert storage.exists(other_candidate.candidate_profile.cv.name)
    assert storage.exists(others_application.cv.name)
    # Their applications stay, anonymised, for the funnel.
    for key in ("first", "second"):
        application = Application.objects.get(pk=history[key].pk)
        assert application.candidate is None
        assert application.cv.name == ""
        assert application.cv_original_name == ""
        assert application.cover_letter == ""
        assert application.anonymised_at is not None
    assert Application.objects.get(pk=history["first"].pk).stage == "screening"
    assert ApplicationStageChange.objects.filter(application=history["first"], by__isnull=True).exists()
    assert candidate.email not in json.dumps(list(Application.objects.values()), default=str)


def test_nobody_can_export_or_delete_someone_else(candidate, other_candidate):
    with pytest.raises(PermissionDenied):
        privacy.candidate_data_export(user=candidate, by=other_candidate)
    with pytest.raises(PermissionDenied):
        privacy.candidate_account_delete(user=candidate, by=other_candidate)
    assert User.objects.filter(pk=candidate.pk).exists()
