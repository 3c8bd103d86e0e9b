"""The review workflow of a vacancy: save, submit, publish, reject, close (by hand, or by its last hire), expire."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from vacancies.models import Application, RequiredSkill, Vacancy, VacancyStatusChange
from vacancies.services.applications import applications_end_with_role
from vacancies.services.common import (
    CHANGE_VACANCY,
    WorkflowError,
    require,
    unique_slug,
    user_is_employer_of,
)
from vacancies.signals import vacancy_status_changed

Status = Vacancy.Status

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
        require(
            user_is_employer_of(by, current.company_id) or recruiter_may(by, CHANGE_VACANCY),
            "You cannot edit this vacancy.",
        )
        require(
            current.status in EDITABLE_STATUSES,
            f"This vacancy is {current.get_status_display().lower()}: "
            "only a draft or a rejected vacancy can be edited.",
        )
        for name in WORKFLOW_FIELDS:
            setattr(vacancy, name, getattr(current, name))
    else:
        require(
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


def skills_by_precedence(skills: dict[str, Iterable]) -> dict[str, list]:
    """`skills` ("must_have", "important", "nice_to_have") with each skill once, in that order of precedence:
    a skill given in two lists keeps the first."""
    must = list(dict.fromkeys(skills.get("must_have", [])))
    important = [skill for skill in dict.fromkeys(skills.get("important", [])) if skill not in must]
    required = {*must, *important}
    nice = [skill for skill in dict.fromkeys(skills.get("nice_to_have", [])) if skill not in required]
    return {"must_have": must, "important": important, "nice_to_have": nice}


def _vacancy_skills_set(vacancy: Vacancy, skills: dict[str, Iterable]) -> None:
    """Required skills ("must_have" and "important") and "nice_to_have" ones; each skill counts once,
    in that order of precedence."""
    resolved = skills_by_precedence(skills)
    vacancy.skill_requirements.all().delete()
    RequiredSkill.objects.bulk_create(
        RequiredSkill(vacancy=vacancy, skill=skill, importance=importance)
        for importance in RequiredSkill.Importance.values
        for skill in resolved[importance]
    )
    vacancy.nice_to_have_skills.set(resolved["nice_to_have"])


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
    require(
        not _closing_date_passed(vacancy),
        "The closing date has passed: choose a new one before this vacancy can go live.",
    )


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, by: User) -> Vacancy:
    """Draft or rejected -> pending review (the employer asks recruiters to publish it)."""
    require(
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
    require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can publish vacancies.")
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
    require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can reject vacancies.")
    reason = (reason or "").strip()
    require(bool(reason), "Say why the vacancy is rejected, so the employer can fix it.")
    return _vacancy_transition(
        vacancy=vacancy,
        sources={Status.PENDING_REVIEW},
        target=Status.REJECTED,
        by=by,
        note=reason,
        rejection_reason=reason,
    )


# A vacancy closes from live, or once its closing date passed (a role still being filled can end as filled).
CLOSABLE_STATUSES = {Status.PUBLISHED, Status.EXPIRED}
NOTE_MAX = 2000


@transaction.atomic
def vacancy_close(
    *, vacancy: Vacancy, by: User, reason: str, hired: Application | None = None, note: str = ""
) -> Vacancy:
    """Published (or expired) -> closed, because the role was filled (by `hired`, one of its applicants, or
    elsewhere when None) or withdrawn; `note` says why, in the status history. The hired applicant moves to
    Hired; every other active application ends with the role."""
    require(
        user_is_employer_of(by, vacancy.company_id) or recruiter_may(by, CHANGE_VACANCY),
        "You cannot close this vacancy.",
    )
    require(reason in Vacancy.CloseReason.values, "Choose whether the role was filled or withdrawn.")
    note = (note or "").strip()
    require(len(note) <= NOTE_MAX, "Keep the reason under 2,000 characters.")
    if hired is not None:
        require(reason == Vacancy.CloseReason.FILLED, "Only a filled role has someone hired.")
        require(
            hired.vacancy_id == vacancy.pk and hired.stage not in Application.FINAL_STAGES,
            "Choose one of this vacancy's active applicants.",
        )
    return _close(vacancy=vacancy, by=by, reason=reason, hired=hired, note=note)


def _close(*, vacancy: Vacancy, by: User | None, reason: str, hired: Application | None, note: str) -> Vacancy:
    label = Vacancy.CloseReason(reason).label
    closed = _vacancy_transition(
        vacancy=vacancy,
        sources=CLOSABLE_STATUSES,
        target=Status.CLOSED,
        by=by,
        note=f"{label}: {note}" if note else label,
        close_reason=reason,
        closed_at=timezone.now(),
    )
    applications_end_with_role(vacancy=closed, by=by, hired=hired)
    return closed


def vacancy_close_when_filled(*, vacancy: Vacancy, by: User | None) -> bool:
    """After a hire: the vacancy closes as filled once it has hired as many people as it has openings (the
    others in its pipeline end with the role, as when it is closed by hand). Inside the hire's transaction;
    True when it closed."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.status not in CLOSABLE_STATUSES:
        return False
    hires = Application.objects.filter(vacancy_id=locked.pk, stage=Application.Stage.HIRED).count()
    if hires < locked.openings:
        return False
    note = "the one opening is hired." if locked.openings == 1 else f"all {locked.openings} openings are hired."
    _close(vacancy=locked, by=by, reason=Vacancy.CloseReason.FILLED, hired=None, note=note)
    vacancy.refresh_from_db()
    return True


def _require_closing_date_passed(vacancy: Vacancy) -> None:
    require(_closing_date_passed(vacancy), "This vacancy's closing date has not passed yet.")


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
