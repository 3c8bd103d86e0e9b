"""Changing a vacancy after it was submitted: withdrawing a submission back to draft, editing a live
vacancy through a revision that recruiters review while the published version stays up, a recruiter's own
change to a vacancy under review or live (no second review: recruiters are the reviewers), and duplicating
a closed vacancy into a new draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts.models import Skill, User
from accounts.rules import recruiter_may
from vacancies.models import Vacancy, VacancyRevision, VacancyStatusChange
from vacancies.services.common import CHANGE_VACANCY, require, user_is_employer_of
from vacancies.services.vacancies import (
    _require_closing_date_ahead,
    _vacancy_skills_set,
    _vacancy_transition,
    skills_by_precedence,
    vacancy_save,
)
from vacancies.signals import vacancy_revision_decided, vacancy_status_changed

Status = Vacancy.Status
RevisionStatus = VacancyRevision.Status

# What an employer edits (the vacancy form's fields, skills aside); a revision holds these.
REVISABLE_FIELDS = (
    *("title", "role_family", "seniority", "min_years", "employment_type", "openings", "industry", "city"),
    "country",
    *("remote_policy", "salary_min", "salary_max", "salary_currency", "description", "closes_on"),
)
SKILL_KINDS = ("must_have", "important", "nice_to_have")
DUPLICABLE_STATUSES = {Status.CLOSED, Status.EXPIRED}
# What a recruiter changes in place (a draft or a rejected vacancy is edited with `vacancy_save`).
AMENDABLE_STATUSES = {Status.PENDING_REVIEW, Status.PUBLISHED}


def _may_edit(by: User, vacancy: Vacancy) -> bool:
    return user_is_employer_of(by, vacancy.company_id) or recruiter_may(by, CHANGE_VACANCY)


def _stored(vacancy: Vacancy, name: str):
    value = getattr(vacancy, Vacancy._meta.get_field(name).attname)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if name == "country" else value


def _apply(vacancy: Vacancy, fields: dict) -> None:
    for name in REVISABLE_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name == "closes_on" and value:
            value = dt.date.fromisoformat(value)
        setattr(vacancy, Vacancy._meta.get_field(name).attname, value)


def _skill_ids(skills: dict[str, Iterable]) -> dict[str, list[int]]:
    return {kind: sorted({getattr(s, "pk", s) for s in skills.get(kind, [])}) for kind in SKILL_KINDS}


def _current_skill_ids(vacancy: Vacancy) -> dict[str, list[int]]:
    required = vacancy.required_skills_by_importance()
    return _skill_ids({**required, "nice_to_have": list(vacancy.nice_to_have_skills.all())})


# --- Withdraw a submission; duplicate a closed vacancy ----------------------------------


@transaction.atomic
def vacancy_withdraw(*, vacancy: Vacancy, by: User) -> Vacancy:
    """Pending review -> draft: the employer takes a submission back to change it."""
    require(_may_edit(by, vacancy), "You cannot withdraw this vacancy.")
    return _vacancy_transition(
        vacancy=vacancy, sources={Status.PENDING_REVIEW}, target=Status.DRAFT, by=by, note="Withdrawn from review"
    )


@transaction.atomic
def vacancy_duplicate(*, vacancy: Vacancy, by: User) -> Vacancy:
    """A new draft with the fields and skills of a closed or expired vacancy (no closing date: the old one
    has passed); it goes through review like any new vacancy."""
    require(_may_edit(by, vacancy), "You cannot copy this vacancy.")
    source = Vacancy.objects.get(pk=vacancy.pk)
    require(source.status in DUPLICABLE_STATUSES, "Only a closed or expired vacancy can be copied into a new one.")
    copy = Vacancy(company_id=source.company_id)
    _apply(copy, {name: _stored(source, name) for name in REVISABLE_FIELDS})
    copy.closes_on = None
    skills = {kind: Skill.objects.filter(pk__in=ids) for kind, ids in _current_skill_ids(source).items()}
    return vacancy_save(vacancy=copy, by=by, skills=skills)


# --- Revisions of a live vacancy --------------------------------------------------------


@transaction.atomic
def vacancy_revision_submit(*, vacancy: Vacancy, by: User, skills: dict[str, Iterable]) -> VacancyRevision:
    """Put the edits carried by `vacancy` (an unsaved, edited instance of a published vacancy) up for review;
    the live row is not touched. A revision already waiting is replaced by this one."""
    require(_may_edit(by, vacancy), "You cannot edit this vacancy.")
    live = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    require(live.status == Status.PUBLISHED, "Only a live vacancy's changes go to review this way.")
    fields = {name: _stored(vacancy, name) for name in REVISABLE_FIELDS}
    skill_ids = _skill_ids(skills)
    proposed = Vacancy.objects.get(pk=live.pk)
    _apply(proposed, fields)
    proposed.full_clean()
    _require_closing_date_ahead(proposed)
    require(
        fields != {name: _stored(live, name) for name in REVISABLE_FIELDS} or skill_ids != _current_skill_ids(live),
        "Nothing changed: the live vacancy already says this.",
    )
    revision = VacancyRevision.objects.pending().filter(vacancy=live).first() or VacancyRevision(vacancy=live)
    revision.fields, revision.skills, revision.created_by = fields, skill_ids, by
    revision.save()
    return revision


# --- A recruiter's own change to a vacancy under review or live ---------------------------


def vacancy_amend_refusal(*, vacancy: Vacancy) -> str:
    """Why a recruiter may not change `vacancy` in place now ("" when they may)."""
    if vacancy.status not in AMENDABLE_STATUSES:
        return (
            f"This vacancy is {vacancy.get_status_display().lower()}: only a vacancy under review or live is "
            "changed this way."
        )
    if VacancyRevision.objects.pending().filter(vacancy_id=vacancy.pk).exists():
        return (
            "The employer's changes to this vacancy wait for review: publish or reject them first (publishing "
            "them later would undo yours)."
        )
    return ""


@transaction.atomic
def vacancy_amend(*, vacancy: Vacancy, by: User, skills: dict[str, Iterable]) -> list[dict]:
    """A recruiter changes a vacancy under review or live in place: the REVISABLE_FIELDS that `vacancy` (an
    edited instance) carries and the skills (each once, must-have first). The status history names what
    changed and who changed it; a live vacancy is matched again (the status signal, published -> published),
    as when an employer's changes are published. Returns the changes, as `revision_changes` says them
    (none: nothing is written)."""
    require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can change a vacancy under review or live.")
    live = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    refusal = vacancy_amend_refusal(vacancy=live)
    require(not refusal, refusal)
    fields = {name: _stored(vacancy, name) for name in REVISABLE_FIELDS}
    resolved = skills_by_precedence(skills)
    changes = _changes(live.pk, fields=fields, skill_ids=_skill_ids(resolved))
    if not changes:
        return []
    _apply(live, fields)
    if live.status == Status.PUBLISHED:
        _require_closing_date_ahead(live)
    live.full_clean()
    live.save()
    _vacancy_skills_set(live, resolved)
    note = "Changed by the agency: " + ", ".join(change["label"].lower() for change in changes)
    VacancyStatusChange.objects.create(vacancy=live, from_status=live.status, to_status=live.status, by=by, note=note)
    vacancy_status_changed.send(
        sender=Vacancy, vacancy=live, from_status=live.status, to_status=live.status, by=by, note=note
    )
    vacancy.refresh_from_db()
    return changes


def _pending_revision(revision: VacancyRevision) -> VacancyRevision:
    locked = VacancyRevision.objects.select_for_update().select_related("vacancy").get(pk=revision.pk)
    require(
        locked.status == RevisionStatus.PENDING, f"These changes are already {locked.get_status_display().lower()}."
    )
    return locked


def _decide(revision: VacancyRevision, status: str, by: User, reason: str = "") -> None:
    revision.status, revision.decided_by, revision.decided_at = status, by, timezone.now()
    revision.rejection_reason = reason
    revision.save()


@transaction.atomic
def vacancy_revision_withdraw(*, revision: VacancyRevision, by: User) -> VacancyRevision:
    """The employer drops their changes; the live vacancy stays as it is."""
    require(_may_edit(by, revision.vacancy), "You cannot change this vacancy.")
    locked = _pending_revision(revision)
    _decide(locked, RevisionStatus.WITHDRAWN, by)
    return locked


@transaction.atomic
def vacancy_revision_publish(*, revision: VacancyRevision, by: User) -> Vacancy:
    """A recruiter accepts the changes: they are copied onto the live vacancy, the history says so, and
    (through the status signal) the vacancy is matched again."""
    require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can publish changes.")
    locked = _pending_revision(revision)
    live = Vacancy.objects.select_for_update().get(pk=locked.vacancy_id)
    require(live.status == Status.PUBLISHED, f"The vacancy is {live.get_status_display().lower()}: nothing to update.")
    changed = ", ".join(change["label"].lower() for change in revision_changes(locked)) or "nothing"
    _apply(live, locked.fields)
    _require_closing_date_ahead(live)
    live.full_clean()
    live.save()
    skills = {kind: Skill.objects.filter(pk__in=locked.skills.get(kind, [])) for kind in SKILL_KINDS}
    _vacancy_skills_set(live, skills)
    _decide(locked, RevisionStatus.PUBLISHED, by)
    note = f"Changes published: {changed}"
    VacancyStatusChange.objects.create(
        vacancy=live, from_status=Status.PUBLISHED, to_status=Status.PUBLISHED, by=by, note=note
    )
    vacancy_status_changed.send(
        sender=Vacancy, vacancy=live, from_status=Status.PUBLISHED, to_status=Status.PUBLISHED, by=by, note=note
    )
    vacancy_revision_decided.send(sender=VacancyRevision, revision=locked, by=by, changes=changed)
    return live


@transaction.atomic
def vacancy_revision_reject(*, revision: VacancyRevision, by: User, reason: str) -> VacancyRevision:
    """A recruiter turns the changes down with a reason the employer sees; the live vacancy is unchanged."""
    require(recruiter_may(by, CHANGE_VACANCY), "Only recruiters can reject changes.")
    reason = (reason or "").strip()
    require(bool(reason), "Say why the changes are rejected, so the employer can fix them.")
    require(len(reason) <= 2000, "Keep the reason under 2,000 characters.")
    locked = _pending_revision(revision)
    _decide(locked, RevisionStatus.REJECTED, by, reason)
    vacancy_revision_decided.send(sender=VacancyRevision, revision=locked, by=by, changes="")
    return locked


def revision_changes(revision: VacancyRevision) -> list[dict]:
    """What the revision changes, for people: [{"label", "before", "after"}], fields then skills."""
    return _changes(revision.vacancy_id, fields=revision.fields, skill_ids=revision.skills)


def _changes(vacancy_id: int, *, fields: dict, skill_ids: dict[str, list[int]]) -> list[dict]:
    """What `fields` (REVISABLE_FIELDS as stored) and `skill_ids` change on the vacancy as it is saved."""
    live = Vacancy.objects.select_related("role_family", "industry").get(pk=vacancy_id)
    proposed = Vacancy.objects.get(pk=vacancy_id)
    _apply(proposed, fields)
    changes = []
    for name in REVISABLE_FIELDS:
        before, after = _shown(live, name), _shown(proposed, name)
        if before != after:
            changes.append(
                {
                    "label": str(Vacancy._meta.get_field(name).verbose_name).capitalize(),
                    "before": before,
                    "after": after,
                }
            )
    current = _current_skill_ids(live)
    names = dict(
        Skill.objects.filter(pk__in={pk for ids in [*current.values(), *skill_ids.values()] for pk in ids}).values_list(
            "pk", "name"
        )
    )
    for kind in SKILL_KINDS:
        before = ", ".join(sorted(names.get(pk, "") for pk in current[kind])) or "None"
        after = ", ".join(sorted(names.get(pk, "") for pk in skill_ids.get(kind, []))) or "None"
        if before != after:
            changes.append({"label": f"{kind.replace('_', '-').capitalize()} skills", "before": before, "after": after})
    return changes


def _shown(vacancy: Vacancy, name: str) -> str:
    field = Vacancy._meta.get_field(name)
    if field.choices and name != "country":
        return str(getattr(vacancy, f"get_{name}_display")())
    if name == "country":
        return vacancy.country.name if vacancy.country else ""
    value = getattr(vacancy, name)
    return "" if value is None else str(value)
