"""Introductions (submittals): the recruiter puts a candidate forward, the candidate consents, the client
answers. The records are in `recruitment.models.introductions`; the emails in `recruitment.emails.introductions`.

Each function is a service: keyword-only with `by=` (None where the candidate answers through a signed
link), atomic, locking the introduction's row, checking who may act, writing an `IntroductionEvent` for every
move, and returning the outbox ids for the caller to enqueue on commit. Refusals raise `WorkflowError` with
a message a person reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.files import generate_private_name, safe_download_name
from accounts.models import CandidateProfile, User
from accounts.rules import recruiter_may
from recruitment.emails import declines
from recruitment.emails import introductions as notices
from recruitment.models import ContactLogEntry
from recruitment.models.introductions import Introduction, IntroductionEvent
from recruitment.services.common import contact_refusal, display_name, locked, require
from vacancies.models import Application, ApplicationStageChange, Vacancy
from vacancies.services import WorkflowError, user_is_employer_of

Status = Introduction.Status
INTRODUCE = "recruitment.add_introduction"
CHANGE_INTRODUCTION = "recruitment.change_introduction"
PITCH_MAX = 2000
NOTE_MAX = 2000

# What every state change here locks and reads with the row.
LOCK_RELATED = ("candidate__user", "vacancy__company", "recruiter")


def _move(introduction: Introduction, to: str, *, by: User | None, note: str = "", now: datetime | None = None) -> None:
    now = now or timezone.now()
    IntroductionEvent.objects.create(
        introduction=introduction, from_status=introduction.status, to_status=to, by=by, note=note, at=now
    )
    introduction.status = to
    introduction.status_changed_at = now


def _admin_path(introduction: Introduction) -> str:
    return reverse("admin:recruitment_introduction_change", args=[introduction.pk])


def _tell_recruiter(introduction: Introduction, event: str, *, note: str = "") -> list[int]:
    return notices.recruiter_update_notifications(
        event=event,
        candidate_name=display_name(introduction.candidate),
        key=f"{introduction.pk}:{introduction.consent_round}",
        recruiter=introduction.recruiter,
        vacancy=introduction.vacancy,
        application=introduction.application,
        note=note,
        admin_path=_admin_path(introduction),
    )


def _clean_text(text: str, limit: int, what: str) -> str:
    text = (text or "").strip()
    require(len(text) <= limit, f"Keep the {what} under {limit:,} characters.")
    require("\x00" not in text, f"The {what} holds a character we cannot store.")
    return text


# --- The recruiter ---------------------------------------------------------------------------


def introduction_refusal(*, profile: CandidateProfile, vacancy: Vacancy) -> str | None:
    """Why `profile` may not be introduced to `vacancy`'s client now, in words; None when they may."""
    refusal = contact_refusal(profile=profile, vacancy=vacancy, closed=f"“{vacancy.title}” is not open.")
    if refusal is not None:
        return refusal
    existing = Introduction.objects.filter(candidate=profile, vacancy=vacancy).first()
    if existing is not None:
        name, day = display_name(profile), f"{existing.created_at:%-d %b %Y}"
        return f"{name} was already introduced for “{vacancy.title}” on {day}."
    return None


def _names_the_candidate(pitch: str, profile: CandidateProfile) -> bool:
    """True when the pitch holds the candidate's first or last name as a word (whatever the case or the
    punctuation around it: "Ana's", "(Ana)"), their email or their LinkedIn address."""
    text = pitch.casefold()
    user = profile.user
    names = [part.strip().casefold() for part in (user.first_name, user.last_name) if len(part.strip()) > 1]
    if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names):
        return True
    linkedin = profile.linkedin_url.casefold().rstrip("/")
    handle = linkedin.rsplit("/in/", 1)[1] if "/in/" in linkedin else ""
    return user.email.casefold() in text or bool(handle and handle in text)


@dataclass
class IntroductionSent:
    introduction: Introduction
    notification_ids: list[int] = field(default_factory=list)


