"""Every state change of a vacancy or an application goes through here: views, the admin
and Celery tasks call these functions, so the rules hold everywhere and every change is
recorded with who made it and when."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from pathlib import PurePath

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.files import generate_private_name, safe_download_name
from accounts.models import User
from accounts.rules import recruiter_may
from accounts.validators import validate_cv_file
from vacancies.models import (
    Application,
    ApplicationStageChange,
    Company,
    EmployerProfile,
    RequiredSkill,
    Vacancy,
    VacancyStatusChange,
)
from vacancies.signals import application_stage_changed, application_submitted, vacancy_status_changed
from vacancies.validators import sanitised_logo

Status = Vacancy.Status
Stage = Application.Stage


class WorkflowError(Exception):
    """A state change that the rules do not allow. Its message is shown to the person who asked."""


# --- Who may act (the recruiter rule itself is accounts.rules) ----------------------

# What a recruiter needs to hold (the Recruiters group grants all three).
CHANGE_COMPANY = "vacancies.change_company"
CHANGE_VACANCY = "vacancies.change_vacancy"
CHANGE_APPLICATION = "vacancies.change_application"


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


@transaction.atomic
def company_update(*, company: Company, by: User, logo: File | None = None, remove_logo: bool = False) -> Company:
    """Save an employer's edits to their company. A new logo is validated by content and
    re-encoded (vacancies.validators); the file it replaces is deleted once the change commits."""
    _require(user_is_employer_of(by, company.pk) or recruiter_may(by, CHANGE_COMPANY), "You cannot edit this company.")
    current = Company.objects.select_for_update().get(pk=company.pk)
    company.slug = current.slug  # links to the company stay stable when it is renamed
    old_logo = current.logo.name
    new_logo = None
    if logo is not None:
        new_logo = sanitised_logo(logo)
        company.logo.save(new_logo.name, new_logo, save=False)
    elif remove_logo:
        company.logo = ""
    else:
        company.logo = old_logo
    try:
        company.full_clean()
        company.save()
    except Exception:
        if new_logo is not None:
            company.logo.delete(save=False)
        raise
    if old_logo and old_logo != company.logo.name:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return company


# --- Vacancies ---------------------------------------------------------------------

EDITABLE_STATUSES = {Status.DRAFT, Status.REJECTED}
# What the workflow owns: an edit never changes these, only the transitions below do.
WORKFLOW_FIELDS = (
    "company_id",
    "created_by_id",
    "slug",
    "status",
    "rejection_reason",
    "close_reason",
    "submitted_at",
    "published_at",
    "closed_at",
)


def _closing_date_passed(vacancy: Vacancy) -> bool:
    return bool(vacancy.closes_on and vacancy.closes_on < timezone.localdate())


@transaction.atomic
def vacancy_save(*, vacancy: Vacancy, by: User, skills: dict[str, Iterable] | None = None) -> Vacancy:
    """Create or update a draft/rejected vacancy (what an employer edits); `skills` maps "must_have",
    "important" and "nice_to_have" to skills.

    The caller's instance carries the edited fields; status, company and the workflow dates
    come from the database, so a stale or tampered instance cannot change them."""
    if vacancy.pk:
        current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        _require(
            user_is_employer_of(by, current.company_id) or recruiter_may(by, CHANGE_VACANCY),
            "You cannot edit this vacancy.",
        )
        _require(
            current.status in EDITABLE_STATUSES,
            f"This vacancy is {current.get_status_display().lower()}: "
            "only a draft or a rejected vacancy can be edited.",
        )
        for name in WORKFLOW_FIELDS:
            setattr(vacancy, name, getattr(current, name))
    else:
        _require(
            user_is_employer_of(by, vacancy.company_id) or recruiter_may(by, CHANGE_VACANCY),
            "You cannot edit this vacancy.",
        )
        vacancy.created_by = by
        vacancy.status = Status.DRAFT
        vacancy.rejection_reason = vacancy.close_reason = ""
        vacancy.submitted_at = vacancy.published_at = vacancy.closed_at = None
    if not vacancy.slug:
        vacancy.slug = unique_slug(Vacancy, f"{vacancy.title} {vacancy.company.name}", max_length=140)
    vacancy.full_clean()
    vacancy.save()
    if skills is not None:
        _vacancy_skills_set(vacancy, skills)
    if not vacancy.status_changes.exists():
        VacancyStatusChange.objects.create(vacancy=vacancy, from_status="", to_status=Status.DRAFT, by=by)
    return vacancy


def _vacancy_skills_set(vacancy: Vacancy, skills: dict[str, Iterable]) -> None:
    """Required skills ("must_have" and "important") and "nice_to_have" ones; each skill counts once,
    in that order of precedence."""
    must = list(dict.fromkeys(skills.get("must_have", [])))
    important = [skill for skill in dict.fromkeys(skills.get("important", [])) if skill not in must]
    vacancy.skill_requirements.all().delete()
    Importance = RequiredSkill.Importance
    RequiredSkill.objects.bulk_create(
        [RequiredSkill(vacancy=vacancy, skill=skill, importance=Importance.MUST_HAVE) for skill in must]
        + [RequiredSkill(vacancy=vacancy, skill=skill, importance=Importance.IMPORTANT) for skill in important]
    )
    required = {*must, *important}
    vacancy.nice_to_have_skills.set([skill for skill in skills.get("nice_to_have", []) if skill not in required])


def _vacancy_transition(
    *,
    vacancy: Vacancy,
    sources: set[str],
    target: str,
    by: User | None,
    note: str = "",
    guard: Callable[[Vacancy], None] | None = None,
    **fields,
) -> Vacancy:
    """Move the locked row from one of `sources` to `target`; `guard` checks the locked row first."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.status == target:
        raise WorkflowError(f"This vacancy is already {locked.get_status_display().lower()}.")
    if locked.status not in sources:
        raise WorkflowError(
            f"A vacancy that is {locked.get_status_display().lower()} cannot be "
            f"moved to {Status(target).label.lower()}."
        )
    if guard is not None:
        guard(locked)
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


