"""Matching, then alerting, as one step each: what the matching tasks run. A vacancy (or a candidate) is
matched, its best Match rows stored, and the alerts they deserve written, in one transaction: when Match rows
computed after publication exist, so do the alerts (the sweepers rely on this). The alert rows are scheduled
for delivery when that transaction commits (`recruitment.emails.alerts`).

Also what the sweepers ask of matching: the open vacancies whose matching never ran."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.models import CandidateProfile
from recruitment.emails.alerts import alerts_for_matches
from recruitment.matching.chunks import vacancy_match_merge
from recruitment.matching.storing import candidate_match, vacancy_match
from recruitment.models import Match
from vacancies.models import Vacancy

# How far back the sweepers look for published vacancies whose matching never ran.
MATCH_RUN_LOOKBACK = timedelta(days=1)
# A vacancy the sweeper re-matched is not re-matched again for this many seconds.
REMATCH_INTERVAL = 3600


@transaction.atomic
def vacancy_match_and_alert(*, vacancy: Vacancy) -> list[int]:
    """Match a vacancy against candidates and write the alert rows, in one transaction."""
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


def vacancies_never_matched(*, now: datetime, published_before: datetime) -> list[int]:
    """Open vacancies in alerted role families, published in the last day and before `published_before`,
    with no Match computed since publication: their matching task was lost (or the broker refused it).
    The regular sweep asks for those older than OUTBOX_STALE_AFTER_SECONDS; the quick sweep, for those a few
    seconds old, so alerts follow within seconds of the broker coming back."""
    matched_since = Match.objects.filter(vacancy=OuterRef("pk"), computed_at__gte=OuterRef("published_at"))
    unmatched = (
        Vacancy.objects.open()
        .in_role_families(settings.MATCH_ALERT_ROLE_FAMILIES)
        .filter(published_at__gte=now - MATCH_RUN_LOOKBACK, published_at__lt=published_before)
        .exclude(Exists(matched_since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # A vacancy nobody scores high enough for keeps no Match rows; the cache keeps it from being
    # re-matched on every sweep (at most once per interval; losing the cache only costs a re-run).
    return [pk for pk in unmatched if cache.add(f"outbox:rematch:{pk}", 1, REMATCH_INTERVAL)]