@transaction.atomic
def introduction_propose(
    *, candidate: CandidateProfile, vacancy: Vacancy, by: User, pitch: str, presentation: str, ask_now: bool = True
) -> IntroductionSent:
    """Put `candidate` forward for `vacancy` with a pitch, fully or anonymised. With `ask_now` the candidate
    is asked at once; otherwise it waits as a proposal the recruiter sends later (`introduction_ask`)."""
    require(recruiter_may(by, INTRODUCE), "You cannot introduce candidates.")
    require(presentation in Introduction.Presentation.values, "Choose full or anonymised.")
    pitch = _clean_text(pitch, PITCH_MAX, "pitch")
    require(bool(pitch), "Write a short pitch: it is what the candidate and the client read first.")
    profile = CandidateProfile.objects.select_for_update().select_related("user").get(pk=candidate.pk)
    refusal = introduction_refusal(profile=profile, vacancy=vacancy)
    require(refusal is None, refusal or "")
    if presentation == Introduction.Presentation.ANONYMISED:
        require(
            not _names_the_candidate(pitch, profile),
            "The pitch names the candidate: an anonymised introduction must not.",
        )
    introduction = Introduction(
        candidate=profile, vacancy=vacancy, recruiter=by, pitch=pitch, presentation=presentation
    )
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as exc:
        raise WorkflowError(f"{display_name(profile)} was already introduced for “{vacancy.title}”.") from exc
    IntroductionEvent.objects.create(introduction=introduction, to_status=Status.PROPOSED, by=by)
    ContactLogEntry.objects.create(
        candidate=profile,
        vacancy=vacancy,
        kind=ContactLogEntry.Kind.INTRODUCTION,
        summary=f"Introduction to {vacancy.company.name} proposed "
        f"({introduction.get_presentation_display().split(' (')[0].lower()}): {pitch}",
        by=by,
        at=introduction.created_at,
    )
    ids = _ask(introduction, by=by) if ask_now else []
    return IntroductionSent(introduction=introduction, notification_ids=ids)


def _ask(introduction: Introduction, *, by: User | None, round_: int = 1, note: str = "") -> list[int]:
    now = timezone.now()
    _move(introduction, Status.AWAITING_CANDIDATE if round_ == 1 else Status.REVEAL_REQUESTED, by=by, note=note)
    introduction.consent_round = round_
    introduction.asked_at = now
    introduction.reminded_at = None
    introduction.save()
    return notices.consent_request_notifications(introduction=introduction)


@transaction.atomic
def introduction_ask(*, introduction: Introduction, by: User) -> list[int]:
    """Send a proposal to the candidate for their consent."""
    require(recruiter_may(by, CHANGE_INTRODUCTION), "You cannot change introductions.")
    introduction = locked(introduction, *LOCK_RELATED)
    require(introduction.status == Status.PROPOSED, "Only a proposal can be sent to the candidate.")
    refusal = introduction_refusal_when_asking(introduction)
    require(refusal is None, refusal or "")
    return _ask(introduction, by=by)


def introduction_refusal_when_asking(introduction: Introduction) -> str | None:
    profile, vacancy = introduction.candidate, introduction.vacancy
    if not vacancy.is_open:
        return f"“{vacancy.title}” is not open."
    if not (profile.open_to_opportunities and profile.user.is_active and profile.has_consented):
        return f"{display_name(profile)} is no longer open to being contacted."
    return None


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, by: User, note: str = "") -> Introduction:
    """The agency takes an introduction back (before the client answered)."""
    require(recruiter_may(by, CHANGE_INTRODUCTION), "You cannot change introductions.")
    note = _clean_text(note, NOTE_MAX, "note")
    introduction = locked(introduction, *LOCK_RELATED)
    require(not introduction.is_final, "This introduction is over already.")
    _move(introduction, Status.WITHDRAWN, by=by, note=note)
    introduction.save()
    return introduction


# --- The candidate ---------------------------------------------------------------------------


