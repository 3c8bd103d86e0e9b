"""Match alerts: the email a candidate gets when a new opening fits them, instantly or held for their daily
or weekly digest; which matches deserve one; bundling the held ones into digests; and turning them off.

The matching that finds them, then alerts (`vacancy_match_and_alert`...), is `recruitment.matching.alerting`.
Both kinds are mass email: one-click unsubscribe, and checked at send time against the candidate's current
consent and preferences (and, for an alert, the vacancy still being open)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from accounts.models import CandidateProfile, RoleFamily, User
from recruitment.emails.common import criteria
from recruitment.models import Match, Notification
from recruitment.outbox.enqueue import deliver_on_commit
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, first_url
from recruitment.outbox.rows import CHUNK, chunked, insert_pending, insert_rows
from vacancies.models import Application, Vacancy

Status = Notification.Status


def _links() -> dict:
    return {
        "preferences_url": first_url(("accounts:profile", None), ("accounts:dashboard", None)),
        "matches_url": first_url(("accounts:matches", None), ("accounts:dashboard", None)),
    }


def alert_context(notification: Notification, shared: MessageCache) -> dict:
    return {**_links(), "criteria": criteria(notification.context.get("breakdown"))}


def alertable_recipients(rows: list[Notification]) -> set[int]:
    """The recipients among these rows who still take match alerts (one query per 500)."""
    recipients = sorted({row.recipient_id for row in rows if row.recipient_id})
    found: set[int] = set()
    for chunk in chunked(recipients, CHUNK):
        found.update(CandidateProfile.objects.alertable().filter(user_id__in=chunk).values_list("user_id", flat=True))
    return found


def alert_why_not_send(notification: Notification, alertable: set[int]) -> str:
    if notification.recipient_id not in alertable:
        return "The candidate no longer receives match alerts."
    if notification.kind == MATCH_ALERT and not (notification.vacancy and notification.vacancy.is_open):
        return "The vacancy is no longer open."
    return ""


MATCH_ALERT = register(
    "match_alert",
    "Match alert",
    context=alert_context,
    prepare=alertable_recipients,
    why_not_send=alert_why_not_send,
    unsubscribe=True,
)


# A digest lists at most this many matches; the rest are on the candidate's pages.
DIGEST_LIMIT = 20


def digest_context(notification: Notification, shared: MessageCache) -> dict:
    items = [
        {
            **shared.vacancy(item.vacancy),
            "score": item.context.get("score"),
            "criteria": criteria(item.context.get("breakdown")),
        }
        for item in notification.items.select_related("vacancy__company", "vacancy__role_family")
        if item.vacancy is not None
    ]
    items.sort(key=lambda item: (-(item["score"] or 0), item["vacancy"].title))
    return {
        **_links(),
        "items": items[:DIGEST_LIMIT],
        "more": max(0, len(items) - DIGEST_LIMIT),
        "frequency_label": CandidateProfile.AlertFrequency(
            notification.context.get("frequency", "daily")
        ).label.lower(),
    }


MATCH_DIGEST = register(
    "match_digest",
    "Match digest",
    context=digest_context,
    prepare=alertable_recipients,
    why_not_send=alert_why_not_send,
    unsubscribe=True,
)
ALERT_KINDS = (MATCH_ALERT, MATCH_DIGEST)


def alert_dedupe_key(*, profile_id: int, vacancy_id: int) -> str:
    return f"{MATCH_ALERT}:{profile_id}:{vacancy_id}"


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
    alerts = Notification.objects.filter(kind=MATCH_ALERT)
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
    returns the ids of the rows to send now (scheduled for delivery on commit).

    A match alerts when its vacancy is open and in an alerted role family (the agency's, or one the
    candidate opted in to), its score reaches MATCH_ALERT_THRESHOLD, the candidate is alertable (open,
    verified, consenting, alerts on) and has not applied to that vacancy already. The unique dedupe key
    (candidate + vacancy) means one alert per candidate and vacancy, ever.

    Alert fatigue: a vacancy alerts at most MATCH_ALERTS_PER_VACANCY candidates (the best by score), and a
    candidate gets at most MATCH_INSTANT_ALERTS_PER_WEEK instant alerts in 7 days. Rows past that, and
    daily and weekly candidates' rows, are held for the next digest; instant rows are pending (sent now)."""
    candidates, vacancies, profiles = _alertable_matches(matches)
    if not candidates:
        return []
    user_ids = sorted({profiles[m.candidate_id].user_id for m in candidates})
    applied: set[tuple[int, int]] = set()
    for chunk in chunked(user_ids, CHUNK):
        applied.update(
            Application.objects.filter(candidate_id__in=chunk, vacancy_id__in=vacancies).values_list(
                "candidate_id", "vacancy_id"
            )
        )
    done, per_vacancy, instant_so_far = _alerts_so_far(user_ids, set(vacancies), now=timezone.now())
    match_ids = _match_ids(sorted(profiles), vacancies)
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
        rows.append(_alert_row(match, profile, match_ids, instant=instant))
    return insert_pending(rows)


