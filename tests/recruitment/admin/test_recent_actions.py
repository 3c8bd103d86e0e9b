"""The workspace home's "Recent actions" lists what the recruiter did (issue 24): every workspace view and
action that acts through a service logs itself once it succeeded (`vacancies.admin.log_action`, the admin's
LogEntry), with what was done and never the candidate's name beyond the record's title."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse

from recruitment.emails.declines import decline_notice_schedule
from recruitment.models import Notification, PendingOutcome
from tests import factories
from tests.security import world as w
from tests.security.test_access_matrix import REQUESTS
from vacancies.models import Application, CompanyJoinRequest, Vacancy

pytestmark = pytest.mark.django_db

# The recruiter's own tools, not records of the agency's work: running or deleting a saved search.
NOT_LOGGED = {"admin saved search (run) / view POST", "admin saved search / delete POST"}


def recent_actions(html: str) -> str:
    module = re.search(r'<div class="module" id="recent-actions-module">(.*?)</div>', html, re.S)
    assert module, "no Recent actions on the home page"
    return module.group(1)


def test_a_publish_and_a_stage_move_show_in_the_recruiters_recent_actions(client, recruiter):
    vacancy = factories.PendingVacancyFactory(title="Head of Product", company__name="Lumen Health")
    user = factories.UserFactory(first_name="Ingrid", last_name="Solberg")
    factories.CandidateProfileFactory(user=user)
    application = factories.ApplicationFactory(candidate=user, vacancy=factories.PublishedVacancyFactory())
    client.force_login(recruiter)
    assert "Nothing yet" in recent_actions(client.get(reverse("admin:index")).content.decode())

    client.post(reverse("admin:vacancies_vacancy_publish", args=[vacancy.pk]))
    client.post(reverse("admin:vacancies_application_move", args=[application.pk]), {"stage": "screening"})
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED
    assert Application.objects.get(pk=application.pk).stage == Application.Stage.SCREENING

    shown = recent_actions(client.get(reverse("admin:index")).content.decode())
    assert "None available" not in shown
    assert "Head of Product - Lumen Health</a>" in shown
    assert "Vacancy: Published" in shown
    assert f"Ingrid Solberg, {application.vacancy.role_at_client}</a>" in shown
    assert "Application: Moved to screening" in shown
    assert shown.index("Moved to screening") < shown.index("Published")  # the latest first
    assert reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]) in shown

    colleague = factories.RecruiterFactory()
    client.force_login(colleague)
    assert "Nothing yet" in recent_actions(client.get(reverse("admin:index")).content.decode())


def test_a_refused_action_is_not_logged(client, recruiter):
    draft = factories.VacancyFactory()
    client.force_login(recruiter)
    client.post(reverse("admin:vacancies_vacancy_publish", args=[draft.pk]))
    assert not LogEntry.objects.exists()


def test_bulk_actions_log_each_record(client, recruiter):
    pending = factories.PendingVacancyFactory.create_batch(2)
    applications = factories.ApplicationFactory.create_batch(2)
    client.force_login(recruiter)
    client.post(
        reverse("admin:vacancies_vacancy_changelist"),
        {"action": "publish_selected", "_selected_action": [v.pk for v in pending]},
    )
    client.post(
        reverse("admin:vacancies_application_changelist"),
        {"action": "move_to_screening", "_selected_action": [a.pk for a in applications]},
    )
    logged = sorted(
        (entry.content_type.model, int(entry.object_id), entry.change_message)
        for entry in LogEntry.objects.filter(user=recruiter, action_flag=CHANGE)
    )
    assert logged == sorted(
        [("vacancy", v.pk, "Published") for v in pending]
        + [("application", a.pk, "Moved to screening") for a in applications]
    )


def outcome_levels(response) -> set[str]:
    return {message.level_tag for message in get_messages(response.wsgi_request)}


def test_every_workspace_action_that_succeeds_is_logged(client):
    """Each state-changing workspace request of the access matrix, sent by the recruiter: when it says it
    succeeded, the recruiter's log gained a row with what was done; when it was refused, none."""
    world = w.build_world()
    recruiter = world.users["recruiter"]
    rows = [label for label in REQUESTS if label.startswith("admin ") and label.endswith(" POST")]
    rows = [label for label in rows if label not in NOT_LOGGED]
    checked = []
    for label in rows:
        ask = REQUESTS[label]
        with transaction.atomic():
            client.force_login(recruiter)
            before = LogEntry.objects.filter(user=recruiter).count()
            response = client.post(ask.url(world), ask.data(world) if ask.data else {}, follow=True)
            levels = outcome_levels(response)
            added = list(LogEntry.objects.filter(user=recruiter).order_by("pk")[before:])
            transaction.set_rollback(True)
        if response.status_code != 200 or not levels:
            continue  # not an action here (405, a form shown again)
        succeeded = bool(levels - {"error", "warning"})
        assert bool(added) == succeeded, (label, levels, [e.change_message for e in added])
        assert all(entry.change_message for entry in added), label
        checked.append(label)
    assert len(checked) >= 15, checked


def test_the_lists_actions_and_the_declines_page_log_too(client, recruiter):
    failed = factories.NotificationFactory(status=Notification.Status.FAILED, attempts=3)
    asker = factories.UserFactory(role="employer")
    join_request = CompanyJoinRequest.objects.create(user=asker, company=factories.CompanyFactory())
    user = factories.UserFactory()
    decline_notice_schedule(user=user, vacancy=factories.PublishedVacancyFactory(), key=f"test:{user.pk}")
    held = PendingOutcome.objects.scheduled().get()
    client.force_login(recruiter)
    client.post(
        reverse("admin:recruitment_notification_changelist"),
        {"action": "retry_failed", "_selected_action": [failed.pk]},
    )
    client.post(
        reverse("admin:vacancies_companyjoinrequest_changelist"),
        {"action": "mark_resolved", "_selected_action": [join_request.pk]},
    )
    client.post(reverse("admin:recruitment_pendingoutcome_change", args=[held.pk]), {"message": "Kindly worded."})
    logged = {
        (entry.object_id, entry.change_message) for entry in LogEntry.objects.filter(user=recruiter).order_by("pk")
    }
    assert logged == {
        (str(failed.pk), "Queued again"),
        (str(join_request.pk), "Marked handled"),
        (str(held.pk), "Message edited"),
    }