def _require_closing_date_ahead(vacancy: Vacancy) -> None:
    _require(
        not _closing_date_passed(vacancy),
        "The closing date has passed: choose a new one before this vacancy can go live.",
    )


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, by: User) -> Vacancy:
    """Draft or rejected -> pending review (the employer asks recruiters to publish it)."""
    _require(
        user_is_employer_of(by, vacancy.company_id) or recruiter_may(by, CHANGE_VACANCY),
        "You cannot submit this vacancy.",
    )
    return _vacancy_transition(
        vacancy=vacancy,
        sources=EDITABLE_STATUSES,
        target=Status.PENDING_REVIEW,
        by=by,
        guard=_require_closing_date_ahead,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User) -> Vacancy:
    """Pending review -> published (recruiters only)."""
    _require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can publish vacancies.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PENDING_REVIEW},
        target=Status.PUBLISHED,
        by=by,
        guard=_require_closing_date_ahead,
        published_at=timezone.now(),
        rejection_reason="",
    )


@transaction.atomic
def vacancy_reject(*, vacancy: Vacancy, by: User, reason: str) -> Vacancy:
    """Pending review -> rejected with a reason the employer sees (recruiters only)."""
    _require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can reject vacancies.")
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
    """Published -> closed, because the role was filled or withdrawn."""
    _require(
        user_is_employer_of(by, vacancy.company_id) or recruiter_may(by, CHANGE_VACANCY),
        "You cannot close this vacancy.",
    )
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


def _require_closing_date_passed(vacancy: Vacancy) -> None:
    _require(_closing_date_passed(vacancy), "This vacancy's closing date has not passed yet.")


@transaction.atomic
def vacancy_expire(*, vacancy: Vacancy) -> Vacancy:
    """Published -> expired, for a vacancy past its closing date (the periodic task calls this)."""
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PUBLISHED},
        target=Status.EXPIRED,
        by=None,
        guard=_require_closing_date_passed,
        note="Closing date passed",
        closed_at=timezone.now(),
    )


def vacancies_expire_due() -> int:
    """Expire every published vacancy past its closing date; returns how many.

    Each vacancy is its own transaction, so one failure does not undo the others, and a
    second run (or a second worker) finds nothing left to do."""
    count = 0
    for pk in Vacancy.objects.past_closing_date().order_by("pk").values_list("pk", flat=True):
        try:
            vacancy_expire(vacancy=Vacancy(pk=pk))
            count += 1
        except WorkflowError:
            continue  # closed or re-dated meanwhile
    return count


# --- Applications ------------------------------------------------------------------


class AlreadyApplied(WorkflowError):
    pass


def application_submit(
    *, candidate: User, vacancy: Vacancy, cover_letter: str = "", cv_file: File | None = None
) -> Application:
    """Apply `candidate` to `vacancy`. The application keeps its own copy of the CV.

    Refusals raise WorkflowError (AlreadyApplied for a second attempt) or ValidationError (a CV that is not a
    PDF/DOCX); in every refusal nothing is stored."""
    _require(candidate.is_authenticated and candidate.is_candidate, "Only candidates can apply.")
    _require(vacancy.is_open, "This vacancy is closed and no longer takes applications.")
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise AlreadyApplied("You have already applied to this vacancy.")
    _require(
        candidate.has_verified_email(),
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


# Employers shortlist or decline; the rest of the pipeline is the recruiters' to run.
EMPLOYER_STAGES = {Stage.SHORTLISTED, Stage.REJECTED}


@transaction.atomic
def application_move(*, application: Application, stage: str, by: User, note: str = "") -> Application:
    """Move an application along the pipeline (recruiters anywhere the pipeline allows;
    the employer of the vacancy to shortlisted or declined)."""
    _require(stage in Stage.values and stage != Stage.WITHDRAWN, "Unknown stage.")
    if not recruiter_may(by, CHANGE_APPLICATION):
        vacancy = Vacancy.objects.only("company_id").get(pk=application.vacancy_id)
        _require(user_is_employer_of(by, vacancy.company_id), "You cannot change this application.")
        _require(stage in EMPLOYER_STAGES, "Employers can shortlist or decline; ask your recruiter for other moves.")
    note = (note or "").strip()
    _require(len(note) <= 2000, "Keep the note under 2,000 characters.")
    return _application_transition(application=application, target=stage, by=by, note=note)


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    _require(application.candidate_id == by.pk, "Only the candidate can withdraw an application.")
    return _application_transition(application=application, target=Stage.WITHDRAWN, by=by)


@transaction.atomic
def application_interview_booked(*, application: Application, by: User | None) -> Application:
    """A confirmed interview moves the application to Interview (from Screening or Shortlisted; later
    stages stay where they are). `by` is whoever confirmed it (the candidate picking a slot)."""
    current = Application.objects.only("stage").get(pk=application.pk).stage
    if current in (Stage.SCREENING, Stage.SHORTLISTED):
        return _application_transition(application=application, target=Stage.INTERVIEW, by=by, note="Interview booked.")
    return application