def _alertable_matches(matches: Iterable) -> tuple[list, dict[int, Vacancy], dict[int, CandidateProfile]]:
    """The matches over the threshold whose vacancy is open and alerted for their alertable candidate, best
    first, with those vacancies and profiles."""
    threshold = settings.MATCH_ALERT_THRESHOLD
    candidates = sorted(
        (m for m in matches if m.score >= threshold), key=lambda m: (-m.score, m.vacancy_id, m.candidate_id)
    )
    if not candidates:
        return [], {}, {}
    vacancies = {
        v.pk: v
        for v in Vacancy.objects.filter(pk__in={m.vacancy_id for m in candidates}).select_related(
            "role_family", "company"
        )
        if v.is_open
    }
    candidates = [m for m in candidates if m.vacancy_id in vacancies]
    profiles: dict[int, CandidateProfile] = {}
    for chunk in chunked(sorted({m.candidate_id for m in candidates}), CHUNK):
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
    return candidates, vacancies, profiles


def _match_ids(profile_ids: list[int], vacancies) -> dict[tuple[int, int], int]:
    """The Match rows' ids, for the alerts that will link to them."""
    found: dict[tuple[int, int], int] = {}
    for chunk in chunked(profile_ids, CHUNK):
        found.update(
            ((candidate_id, vacancy_id), pk)
            for candidate_id, vacancy_id, pk in Match.objects.filter(
                candidate_id__in=chunk, vacancy_id__in=vacancies
            ).values_list("candidate_id", "vacancy_id", "pk")
        )
    return found


def _alert_row(match, profile: CandidateProfile, match_ids: dict, *, instant: bool) -> Notification:
    return Notification(
        kind=MATCH_ALERT,
        recipient_id=profile.user_id,
        to_email=profile.user.email,
        vacancy_id=match.vacancy_id,
        match_id=match_ids.get((match.candidate_id, match.vacancy_id)),
        dedupe_key=alert_dedupe_key(profile_id=profile.pk, vacancy_id=match.vacancy_id),
        # A snapshot: the email explains the match as it was when it was found.
        context={"score": match.score, "breakdown": match.breakdown},
        status=Status.PENDING if instant else Status.HELD,
    )


NONE: frozenset[int] = frozenset()


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


# --- Digests -------------------------------------------------------------------------------------------


def digest_period(frequency: str, now: datetime) -> str:
    today = timezone.localdate(now)
    if frequency == CandidateProfile.AlertFrequency.WEEKLY:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    return today.isoformat()


def digests_build(*, frequency: str, now: datetime | None = None) -> list[int]:
    """Bundle each candidate's held alerts into one digest row (items become DIGESTED, linked to it).

    The daily run also collects held alerts of candidates who switched to instant since (and of instant
    candidates past their weekly instant alerts). Alerts for vacancies that closed meanwhile, or for role
    families the candidate no longer opts in to, are cancelled. One digest per candidate and period (dedupe key),
    so a second run the same day does nothing. Returns the ids of the new digest rows (each scheduled for
    delivery when its transaction commits)."""
    Freq = CandidateProfile.AlertFrequency
    if frequency not in (Freq.DAILY, Freq.WEEKLY):
        raise ValueError(f"Unknown digest frequency: {frequency!r}")
    now = now or timezone.now()
    frequencies = [Freq.DAILY, Freq.INSTANT] if frequency == Freq.DAILY else [Freq.WEEKLY]
    held = Notification.objects.held().filter(kind=MATCH_ALERT)
    closed = held.exclude(vacancy__in=Vacancy.objects.open())
    closed.update(status=Status.CANCELLED, last_error="The vacancy closed before the digest.", updated_at=now)
    # Role families the candidate stopped opting in to (the agency's own are always alerted).
    opted_in = CandidateProfile.extra_alert_role_families.through.objects.filter(
        candidateprofile__user_id=OuterRef("recipient_id"), rolefamily_id=OuterRef("vacancy__role_family_id")
    )
    unwanted = held.exclude(vacancy__role_family__in=RoleFamily.objects.alerted_by_default()).exclude(Exists(opted_in))
    unwanted.update(
        status=Status.CANCELLED, last_error="The candidate no longer wants alerts for this role.", updated_at=now
    )

    alertable = CandidateProfile.objects.alertable().filter(alert_frequency__in=frequencies)
    recipients = (
        held.filter(recipient__candidate_profile__in=alertable.values("pk"))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    period = digest_period(frequency, now)
    digest_ids: list[int] = []
    users = User.objects.filter(pk__in=list(recipients)).select_related("candidate_profile").order_by("pk")
    for user in users:
        with transaction.atomic():
            created = insert_rows(
                [
                    Notification(
                        kind=MATCH_DIGEST,
                        recipient=user,
                        to_email=user.email,
                        dedupe_key=f"{MATCH_DIGEST}:{user.pk}:{frequency}:{period}",
                        context={"frequency": frequency, "period": period},
                    )
                ]
            )
            if not created:
                continue  # this period's digest exists already; new alerts wait for the next one
            (digest_id,) = created.values()
            held.filter(recipient=user).update(status=Status.DIGESTED, digest_id=digest_id, updated_at=now)
            CandidateProfile.objects.filter(user=user).update(last_digest_sent_at=now)
            digest_ids.append(digest_id)
            deliver_on_commit([digest_id])
    return digest_ids
