"""Every state change of a vacancy or an application goes through here: views, the admin
and Celery tasks call these functions, so the rules hold everywhere and every change is
recorded with who made it and when."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import PurePath

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.files import safe_download_name
from accounts.models import User
from accounts.validators import validate_cv_file
from vacancies.models import (
    Application,
    ApplicationStageChange,
    Company,
    EmployerProfile,
    Vacancy,
    VacancyStatusChange,
)
from vacancies.signals import application_stage_changed, application_submitted, vacancy_status_changed

Status = Vacancy.Status
Stage = Application.Stage


class WorkflowError(Exception):
    """A state change that the rules do not allow. Its message is shown to the person who asked."""


# --- Who may act -------------------------------------------------------------------


def user_is_recruiter(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or user.is_recruiter))


def user_is_employer_of(user: User | None, company_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_employer
        and EmployerProfile.objects.filter(user=user, company_id=company_id).exists()
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise WorkflowError(message)


# --- Companies ---------------------------------------------------------------------


def unique_slug(model, text: str, *, max_length: int = 120) -> str:
    base = slugify(text)[:max_length].strip("-") or "item"
    slug = base
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


@transaction.atomic
def employer_register(*, user: User, company_name: str, job_title: str = "") -> EmployerProfile:
    """Make `user` an employer with a new company."""
    company = Company(name=company_name.strip(), slug=unique_slug(Company, company_name))
    company.full_clean()
    company.save()
    user.role = User.Role.EMPLOYER
    user.save(update_fields=["role"])
    profile = EmployerProfile(user=user, company=company, job_title=job_title)
    profile.full_clean()
    profile.save()
    return profile


# --- Vacancies ---------------------------------------------------------------------

EDITABLE_STATUSES = {Status.DRAFT, Status.REJECTED}


@transaction.atomic
def vacancy_save(*, vacancy: Vacancy, by: User, skills: dict[str, Iterable] | None = None) -> Vacancy:
    """Create or update a draft/rejected vacancy (what an employer edits)."""
    if vacancy.pk:
        current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        _require(current.status in EDITABLE_STATUSES, "Only a draft or a rejected vacancy can be edited.")
    _require(
        user_is_employer_of(by, vacancy.company_id) or user_is_recruiter(by),
        "You cannot edit this vacancy.",
    )
    if not vacancy.slug:
        vacancy.slug = unique_slug(Vacancy, f"{vacancy.title} {vacancy.company.name}", max_length=140)
    if not vacancy.pk:
        vacancy.created_by = by
        vacancy.status = Status.DRAFT
    vacancy.full_clean()
    vacancy.save()
    if skills is not None:
        vacancy.required_skills.set(skills.get("required", []))
        vacancy.nice_to_have_skills.set(skills.get("nice_to_have", []))
    if not vacancy.status_changes.exists():
        VacancyStatusChange.objects.create(vacancy=vacancy, from_status="", to_status=Status.DRAFT, by=by)
    return vacancy


def _vacancy_transition(
    *, vacancy: Vacancy, sources: set[str], target: str, by: User | None, note: str = "", **fields
) -> Vacancy:
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.status not in sources:
        raise WorkflowError(
            f"A vacancy that is {locked.get_status_display().lower()} cannot be "
            f"moved to {Status(target).label.lower()}."
        )
    from_status = locked.status
    locked.status = target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    VacancyStatusChange.objects.create(vacancy=locked, from_status=from_status, to_status=target, by=by, note=note)
    vacancy_status_changed.send(
        sender=Vacancy, vacancy=locked, from_status=from_status, to_status=target, by=by, note=note
    )
    # Keep the caller's instance in step with the database.
    vacancy.refresh_from_db()
    return vacancy


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, by: User) -> Vacancy:
    _require(user_is_employer_of(by, vacancy.company_id) or user_is_recruiter(by), "You cannot submit this vacancy.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources=EDITABLE_STATUSES,
        target=Status.PENDING_REVIEW,
        by=by,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User) -> Vacancy:
    _require(user_is_recruiter(by), "Only recruiters can publish vacancies.")
    if vacancy.closes_on and vacancy.closes_on < timezone.localdate():
        raise WorkflowError("The closing date has passed; ask the employer for a new one before publishing.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PENDING_REVIEW},
        target=Status.PUBLISHED,
        by=by,
        published_at=timezone.now(),
        rejection_reason="",
    )


@transaction.atomic
def vacancy_reject(*, vacancy: Vacancy, by: User, reason: str) -> Vacancy:
    _require(user_is_recruiter(by), "Only recruiters can reject vacancies.")
    reason = (reason or "").strip()
    _require(bool(reason), "Say why the vacancy is rejected, so the employer can fix it.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PENDING_REVIEW},
        target=Status.REJECTED,
        by=by,
        note=reason,
        rejection_reason=reason,
    )


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User, reason: str) -> Vacancy:
    _require(user_is_employer_of(by, vacancy.company_id) or user_is_recruiter(by), "You cannot close this vacancy.")
    _require(reason in Vacancy.CloseReason.values, "Choose whether the role was filled or withdrawn.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PUBLISHED},
        target=Status.CLOSED,
        by=by,
        note=Vacancy.CloseReason(reason).label,
        close_reason=reason,
        closed_at=timezone.now(),
    )


@transaction.atomic
def vacancy_expire(*, vacancy: Vacancy) -> Vacancy:
    """Called by the periodic task for published vacancies past their closing date."""
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PUBLISHED},
        target=Status.EXPIRED,
        by=None,
        note="Closing date passed",
        closed_at=timezone.now(),
    )


def vacancies_expire_due() -> int:
    """Expire every published vacancy past its closing date; returns how many."""
    count = 0
    for vacancy in Vacancy.objects.past_closing_date().only("pk"):
        try:
            vacancy_expire(vacancy=vacancy)
            count += 1
        except WorkflowError:
            continue  # someone closed it meanwhile
    return count


# --- Applications ------------------------------------------------------------------


class AlreadyApplied(WorkflowError):
    pass


def private_file_name(original_name: str) -> str:
    """A server-generated name that keeps only a known extension of the original."""
    suffix = PurePath(original_name or "").suffix.lower()
    if suffix not in {".pdf", ".docx"}:
        suffix = ""
    return f"{secrets.token_hex(16)}{suffix}"


def application_submit(
    *, candidate: User, vacancy: Vacancy, cover_letter: str = "", cv_file: File | None = None
) -> Application:
    """Apply `candidate` to `vacancy`. The application keeps its own copy of the CV.

    Refusals raise WorkflowError (AlreadyApplied for a second attempt) or ValidationError (a CV that is not a
    PDF/DOCX); in every refusal nothing is stored."""
    from allauth.account.models import EmailAddress

    _require(candidate.is_authenticated and candidate.is_candidate, "Only candidates can apply.")
    _require(vacancy.is_open, "This vacancy is closed and no longer takes applications.")
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise AlreadyApplied("You have already applied to this vacancy.")
    _require(
        EmailAddress.objects.filter(user=candidate, verified=True).exists(),
        "Please verify your email address before applying.",
    )
    profile = candidate.candidate_profile
    missing = [m for m in profile.missing_for_applying() if not (m == "a CV" and cv_file)]
    _require(not missing, "Before applying, add " + ", ".join(missing) + " to your profile.")

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
    application.cv.save(private_file_name(profile.cv.name if cv_file is None else original), content, save=False)
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


def _application_transition(*, application: Application, target: str, by: User | None, note: str = "") -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.stage == target:
        raise WorkflowError(f"The application is already {Stage(target).label.lower()}.")
    allowed = STAGE_TRANSITIONS[locked.stage] | (
        {Stage.WITHDRAWN} if locked.stage not in Application.FINAL_STAGES else set()
    )
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
def application_move(*, application: Application, stage: str, by: User, note: str = "") -> Application:
    """Move an application along the pipeline (recruiters, or the employer of the vacancy)."""
    _require(stage in Stage.values and stage != Stage.WITHDRAWN, "Unknown stage.")
    _require(
        user_is_recruiter(by) or user_is_employer_of(by, application.vacancy.company_id),
        "You cannot change this application.",
    )
    return _application_transition(application=application, target=stage, by=by, note=(note or "").strip())


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    _require(application.candidate_id == by.pk, "Only the candidate can withdraw an application.")
    return _application_transition(application=application, target=Stage.WITHDRAWN, by=by)
