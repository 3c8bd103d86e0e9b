"""The registry of a candidate's personal data (accounts.personal_data): every model that holds a candidate's
data is in a section (or declared not to be), the export has exactly one non-empty key per section for a
candidate who has a row of every kind, and deletion leaves nothing that points at them or says who they
were."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone

from accounts import personal_data
from accounts.models import CandidateProfile, User
from accounts.personal_data import Policy
from recruitment.emails.security import login_failures_notifications
from recruitment.models import Interview, Match, Placement
from recruitment.services import privacy
from recruitment.services.contacts import contact_log_add, invitation_send, recruiter_note_add
from recruitment.services.interviews import interview_ask_other_times, interview_propose
from recruitment.services.introductions import introduction_client_answer
from tests import factories
from tests.support.introductions import PITCH, REASON, SECRETS, make_setting
from vacancies.models import Application
from vacancies.services import application_feedback_add, application_move

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[3]
OUR_APPS = ("accounts", "vacancies", "recruitment")
# Where a candidate's data starts: a foreign key to one of these (or to a model a section covers) makes a
# model a holder of a candidate's data.
ROOTS = (User, CandidateProfile, Application)

# Words written into every free-text field of the candidate's records: none may survive deletion.
MARKS = {
    "cover": "Mark-cover-letter-q1",
    "stage": "Mark-stage-note-q2",
    "recruiter_note": "Mark-recruiter-note-q3",
    "call": "Mark-call-summary-q4",
    "invitation": "Mark-invitation-message-q5",
    "client_note": "Mark-client-note-q6",
    "interview_note": "Mark-interview-note-q7",
    "interview_feedback": "Mark-interview-feedback-q8",
    "cancelled": "Mark-cancelled-reason-q9",
    "employer_feedback": "Mark-employer-feedback-q10",
    "placement_note": "Mark-placement-note-q11",
}


def covered_models() -> set[type]:
    return {model._meta.concrete_model for section in personal_data.sections() for model in section.models}


def unclassified(candidates_models) -> list[str]:
    """ "model.field -> target" for each relation that reaches a candidate's data from a model that no section
    covers and that is not declared as pointing at someone else."""
    covered = covered_models()
    holders = covered | set(ROOTS)
    declared = personal_data.declared_not_candidate_data()
    found = []
    for model in candidates_models:
        if model._meta.proxy or model._meta.concrete_model in covered:
            continue
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if not field.is_relation or field.related_model is None:
                continue
            target = field.related_model._meta.concrete_model
            if target in holders and (model._meta.label, field.name) not in declared:
                found.append(f"{model._meta.label}.{field.name} -> {target._meta.label}")
    return found


def our_models() -> list[type]:
    return [model for model in apps.get_models() if model._meta.app_label in OUR_APPS]


# --- The registry is complete ----------------------------------------------------------------------------


def test_every_model_that_holds_a_candidates_data_is_in_a_section():
    missing = unclassified(our_models())
    assert not missing, (
        "These models hold a candidate's data but no section of accounts.personal_data covers them: register "
        "a section (export and erase) in the app's personal_sections, or declare the field with "
        f"personal_data.not_candidate_data(...) and the reason: {missing}"
    )


def test_the_roots_are_covered_and_declarations_are_not_stale():
    covered = covered_models()
    assert set(ROOTS) <= covered
    for (label, name), reason in personal_data.declared_not_candidate_data().items():
        model = apps.get_model(label)
        assert model not in covered, f"{label} is both in a section and declared not a candidate's data"
        target = model._meta.get_field(name).related_model
        assert target is not None, f"{label}.{name} is not a relation"
        assert target._meta.concrete_model in {*covered, *ROOTS}, f"{label}.{name} points at no candidate data"
        assert reason.strip()


@isolate_apps("recruitment")
def test_a_new_model_pointing_at_a_candidate_fails_until_classified():
    class TalentPoolMember(models.Model):  # noqa: DJ008 - a throwaway model, never printed
        candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "recruitment"

    class TalentPool(models.Model):  # noqa: DJ008 - a throwaway model, never printed
        members = models.ManyToManyField(Application, related_name="+")

        class Meta:
            app_label = "recruitment"

    assert unclassified([TalentPoolMember, TalentPool]) == [
        "recruitment.TalentPoolMember.candidate -> accounts.CandidateProfile",
        "recruitment.TalentPool.members -> vacancies.Application",
    ]


def test_every_section_says_what_deletion_does_and_why():
    for section in personal_data.sections():
        assert section.policy in Policy
        assert section.reason.strip()
        assert section.title.strip()
        if section.policy != Policy.DELETED:
            assert section.erase is not None, f"{section.name} keeps rows: its erase must remove what is personal"


def test_sections_are_registered_in_a_fresh_process_by_the_apps_alone():
    """Every process that starts Django (web, worker, beat, commands) registers the same sections."""
    code = (
        "import django; django.setup(); from accounts import personal_data; "
        "print(','.join(s.name for s in personal_data.sections()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ, cwd=PROJECT_ROOT
    )
    assert result.stdout.strip().split(",") == [section.name for section in personal_data.sections()]


def test_a_section_name_cannot_be_taken_twice():
    (first, *_) = personal_data.sections()
    with pytest.raises(ValueError, match="registered already"):
        personal_data.register(first)
    with pytest.raises(ValueError, match="reserved"):
        personal_data.register(personal_data.Section(**{**first.__dict__, "name": "format_version"}))


# --- A candidate with a row of every kind -----------------------------------------------------------------


def soon(days: int = 5):
    return (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def everything(recruiter):
    """A candidate (distinctive name, email and LinkedIn) with one or more rows of every covered model, each
    free-text field holding a mark, made through the services where there is one."""
    setting = make_setting(recruiter)  # the candidate, a vacancy with their match, employers of its company
    profile, user, employer = setting.profile, setting.candidate, setting.employer

    # Introduced in full, accepted, and the client is interested: an application at Screening.
    introduction = setting.with_client(presentation="full")
    introduction_client_answer(introduction=introduction, by=employer, answer="interested", note=MARKS["client_note"])
    introduction.refresh_from_db()
    introduced = introduction.application
    interview, _ = interview_propose(
        application=introduced, by=employer, slots=[soon()], video_url="https://meet.example.com/q"
    )
    interview_ask_other_times(interview=interview, note=MARKS["interview_note"])
    Interview.objects.filter(pk=interview.pk).update(
        feedback=MARKS["interview_feedback"], cancelled_reason=MARKS["cancelled"]
    )
    application_feedback_add(application=introduced, by=employer, body=MARKS["employer_feedback"])
    for stage in ("shortlisted", "offer", "hired"):  # hired opens the placement
        application_move(application=introduced, stage=stage, by=recruiter, note=MARKS["stage"])
    Placement.objects.filter(application=introduced).update(note=MARKS["placement_note"])
    # Placed, so not open to opportunities; open again, so the rest of the records can be made.
    CandidateProfile.objects.filter(pk=profile.pk).update(open_to_opportunities=True, placed_until=None)
    profile.refresh_from_db()

    # A direct application, moved on (the candidate's "stage changed" email), with a note about it.
    direct = factories.ApplicationFactory(candidate=user, cover_letter=MARKS["cover"])
    application_move(application=direct, stage="screening", by=recruiter, note=MARKS["stage"])
    recruiter_note_add(candidate=profile, body=MARKS["recruiter_note"], by=recruiter, application=direct)
    contact_log_add(candidate=profile, kind="call", summary=MARKS["call"], by=recruiter)
    invitation_send(
        candidate=profile, vacancy=factories.PublishedVacancyFactory(), by=recruiter, message=MARKS["invitation"]
    )
    login_failures_notifications(user=user, failures=12, addresses=4, window_seconds=900, window_id=1)
    # The workspace's log names each record by its title, which names the candidate.
    placement = Placement.objects.get(application=introduced)
    match = Match.objects.filter(candidate=profile).first()
    for obj in (profile, direct, introduction, interview, placement, match):
        LogEntry.objects.create(
            user=recruiter,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message='[{"changed": {"fields": ["Stage"]}}]',
        )
    return {"user": user, "profile": profile, "applications": [introduced.pk, direct.pk]}


def export_of(user) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(privacy.candidate_data_export(user=user, by=user).read()))
    return json.loads(archive.read("data.json")), archive


def test_the_export_has_one_non_empty_key_per_section(everything):
    data, archive = export_of(everything["user"])
    names = [section.name for section in personal_data.sections()]
    assert set(data) == {"format_version", "exported_at", *names}
    assert data["format_version"] == privacy.EXPORT_FORMAT_VERSION == 2
    assert [name for name in names if not data[name]] == []
    # Every file data.json names is in the zip.
    assert {a["cv"]["file"] for a in data["applications"]} | {data["profile"]["cv"]["file"]} <= set(archive.namelist())


def test_the_export_shows_the_person_their_records_and_not_the_agencys_commercial_terms(everything):
    data, _ = export_of(everything["user"])
    (placement,) = data["placements"]
    assert placement["base_salary"] is None or placement["base_salary"]  # theirs to know, when recorded
    assert not {key for key in placement if "fee" in key or "invoice" in key or "guarantee" in key}
    assert {"job_title", "company", "hired_at", "start_date"} <= set(placement)
    (introduction,) = data["introductions"]
    assert introduction["client_answer"]["note"] == MARKS["client_note"]
    assert {event["by"] for event in introduction["history"]} <= {"you", "recruiter", "employer"}
    (interview,) = data["interviews"]
    assert interview["your_note"] == MARKS["interview_note"]
    assert data["employer_feedback"][0]["feedback"] == MARKS["employer_feedback"]
    assert data["invitations"][0]["message"] == MARKS["invitation"]
    assert MARKS["call"] in {entry["summary"] for entry in data["contact_log"]}
    assert {entry["record"] for entry in data["workspace_history"]} == {
        "candidate profile",
        "application",
        "introduction",
        "interview",
        "placement",
        "match",
    }
    # Other people appear by role only.
    text = json.dumps(data)
    for person in User.objects.exclude(pk=everything["user"].pk):
        assert person.email not in text


def rows_of_the_person(user, profile, application_ids) -> dict[type, set[int]]:
    """For each covered model, the pks of its rows that reach the person (directly or through other rows)."""
    reached: dict[type, set[int]] = {User: {user.pk}, CandidateProfile: {profile.pk}, Application: set(application_ids)}
    covered = covered_models()
    for _ in range(3):  # follow chains like IntroductionEvent -> Introduction -> CandidateProfile
        for model in covered:
            for field in model._meta.concrete_fields:
                target = field.related_model._meta.concrete_model if field.is_relation and field.related_model else None
                if reached.get(target):
                    ids = model._default_manager.filter(**{f"{field.attname}__in": reached[target]})
                    reached.setdefault(model, set()).update(ids.values_list("pk", flat=True))
    return reached


def everything_stored() -> str:
    """Every row of every model, as text."""
    dump = []
    for model in apps.get_models():
        if model._meta.app_label != "sessions":
            dump.extend(json.dumps(row, default=str) for row in model._default_manager.values())
    return "\n".join(dump)


def test_deletion_leaves_nothing_that_points_at_the_person_or_names_them(
    everything, settings, django_capture_on_commit_callbacks
):
    user, profile = everything["user"], everything["profile"]
    before = rows_of_the_person(user, profile, everything["applications"])
    assert all(before.get(model) for model in covered_models() if model._meta.app_label in OUR_APPS), (
        "the fixture lacks a row of: "
        + ", ".join(m._meta.label for m in covered_models() if m._meta.app_label in OUR_APPS and not before.get(m))
    )
    stored_files = [a.cv.name for a in Application.objects.filter(pk__in=everything["applications"])]
    storage = profile.cv.storage
    stored_files.append(profile.cv.name)

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.candidate_account_delete(user=user, by=user) == 2

    # Rows of sections deleted with the person are gone; the others stay (anonymised or kept).
    for section in personal_data.sections():
        for model in section.models:
            left = model._default_manager.filter(pk__in=before.get(model._meta.concrete_model, set()))
            if section.policy == Policy.DELETED:
                assert not left.exists(), f"{model._meta.label} rows of the person survive ({section.name})"
    assert Application.objects.filter(pk__in=everything["applications"], candidate=None).count() == 2
    assert Placement.objects.filter(application_id__in=everything["applications"]).exists()  # kept
    # Nothing anywhere points at the person's user or profile row.
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (User, CandidateProfile):
                pk = user.pk if field.related_model is User else profile.pk
                assert not model._default_manager.filter(**{field.attname: pk}).exists(), (
                    f"{model._meta.label}.{field.name}"
                )
    # Nothing stored says who they were or what was written about them.
    text = everything_stored()
    for word in [*SECRETS, PITCH, REASON, *MARKS.values()]:
        assert word not in text, word
    assert not any(storage.exists(name) for name in stored_files)


def test_a_decline_held_for_the_recruiter_is_not_in_the_export_before_the_person_is_told(recruiter):
    """ "Decision pending" (true, and not the decision), the history before the decline, no word of the held email;
    once the decline is released, the export says it."""
    setting = make_setting(recruiter)
    application = factories.ApplicationFactory(candidate=setting.candidate, vacancy=setting.vacancy)
    application_move(application=application, stage="rejected", by=setting.employer, note="Too junior.")
    application.refresh_from_db()
    assert application.decline_held

    data, _ = export_of(setting.candidate)
    (exported,) = data["applications"]
    assert exported["stage"] == "decision pending"
    assert [change["to"] for change in exported["stage_history"]] == ["applied"]
    assert "Too junior." not in json.dumps(data)
    assert "application_declined" not in {n["kind"] for n in data["notifications"]}
    assert "rejected" not in json.dumps(data["applications"])

    Application.objects.filter(pk=application.pk).update(decline_told_at=timezone.now() - timedelta(minutes=1))
    data, _ = export_of(setting.candidate)
    (exported,) = data["applications"]
    assert exported["stage"] == "rejected"
    assert [change["to"] for change in exported["stage_history"]] == ["applied", "rejected"]
