"""Saved candidate searches: a recruiter saves the criteria of a search under a name, runs it again later and
deletes it. Each is a service (keyword-only with `by=`, atomic, checking its permission with
`accounts.rules.recruiter_may`); refusals raise `WorkflowError` with a message a person reads.

The criteria are the search form's cleaned parameters (`CandidateSearchForm.criteria()`): running a saved
search is opening the search page with them as its query string, where the form checks them again."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from recruitment.models import SavedSearch
from recruitment.models.searches import NAME_MAX
from recruitment.services.common import require
from vacancies.services import WorkflowError

VIEW_SAVED_SEARCHES = "recruitment.view_savedsearch"
SAVE_SEARCH = "recruitment.add_savedsearch"
DELETE_SAVED_SEARCH = "recruitment.delete_savedsearch"
# A recruiter's list stays short enough to read (and to show whole on the search page).
SAVED_SEARCHES_MAX = 50
CRITERIA_MAX_CHARS = 4000


def _check_criteria(criteria) -> dict:
    require(isinstance(criteria, dict), "That search cannot be saved.")
    criteria = {key: value for key, value in criteria.items() if value not in (None, "", [], ())}
    require(bool(criteria), "Choose at least one criterion before saving the search.")
    require(set(criteria) <= set(SavedSearch.CRITERIA_KEYS), "That search cannot be saved.")
    try:
        size = len(json.dumps(criteria))
    except (TypeError, ValueError) as exc:
        raise WorkflowError("That search cannot be saved.") from exc
    require(size <= CRITERIA_MAX_CHARS, "That search has too many criteria to save.")
    return criteria


@transaction.atomic
def saved_search_create(*, by: User, name: str, criteria: dict) -> SavedSearch:
    """Save `criteria` (the search form's cleaned parameters) as `by`'s search called `name`."""
    require(recruiter_may(by, SAVE_SEARCH), "You cannot save searches.")
    name = " ".join((name or "").split())
    require(bool(name), "Give the search a name.")
    require(len(name) <= NAME_MAX, f"Keep the name under {NAME_MAX} characters.")
    criteria = _check_criteria(criteria)
    owned = SavedSearch.objects.owned_by(by)
    require(owned.count() < SAVED_SEARCHES_MAX, f"You have {SAVED_SEARCHES_MAX} saved searches: delete one first.")
    require(not owned.filter(name__iexact=name).exists(), f"You already have a saved search called “{name}”.")
    search = SavedSearch(owner=by, name=name, criteria=criteria)
    try:
        search.full_clean(exclude=["owner"])
        with transaction.atomic():
            search.save()
    except (IntegrityError, ValidationError) as exc:
        raise WorkflowError(f"You already have a saved search called “{name}”.") from exc
    return search


@transaction.atomic
def saved_search_run(*, by: User, search: SavedSearch) -> str:
    """Note that `by` ran their saved search now; returns its query string for the search page."""
    require(recruiter_may(by, VIEW_SAVED_SEARCHES), "You cannot run saved searches.")
    require(search.owner_id == by.pk, "That search is someone else's.")
    SavedSearch.objects.filter(pk=search.pk).update(last_run_at=timezone.now())
    return urlencode(search.criteria, doseq=True)


@transaction.atomic
def saved_search_delete(*, by: User, search: SavedSearch) -> None:
    require(recruiter_may(by, DELETE_SAVED_SEARCH), "You cannot delete saved searches.")
    require(search.owner_id == by.pk, "That search is someone else's.")
    search.delete()