@transaction.atomic
def introduction_candidate_answer(
    *, introduction: Introduction, consent_round: int, accept: bool, reason: str = "", note: str = ""
) -> list[int]:
    """The candidate's answer to the question of round `consent_round` (from a signed link or their
    dashboard). Accepting round 1 sends the introduction to the client; accepting round 2 reveals them."""
    note = _clean_text(note, NOTE_MAX, "note")
    introduction = locked(introduction, *LOCK_RELATED)
    require(
        introduction.awaits_candidate and introduction.consent_round == consent_round,
        "This question has been answered already or is no longer open.",
    )
    candidate_user = introduction.candidate.user
    if not accept:
        require(reason in Introduction.CandidateReason.values, "Choose a reason: it helps us find a better fit.")
        introduction.candidate_reason = reason
        introduction.candidate_note = note
        _move(introduction, Status.DECLINED_BY_CANDIDATE, by=candidate_user, note=note)
        introduction.save()
        return _tell_recruiter(introduction, "declined", note=note)
    event = "accepted" if consent_round == 1 else "revealed"
    if consent_round == 2:
        introduction.revealed_at = timezone.now()
    _move(introduction, Status.WITH_CLIENT, by=candidate_user)
    introduction.save()
    if consent_round == 2 and introduction.interested_on_reveal:
        # The client said "Interested" already: revealing opens the application, no second round.
        asker = introduction.events.filter(to_status=Status.REVEAL_REQUESTED).order_by("-at", "-pk").first()
        revealed = [*notices.client_notifications(introduction=introduction), *_tell_recruiter(introduction, event)]
        try:
            with transaction.atomic():
                return [*revealed, *_interested(introduction, by=asker.by if asker else None)]
        except WorkflowError as refused:
            # The role closed, or they applied meanwhile: revealed all the same; the recruiter takes it from here.
            return [*revealed, *_tell_recruiter(introduction, "interest_blocked", note=str(refused))]
    return [
        *notices.client_notifications(introduction=introduction),
        *_tell_recruiter(introduction, event, note=note),
    ]


# --- The client -------------------------------------------------------------------------------

ANSWER_INTERESTED = "interested"
ANSWER_NOT_A_FIT = "not_a_fit"
ANSWER_REVEAL = "reveal"
CLIENT_ANSWERS = (ANSWER_INTERESTED, ANSWER_NOT_A_FIT, ANSWER_REVEAL)


def client_may_answer(introduction: Introduction, by: User) -> bool:
    company_id = introduction.vacancy.company_id
    return user_is_employer_of(by, company_id) or recruiter_may(by, CHANGE_INTRODUCTION)


@transaction.atomic
def introduction_client_answer(
    *, introduction: Introduction, by: User, answer: str, reason: str = "", note: str = ""
) -> list[int]:
    """The client's answer: Interested (an Application at Screening, introduced by the agency, with a copy
    of the CV), Not a fit (a reason; the candidate hears it from the recruiter), or Ask to reveal."""
    require(answer in CLIENT_ANSWERS, "Choose an answer.")
    note = _clean_text(note, NOTE_MAX, "note")
    introduction = locked(introduction, *LOCK_RELATED)
    require(client_may_answer(introduction, by), "You cannot answer this introduction.")
    require(introduction.status == Status.WITH_CLIENT, "This introduction is not waiting for your answer.")
    if answer == ANSWER_REVEAL:
        require(introduction.is_anonymised, "You already see who this candidate is.")
        ids = _ask(introduction, by=by, round_=2, note=note)
        return [*ids, *_tell_recruiter(introduction, "reveal_requested", note=note)]
    if answer == ANSWER_NOT_A_FIT:
        require(reason in Introduction.ClientReason.values, "Choose a reason: the recruiter needs it.")
        introduction.client_reason = reason
        introduction.client_note = note
        _move(introduction, Status.NOT_A_FIT, by=by, note=note)
        introduction.save()
        # The candidate hears it from the recruiter: a held decline, released by the sweeper or sent at once
        # from the workspace, never now.
        declines.decline_notice_schedule(
            user=introduction.candidate.user, vacancy=introduction.vacancy, key=f"introduction:{introduction.pk}"
        )
        return _tell_recruiter(introduction, "not_a_fit", note=note)
    if introduction.is_anonymised:
        # Interested in one step: the candidate is asked to reveal, and their yes opens the application.
        require(introduction.vacancy.is_open, f"“{introduction.vacancy.title}” no longer takes applications.")
        introduction.interested_on_reveal = True
        introduction.client_note = note
        ids = _ask(introduction, by=by, round_=2, note=note)
        return [*ids, *_tell_recruiter(introduction, "interested_pending_reveal", note=note)]
    return _interested(introduction, by=by, note=note)


