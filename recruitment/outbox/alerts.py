"""Match alerts: the outbox rows for matches that deserve one, matching plus alerting as one service,
and turning alerts off.

Imports go one way: alerts -> events and recruitment.matching; no outbox module imports the tasks. The
services return the ids of the rows to send now; the caller enqueues them (`recruitment.tasks`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.matching import candidate_match, vacancy_match
from recruitment.models import Match, Notification
from recruitment.outbox.events import CHUNK, Kind, Status, chunked, insert_pending
from vacancies.models import Application, Vacancy

ALERT_KINDS = (Kind.MATCH_ALERT, Kind.MATCH_DIGEST)


def alert_dedupe_key(*, profile_id: int, vacancy_id: int) -> str:
    return f"{Kind.MATCH_ALERT}:{profile_id}:{vacancy_id}"


def vacancy_is_alerted(vacancy: Vacancy) -> bool:
    return vacancy.is_open and vacancy.role_family.slug in settings.MATCH_ALERT_ROLE_FAMILIES


def alerts_for_matches(matches: Iterable) -> list[int]:
    """Outbox rows for the matches (Match rows, or what vacancy_match returns) that deserve an alert;
    returns the ids to send now.

    A match alerts when its vacancy is open and in an alerted role family, its score reaches
    MATCH_ALERT_THRESHOLD, the candidate is alertable (open, verified, consenting, alerts on) and has
    not applied to that vacancy already. The unique dedupe key (candidate + vacancy) means one alert per
    candidate and vacancy, ever. Instant candidates' rows are pending (sent now); daily and weekly
    candidates' rows are held for their digest."""
    threshold = settings.MATCH_ALERT_THRESHOLD
    candidates = [m for m in matches if m.score >= threshold]
    if not candidates:
        return []
    vacancies = {
        v.pk: v
        for v in Vacancy.objects.filter(pk__in={m.vacancy_id for m in candidates}).select_related(
            "role_family", "company"
        )
    }
    candidates = [m for m in candidates if m.vacancy_id in vacancies and vacancy_is_alerted(vacancies[m.vacancy_id])]
    profiles: dict[int, CandidateProfile] = {}
    profile_ids = sorted({m.candidate_id for m in candidates})
    for chunk in chunked(profile_ids, CHUNK):
        for profile in CandidateProfile.objects.alertable().filter(pk__in=chunk).select_related("user").distinct():
            profiles[profile.pk] = profile
    applied: set[tuple[int, int]] = set()
    user_ids = [p.user_id for p in profiles.values()]
    for chunk in chunked(user_ids, CHUNK):
        applied.update(
            Application.objects.filter(candidate_id__in=chunk, vacancy_id__in=vacancies).values_list(
                "candidate_id", "vacancy_id"
            )
        )
    # The Match rows' ids, for the alerts that will link to them.
    match_ids: dict[tuple[int, int], int] = {}
    for chunk in chunked(sorted(profiles), CHUNK):
        match_ids.update(
            ((candidate_id, vacancy_id), pk)
            for candidate_id, vacancy_id, pk in Match.objects.filter(
                candidate_id__in=chunk, vacancy_id__in=vacancies
            ).values_list("candidate_id", "vacancy_id", "pk")
        )
    rows = []
    for match in candidates:
        profile = profiles.get(match.candidate_id)
        if profile is None or (profile.user_id, match.vacancy_id) in applied:
            continue
        instant = profile.alert_frequency == CandidateProfile.AlertFrequency.INSTANT
        rows.append(
            Notification(
                kind=Kind.MATCH_ALERT,
                recipient_id=profile.user_id,
                to_email=profile.user.email,
                vacancy_id=match.vacancy_id,
                match_id=match_ids.get((match.candidate_id, match.vacancy_id)),
                dedupe_key=alert_dedupe_key(profile_id=profile.pk, vacancy_id=match.vacancy_id),
                # A snapshot: the email explains the match as it was when it was found.
                context={"score": match.score, "breakdown": match.breakdown},
                status=Status.PENDING if instant else Status.HELD,
            )
        )
    return insert_pending(rows)


@transaction.atomic
def vacancy_match_and_alert(*, vacancy: Vacancy) -> list[int]:
    """Match a vacancy against candidates and write the alert rows, in one transaction: when Match
    rows computed after publication exist, so do the alerts (the sweeper relies on this)."""
    return alerts_for_matches(vacancy_match(vacancy=vacancy))


@transaction.atomic
def candidate_match_and_alert(*, profile: CandidateProfile) -> list[int]:
    """Match a candidate against open vacancies and write the alert rows, in one transaction."""
    return alerts_for_matches(candidate_match(profile=profile))


def candidate_alerts_unsubscribe(*, profile: CandidateProfile) -> bool:
    """Turn match alerts off and cancel every alert not yet sent. Idempotent; True if anything changed."""
    with transaction.atomic():
        changed = False
        if profile.alert_frequency != CandidateProfile.AlertFrequency.OFF:
            profile.alert_frequency = CandidateProfile.AlertFrequency.OFF
            profile.save(update_fields=["alert_frequency", "updated_at"])
            changed = True
        cancelled = Notification.objects.filter(
            recipient_id=profile.user_id, kind__in=ALERT_KINDS, status__in=[Status.HELD, Status.PENDING]
        ).update(status=Status.CANCELLED, last_error="The candidate unsubscribed.", updated_at=timezone.now())
    return changed or cancelled > 0
