"""The workspace shows every date-time in the recruiter's zone, named: list columns and read-only fields of
any admin (the site gives each the same display), inlines included, sorting kept; a recruiter who chose no
zone reads the site's, labelled."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from recruitment.admin.times import SUFFIX
from recruitment.models import Notification
from recruitment.models.interviews import Interview
from recruitment.services.interviews import interview_pick, interview_propose
from tests import factories
from vacancies.models import Application

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def interview(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="CPO 5150")
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SCREENING)
    interview, _ = interview_propose(
        application=application,
        by=employer,
        slots=[dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=3)],
        video_url="https://meet.example.com/w",
    )
    interview_pick(interview=interview, slot_id=interview.slots.get().pk, proposal=1)
    fixed = dt.datetime(2027, 3, 15, 14, 0, tzinfo=UTC)  # after the US change, before the European one
    Interview.objects.filter(pk=interview.pk).update(starts_at=fixed, created_at=fixed - dt.timedelta(days=2))
    interview.slots.update(starts_at=fixed)
    return interview


def in_new_york(recruiter):
    recruiter.time_zone = "America/New_York"
    recruiter.save(update_fields=["time_zone"])
    return recruiter


def test_the_interview_list_and_page_give_times_in_the_recruiters_zone(client, recruiter, interview):
    client.force_login(in_new_york(recruiter))
    listing = client.get(reverse("admin:recruitment_interview_changelist")).content.decode()
    assert "Mon 15 Mar 2027, 10:00 EDT (New York)" in listing
    assert f"column-starts_at{SUFFIX}" in listing
    page = client.get(reverse("admin:recruitment_interview_change", args=[interview.pk])).content.decode()
    assert '<div class="readonly">Mon 15 Mar 2027, 10:00 EDT (New York)</div>' in page
    assert '<div class="readonly">Sat 13 Mar 2027, 09:00 EST (New York)</div>' in page  # before the change: EST
    assert not re.search(r"15 Mar 2027, 2 p\.m\.|15 Mar 2027, 14:00", page)  # no bare UTC time anywhere


def test_an_inlines_times_too(client, interview):
    # The slots inline (shown to whoever may view slots: here a superuser).
    superuser = in_new_york(factories.RecruiterFactory(is_superuser=True))
    client.force_login(superuser)
    page = client.get(reverse("admin:recruitment_interview_change", args=[interview.pk])).content.decode()
    # The interview's time, its slot's, and the slot's name in the inline's row.
    assert page.count("Mon 15 Mar 2027, 10:00 EDT (New York)") == 3
    assert '<th class="column-starts_at_in_zone">Starts at' in page
    assert "14:00" not in page


def test_without_a_zone_the_workspace_is_in_the_sites_zone_labelled(client, recruiter, interview):
    client.force_login(recruiter)
    listing = client.get(reverse("admin:recruitment_interview_changelist")).content.decode()
    assert "Mon 15 Mar 2027, 14:00 GMT (London)" in listing


def test_sorting_by_a_time_column_still_works(client, recruiter, interview, employer):
    later = factories.ApplicationFactory(
        vacancy=interview.application.vacancy, stage=Application.Stage.SCREENING, candidate=factories.UserFactory()
    )
    Interview.objects.create(
        application=later,
        proposed_by=employer,
        video_url="https://m.example.com",
        status=Interview.Status.CONFIRMED,
        starts_at=dt.datetime(2027, 4, 1, 9, tzinfo=UTC),
    )
    client.force_login(in_new_york(recruiter))
    url = reverse("admin:recruitment_interview_changelist")
    columns = client.get(url).context["cl"].list_display
    index = columns.index(f"starts_at{SUFFIX}")
    for order, first in ((f"{index}", "Mon 15 Mar 2027"), (f"-{index}", "Thu 1 Apr 2027")):
        html = client.get(url, {"o": order}).content.decode()
        rows = re.findall(r"(Mon 15 Mar 2027|Thu 1 Apr 2027), \d\d:\d\d EDT \(New York\)", html)
        assert rows[0] == first, order


def test_another_admin_gets_the_same_display(client, recruiter, candidate):
    row = Notification.objects.create(
        kind="stage_changed", recipient=candidate, to_email=candidate.email, dedupe_key="times:1"
    )
    Notification.objects.filter(pk=row.pk).update(created_at=dt.datetime(2027, 11, 8, 15, tzinfo=UTC))
    client.force_login(in_new_york(recruiter))
    listing = client.get(reverse("admin:recruitment_notification_changelist")).content.decode()
    assert "Mon 8 Nov 2027, 10:00 EST (New York)" in listing
