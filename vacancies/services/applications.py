"""Applications: applying, one stage change (`application_transition`), withdrawing, feedback, ending with the
role. Moving one along the pipeline on someone's word is `vacancies.services.pipeline`."""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.files import generate_private_name, safe_download_name
from accounts.models import User
from accounts.validators import validate_cv_file
from vacancies.models import Application, ApplicationFeedback, ApplicationStageChange, Vacancy
from vacancies.services.common import WorkflowError, require, user_is_employer_of
from vacancies.signals import application_stage_changed, application_submitted

Stage = Application.Stage


class AlreadyApplied(WorkflowError):
    pass


def application_submit(
    *, candidate: User, vacancy: Vacancy, cover_letter: str = "", cv_file: File | None = None
) -> Application:
    """Apply `candidate` to `vacancy`. The application keeps its own copy of the CV.

    Refusals raise WorkflowError (AlreadyApplied for a second attempt) or ValidationError (a CV that is not a
    PDF/DOCX); in every refusal nothing is stored."""
    require(candidate.is_authenticated and candidate.is_candidate, "Only candidates can apply.")
    require(vacancy.is_open, "This vacancy is closed and no longer takes applications.")
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise AlreadyApplied("You have already applied to this vacancy.")
    require(
        candidate.has_verified_email(),
        "Please verify your email address before applying.",
    )
    profile = candidate.candidate_profile
    missing = [m for m in profile.missing_for_applying() if not (m == "a CV" and cv_file)]
    require(not missing, "Before applying, add " + ", ".join(missing) + " to your profile.")

    application = Application(candidate=candidate, vacancy=vacancy, cover_letter=(cover_letter or "").strip())
    application.full_clean(exclude=["cv", "candidate", "vacancy"])
    if cv_file is not None:
        checked = validate_cv_file(cv_file)
        original = checked.original_name
        cv_file.seek(0)
        content = ContentFile(cv_file.read())
    else:
        original = profile.cv_original_name or PurePath(profile.cv.name).name
        with profile.cv.open("rb") as fh:
            content = ContentFile(fh.read())
    application.cv_original_name = safe_download_name(original, fallback="cv")[:255]
    source_name = profile.cv.name if cv_file is None else original
    application.cv.save(generate_private_name(PurePath(source_name).suffix), content, save=False)
    try:
        with transaction.atomic():
            application.save()
            ApplicationStageChange.objects.create(
                application=application, from_stage="", to_stage=Stage.APPLIED, by=candidate
            )
            application_submitted.send(sender=Application, application=application)
    except IntegrityError as exc:
        application.cv.delete(save=False)
        raise AlreadyApplied("You have already applied to this vacancy.") from exc
    except BaseException:
        application.cv.delete(save=False)
        raise
    return application


# Where an application may go next from each stage (withdrawal is the candidate's own verb).
STAGE_TRANSITIONS: dict[str, set[str]] = {
    Stage.APPLIED: {Stage.SCREENING, Stage.SHORTLISTED, Stage.REJECTED},
    Stage.SCREENING: {Stage.SHORTLISTED, Stage.INTERVIEW, Stage.REJECTED},
    Stage.SHORTLISTED: {Stage.INTERVIEW, Stage.OFFER, Stage.REJECTED},
    Stage.INTERVIEW: {Stage.OFFER, Stage.REJECTED},
    Stage.OFFER: {Stage.HIRED, Stage.REJECTED},
    Stage.HIRED: set(),
    Stage.REJECTED: set(),
    Stage.WITHDRAWN: set(),
}


def application_transition(
    *, application: Application, target: str, by: User | None, note: str = "", closing: bool = False
) -> Application:
    """Move one application. `closing`: the vacancy is closing, so any active application may end at once
    (hired, or ended with the role) whatever its stage."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.stage == target:
        raise WorkflowError(f"The application is already {Stage(target).label.lower()}.")
    allowed = STAGE_TRANSITIONS[locked.stage] | (
        {Stage.WITHDRAWN} if locked.stage not in Application.FINAL_STAGES else set()
    )
    if closing and locked.stage not in Application.FINAL_STAGES:
        allowed = {Stage.HIRED, Stage.REJECTED}
        if target == Stage.REJECTED:
            locked.closed_with_role = True
            locked.save(update_fields=["closed_with_role"])
    if target not in allowed:
        raise WorkflowError(
            f"An application that is {locked.get_stage_display().lower()} cannot move to {Stage(target).label.lower()}."
        )
    from_stage = locked.stage
    locked.stage = target
    locked.stage_changed_at = timezone.now()
    locked.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    ApplicationStageChange.objects.create(application=locked, from_stage=from_stage, to_stage=target, by=by, note=note)
    application_stage_changed.send(
        sender=Application, application=locked, from_stage=from_stage, to_stage=target, by=by, note=note
    )
    application.refresh_from_db()
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    require(application.candidate_id == by.pk, "Only the candidate can withdraw an application.")
    return application_transition(application=application, target=Stage.WITHDRAWN, by=by)


@transaction.atomic
def application_feedback_add(*, application: Application, by: User, body: str) -> ApplicationFeedback:
    """An employer of the vacancy's company leaves feedback on an applicant for the agency's recruiters."""
    vacancy = Vacancy.objects.only("company_id").get(pk=application.vacancy_id)
    require(user_is_employer_of(by, vacancy.company_id), "You cannot leave feedback on this application.")
    body = (body or "").strip()
    require(bool(body), "Write your feedback first.")
    require(len(body) <= 2000, "Keep the feedback under 2,000 characters.")
    require("\x00" not in body, "The feedback contains a character we cannot store.")
    feedback = ApplicationFeedback(application=application, author=by, body=body)
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def application_interview_booked(*, application: Application, by: User | None) -> Application:
    """A confirmed interview moves the application to Interview (from Screening or Shortlisted; later
    stages stay where they are). `by` is whoever confirmed it (the candidate picking a slot)."""
    current = Application.objects.only("stage").get(pk=application.pk).stage
    if current in (Stage.SCREENING, Stage.SHORTLISTED):
        return application_transition(application=application, target=Stage.INTERVIEW, by=by, note="Interview booked.")
    return application


def applications_end_with_role(*, vacancy: Vacancy, by: User, hired: Application | None = None) -> list[Application]:
    """The vacancy is closing: the hired application (if any) moves to Hired, every other active one ends
    with the role ("Role closed"); the candidates hear it through the recruiter (the recruitment app holds
    the messages). Called by `vacancy_close` inside its transaction."""
    ended = []
    active = Application.objects.filter(vacancy=vacancy).exclude(stage__in=Application.FINAL_STAGES).order_by("pk")
    for application in active:
        if hired is not None and application.pk == hired.pk:
            application_transition(
                application=application, target=Stage.HIRED, by=by, note="Hired: the role is filled.", closing=True
            )
            continue
        ended.append(
            application_transition(
                application=application, target=Stage.REJECTED, by=by, note="Role closed.", closing=True
            )
        )
    return ended
