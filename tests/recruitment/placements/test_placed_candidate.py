"""The placed candidate (#23): a hire marks them not open to opportunities until the end of the guarantee (or a
day the recruiter sets), nobody can invite or introduce them meanwhile, the daily release opens them again, and
their own word always wins. The placement's page lists their other live applications and introductions."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CandidateProfile
from accounts.services import candidate_profile_update, candidates_placed_release
from recruitment import tasks
from recruitment.models.introductions import Introduction
from recruitment.models.placements import Placement
from recruitment.services import privacy
from recruitment.services.common import contact_refusal
from recruitment.services.placements import placement_candidate_back_on, placement_update
from tests import factories
from tests.recruitment.placements.support import hire, terms
from vacancies.models import Application
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db


def profile_of(application) -> CandidateProfile:
    return CandidateProfile.objects.get(user_id=application.candidate_id)


@pytest.fixture
def placed(recruiter):
    company = factories.CompanyFactory()
    terms(company, guarantee_days=90)
    application = hire(recruiter=recruiter, company=company)
    return Placement.objects.get(application=application)


def test_the_hire_marks_them_placed_until_the_guarantee_ends(placed):
    profile = profile_of(placed.application)
    hired_on = timezone.localdate(placed.hired_at)
    assert profile.open_to_opportunities is False
    assert profile.placed_until == hired_on + dt.timedelta(days=90)


def test_the_default_day_follows_the_start_date_but_a_chosen_day_stays(placed, recruiter):
    start = timezone.localdate() + dt.timedelta(days=30)
    placement_update(placement=placed, by=recruiter, start_date=start, base_salary="150000", currency="EUR")
    assert profile_of(placed.application).placed_until == start + dt.timedelta(days=90)
    chosen = timezone.localdate() + dt.timedelta(days=200)
    placement_candidate_back_on(placement=placed, by=recruiter, on=chosen)
    later = start + dt.timedelta(days=7)
    placement_update(placement=placed, by=recruiter, start_date=later, base_salary="150000", currency="EUR")
    assert profile_of(placed.application).placed_until == chosen


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "today or a later day"), (731, "within two years")],
)
def test_a_back_on_day_out_of_range_is_refused(placed, recruiter, days, message):
    before = profile_of(placed.application).placed_until
    with pytest.raises(WorkflowError, match=message):
        placement_candidate_back_on(placement=placed, by=recruiter, on=timezone.localdate() + dt.timedelta(days=days))
    assert profile_of(placed.application).placed_until == before


def test_only_recruiters_with_the_permission_set_the_day(placed, employer):
    with pytest.raises(WorkflowError):
        placement_candidate_back_on(placement=placed, by=employer, on=timezone.localdate())


def test_nobody_can_approach_a_placed_candidate(placed):
    profile = profile_of(placed.application)
    other = factories.PublishedVacancyFactory()
    refusal = contact_refusal(profile=profile, vacancy=other, closed="closed")
    assert refusal is not None
    assert "not open to opportunities" in refusal


def test_the_daily_release_opens_them_again_once(placed):
    profile = profile_of(placed.application)
    assert candidates_placed_release(today=profile.placed_until - dt.timedelta(days=1)) == 0
    assert tasks.placed_candidates_release_task.apply().get() == 0  # today is before the day
    assert candidates_placed_release(today=profile.placed_until) == 1
    profile.refresh_from_db()
    assert (profile.open_to_opportunities, profile.placed_until) == (True, None)
    assert candidates_placed_release(today=profile.placed_until or timezone.localdate()) == 0


def test_the_candidates_own_word_wins(placed):
    profile = profile_of(placed.application)
    user = profile.user
    # Saving the profile without touching the box keeps the agency's day.
    candidate_profile_update(profile=profile, by=user, data={"headline": "Now CPO at a new place"})
    profile.refresh_from_db()
    assert profile.placed_until is not None
    # Ticking it opens them now; unticking later is their choice, and the release leaves it alone.
    candidate_profile_update(profile=profile, by=user, data={"open_to_opportunities": True})
    profile.refresh_from_db()
    assert (profile.open_to_opportunities, profile.placed_until) == (True, None)
    candidate_profile_update(profile=profile, by=user, data={"open_to_opportunities": False})
    assert candidates_placed_release(today=timezone.localdate() + dt.timedelta(days=365)) == 0
    profile.refresh_from_db()
    assert profile.open_to_opportunities is False


def test_the_candidate_reads_why_they_show_as_not_looking(client, placed):
    client.force_login(placed.application.candidate)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'id="placed-note"' in page
    assert f"{profile_of(placed.application).placed_until:%-d %B %Y}" in page


def test_the_placement_page_lists_their_other_live_work(client, recruiter):
    candidate = factories.UserFactory(verified=True)
    factories.CandidateProfileFactory(user=candidate)
    elsewhere = factories.ApplicationFactory(candidate=candidate, stage=Application.Stage.SCREENING)
    over = factories.ApplicationFactory(candidate=candidate, stage=Application.Stage.WITHDRAWN)
    introduction = Introduction.objects.create(
        candidate=candidate.candidate_profile,
        vacancy=factories.PublishedVacancyFactory(),
        recruiter=recruiter,
        pitch="Strong fit.",
        status=Introduction.Status.WITH_CLIENT,
    )
    application = hire(recruiter=recruiter, candidate=candidate)
    placement = Placement.objects.get(application=application)
    client.force_login(recruiter)
    page = client.get(reverse("admin:recruitment_placement_change", args=[placement.pk])).content.decode()
    assert 'id="other-live-work"' in page
    assert reverse("admin:vacancies_application_change", args=[elsewhere.pk]) in page
    assert reverse("admin:recruitment_introduction_change", args=[introduction.pk]) in page
    assert reverse("admin:vacancies_application_change", args=[over.pk]) not in page  # over: not listed
    assert "Placed: not open to opportunities until" in page


def test_the_back_on_form_saves_the_day(client, recruiter, placed):
    client.force_login(recruiter)
    day = timezone.localdate() + dt.timedelta(days=10)
    url = reverse("admin:recruitment_placement_back_on", args=[placed.pk])
    assert client.post(url, {"on": day.isoformat()}).status_code == 302
    assert profile_of(placed.application).placed_until == day
    response = client.post(url, {"on": ""}, follow=True)
    assert "Not saved" in response.content.decode()
    assert profile_of(placed.application).placed_until == day


def test_the_export_says_until_when(placed):
    user = placed.application.candidate
    with zipfile.ZipFile(privacy.candidate_data_export(user=user, by=user)) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["profile"]["placed_not_looking_until"] == profile_of(placed.application).placed_until.isoformat()