def _interested(introduction: Introduction, *, by: User | None, note: str = "") -> list[int]:
    """The client is interested in a candidate it knows: the application opens at Screening."""
    introduction.application = _application_from(introduction, by=by)
    if note:
        introduction.client_note = note
    _move(introduction, Status.CLIENT_INTERESTED, by=by, note=note)
    introduction.save()
    return [
        *notices.candidate_outcome_notifications(introduction=introduction),
        *_tell_recruiter(introduction, "interested", note=note),
    ]


def _application_from(introduction: Introduction, *, by: User) -> Application:
    """The Application an interested client starts: at Screening, marked "introduced by the agency", with
    its own copy of the profile's CV (as a direct application has)."""
    profile, vacancy = introduction.candidate, introduction.vacancy
    require(vacancy.is_open, f"“{vacancy.title}” no longer takes applications.")
    require(
        not Application.objects.filter(candidate_id=profile.user_id, vacancy=vacancy).exists(),
        "This candidate has applied to the vacancy meanwhile: see their application.",
    )
    application = Application(
        candidate=profile.user, vacancy=vacancy, stage=Application.Stage.SCREENING, source=Application.Source.INTRODUCED
    )
    if profile.cv:
        with profile.cv.open("rb") as fh:
            content = ContentFile(fh.read())
        original = profile.cv_original_name or PurePath(profile.cv.name).name
        application.cv_original_name = safe_download_name(original, fallback="cv")[:255]
        application.cv.save(generate_private_name(PurePath(profile.cv.name).suffix), content, save=False)
    try:
        with transaction.atomic():
            application.save()
    except BaseException:
        if application.cv:
            application.cv.delete(save=False)
        raise
    ApplicationStageChange.objects.create(
        application=application,
        from_stage="",
        to_stage=Application.Stage.SCREENING,
        by=by,
        note="Introduced by the agency; the client is interested.",
    )
    return application


# --- Time ---------------------------------------------------------------------------------------


def introductions_sweep(*, now: datetime | None = None) -> list[int]:
    """Remind once the candidates who have not answered after INTRODUCTION_REMIND_AFTER_DAYS, and expire
    the questions unanswered after INTRODUCTION_EXPIRES_DAYS (the recruiter hears it). Returns outbox ids."""
    now = now or timezone.now()
    expires = timedelta(days=settings.INTRODUCTION_EXPIRES_DAYS)
    remind = timedelta(days=settings.INTRODUCTION_REMIND_AFTER_DAYS)
    ids: list[int] = []
    waiting = Introduction.objects.awaiting_candidate()
    for pk in waiting.filter(asked_at__lte=now - expires).values_list("pk", flat=True):
        with transaction.atomic():
            introduction = locked(Introduction(pk=pk), *LOCK_RELATED)
            if not introduction.awaits_candidate or introduction.asked_at > now - expires:
                continue
            _move(introduction, Status.EXPIRED, by=None, note="No answer from the candidate in time.", now=now)
            introduction.save()
            ids += _tell_recruiter(introduction, "expired")
    due = waiting.filter(asked_at__lte=now - remind, asked_at__gt=now - expires, reminded_at__isnull=True)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            introduction = locked(Introduction(pk=pk), *LOCK_RELATED)
            if not introduction.awaits_candidate or introduction.reminded_at is not None:
                continue
            introduction.reminded_at = now
            introduction.save(update_fields=["reminded_at"])
            ids += notices.consent_request_notifications(introduction=introduction, reminder=True)
    return ids
