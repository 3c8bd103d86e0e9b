"""Match alerts: the outbox rows for matches that deserve one, matching plus alerting as one service,
and turning alerts off.

Imports go one way: alerts -> events and recruitment.matching; no outbox module imports the tasks. The
services return the ids of the rows to send now; the caller enqueues them (`recruitment.tasks`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.matching import candidate_match, vacancy_match, vacancy_match_merge
from recruitment.models import Match, Notification
from recruitment.outbox.events import CHUNK, Kind, Status, chunked, insert_pending
from vacancies.models import Application, Vacancy

ALERT_KINDS = (Kind.MATCH_ALERT, Kind.MATCH_DIGEST)


def alert_dedupe_key(*, profile_id: int, vacancy_id: int) -> str:
    return f"{Kind.MATCH_ALERT}:{profile_id}:{vacancy_id}"


def vacancy_is_alerted(vacancy: Vacancy, extra_family_ids: frozenset[int] = frozenset()) -> bool:
    """An open vacancy in the agency's alerted role families, or in `extra_family_ids` (those a candidate
    opted in to: CandidateProfile.extra_alert_role_families)."""
    return vacancy.is_open and (
        vacancy.role_family.slug in settings.MATCH_ALERT_ROLE_FAMILIES or vacancy.role_family_id in extra_family_ids
    )


# Alerts that went out (or are going out) one by one, as opposed to held for a digest or cancelled.
INSTANT_STATUSES = (Status.PENDING, Status.SENDING, Status.SENT, Status.FAILED)


def _extra_families(profile_ids: list[int]) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    through = CandidateProfile.extra_alert_role_families.through
    for chunk in chunked(profile_ids, CHUNK):
        for profile_id, family_id in through.objects.filter(candidateprofile_id__in=chunk).values_list(
            "candidateprofile_id", "rolefamily_id"
        ):
            found[profile_id].add(family_id)
    return {pk: frozenset(ids) for pk, ids in found.items()}


def _alerts_so_far(user_ids: list[int], vacancy_ids: set[int], *, now) -> tuple[set, Counter, Counter]:
    """For these users and vacancies: the (user, vacancy) pairs alerted already, how many alerts each
    vacancy has written (to anyone, not counting cancelled ones), and how many instant alerts each user
    had in the last 7 days."""
    alerts = Notification.objects.filter(kind=Kind.MATCH_ALERT)
    done: set[tuple[int, int]] = set()
    instant: Counter = Counter()
    week_ago = now - timedelta(days=7)
    for chunk in chunked(user_ids, CHUNK):
        done.update(
            alerts.filter(recipient_id__in=chunk, vacancy_id__in=vacancy_ids).values_list("recipient_id", "vacancy_id")
        )
        instant.update(
            dict(
                alerts.filter(recipient_id__in=chunk, created_at__gte=week_ago, status__in=INSTANT_STATUSES)
                .values("recipient_id")
                .annotate(n=Count("pk"))
                .values_list("recipient_id", "n")
            )
        )
    per_vacancy: Counter = Counter()
    for chunk in chunked(sorted(vacancy_ids), CHUNK):
        per_vacancy.update(
            dict(
                alerts.filter(vacancy_id__in=chunk)
                .exclude(status=Status.CANCELLED)
                .values("vacancy_id")
                .annotate(n=Count("pk"))
                .values_list("vacancy_id", "n")
            )
        )
    return done, per_vacancy, instant


def alerts_for_matches(matches: Iterable) -> list[int]:
    """Outbox rows for the matches (Match rows, or what vacancy_match returns) that deserve an alert;
    returns the ids to send now.

    A match alerts when its vacancy is open and in an alerted role family (the agency's, or one the
    candidate opted in to), its score reaches MATCH_ALERT_THRESHOLD, the candidate is alertable (open,
    verified, consenting, alerts on) and has not applied to that vacancy already. The unique dedupe key
    (candidate + vacancy) means one alert per candidate and vacancy, ever.

    Alert fatigue: a vacancy alerts at most MATCH_ALERTS_PER_VACANCY candidates (the best by score), and a
    candidate gets at most MATCH_INSTANT_ALERTS_PER_WEEK instant alerts in 7 days. Rows past that, and
    daily and weekly candidates' rows, are held for the next digest; instant rows are pending (sent now)."""
    threshold = settings.MATCH_ALERT_THRESHOLD
    candidates = sorted(
        (m for m in matches if m.score >= threshold), key=lambda m: (-m.score, m.vacancy_id, m.candidate_id)
    )
    if not candidates:
        return []
    vacancies = {
        v.pk: v
        for v in Vacancy.objects.filter(pk__in={m.vacancy_id for m in candidates}).select_related(
            "role_family", "company"
        )
        if v.is_open
    }
    candidates = [m for m in candidates if m.vacancy_id in vacancies]
    profiles: dict[int, CandidateProfile] = {}
    profile_ids = sorted({m.candidate_id for m in candidates})
    for chunk in chunked(profile_ids, CHUNK):
        for profile in CandidateProfile.objects.alertable().filter(pk__in=chunk).select_related("user").distinct():
            profiles[profile.pk] = profile
    # Opt-ins matter only for vacancies outside the agency's alerted families.
    needs_opt_in = any(not vacancy_is_alerted(v) for v in vacancies.values())
    extra = _extra_families(sorted(profiles)) if needs_opt_in else {}
    candidates = [
        m
        for m in candidates
        if m.candidate_id in profiles and vacancy_is_alerted(vacancies[m.vacancy_id], extra.get(m.candidate_id, NONE))
    ]
    if not candidates:
        return []
    applied: set[tuple[int, int]] = set()
    user_ids = sorted({profiles[m.candidate_id].user_id for m in candidates})
    for chunk in chunked(user_ids, CHUNK):
        applied.update(
            Application.objects.filter(candidate_id__in=chunk, vacancy_id__in=vacancies).values_list(
                "candidate_id", "vacancy_id"
            )
        )
    now = timezone.now()
    done, per_vacancy, instant_so_far = _alerts_so_far(user_ids, set(vacancies), now=now)
    # The Match rows' ids, for the alerts that will link to them.
    match_ids: dict[tuple[int, int], int] = {}
    for chunk in chunked(sorted(profiles), CHUNK):
        match_ids.update(
            ((candidate_id, vacancy_id), pk)
            for candidate_id, vacancy_id, pk in Match.objects.filter(
                candidate_id__in=chunk, vacancy_id__in=vacancies
            ).values_list("candidate_id", "vacancy_id", "pk")
        )
    per_vacancy_cap = settings.MATCH_ALERTS_PER_VACANCY
    instant_cap = settings.MATCH_INSTANT_ALERTS_PER_WEEK
    rows = []
    for match in candidates:  # best first
        profile = profiles[match.candidate_id]
        pair = (profile.user_id, match.vacancy_id)
        if pair in applied or pair in done or per_vacancy[match.vacancy_id] >= per_vacancy_cap:
            continue
        per_vacancy[match.vacancy_id] += 1
        instant = profile.alert_frequency == CandidateProfile.AlertFrequency.INSTANT
        if instant and instant_so_far[profile.user_id] >= instant_cap:
            instant = False  # enough instant alerts this week: the next daily digest carries it
        elif instant:
            instant_so_far[profile.user_id] += 1
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


NONE: frozenset[int] = frozenset()


@transaction.atomic
def vacancy_match_and_alert(*, vacancy: Vacancy) -> list[int]:
    """Match a vacancy against candidates and write the alert rows, in one transaction: when Match
    rows computed after publication exist, so do the alerts (the sweeper relies on this)."""
    return alerts_for_matches(vacancy_match(vacancy=vacancy))


@transaction.atomic
def vacancy_match_merge_and_alert(*, vacancy: Vacancy, chunks: list, parts: list[dict]) -> list[int]:
    """The fan-out's last step: merge the chunks' results (`recruitment.matching.vacancy_match_merge`),
    store the vacancy's best and write the alert rows, in one transaction, as `vacancy_match_and_alert`
    does. Running it again (a redelivered message) stores the same rows and writes no second alert (the
    dedupe keys)."""
    return alerts_for_matches(vacancy_match_merge(vacancy=vacancy, chunks=chunks, parts=parts))


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
