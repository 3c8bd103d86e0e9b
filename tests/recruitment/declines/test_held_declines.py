"""Recruiter-mediated outcomes (issue #12 item 5): a client's decline reaches the recruiter at once and the
candidate only after DECLINE_NOTICE_DELAY_HOURS, as a kind message the recruiter may edit or send now
("Declines to pass on" in the workspace). A recruiter's own decline is told to the candidate at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recruitment.emails.applications import STAGE_CHANGED
from recruitment.emails.declines import APPLICATION_DECLINED, decline_notice_schedule
from recruitment.emails.introductions import RECRUITER_UPDATE
from recruitment.models import Notification
from recruitment.outbox.delivery import notifications_deliver
from recruitment.outbox.enqueue import deliver
from recruitment.outbox.render import build_message
from recruitment.outbox.sweeper import outbox_sweep
from recruitment.services.declines import decline_notice_update
from recruitment.services.introductions import introduction_client_answer
from tests import factories
from tests.support.introductions import staff_outside_the_group
from vacancies.models import Application
from vacancies.services import WorkflowError, application_move

pytestmark = pytest.mark.django_db

Scheduled = Notification.Status.SCHEDULED
EDITED = "Dear Zenobia, thank you 7731 <b>truly</b>; we will call you on Monday."


@pytest.fixture
def application(setting):
    return factories.ApplicationFactory(candidate=setting.candidate, vacancy=setting.vacancy)


def employer_declines(setting, application, capture) -> Notification:
    with capture(execute=True):
        application_move(application=application, stage="rejected", by=setting.employer, note="Too junior.")
    return Notification.objects.get(kind=APPLICATION_DECLINED)


def test_an_employers_decline_is_held_for_the_recruiter(
    setting, application, eager, django_capture_on_commit_callbacks
):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.stage == Application.Stage.REJECTED
    assert (held.recipient, held.application, held.status, held.dedupe_key) == (
        setting.candidate,
        application,
        Scheduled,
        f"application_declined:application:{application.pk}",
    )
    assert abs(held.send_after - (timezone.now() + timedelta(hours=24))) < timedelta(minutes=1)
    assert not Notification.objects.filter(kind=STAGE_CHANGED).exists()
    [update] = Notification.objects.filter(kind=RECRUITER_UPDATE)
    assert (update.recipient, update.context["event"]) == (setting.recruiter, "decline_held")
    assert "Too junior." in build_message(update).body  # the client's note, for the recruiter only
    assert "Too junior." not in held.context["message"]
    assert reverse("admin:recruitment_pendingoutcome_changelist") in build_message(update).body
    assert [message.to for message in mail.outbox] == [[setting.recruiter.email]]  # nothing to the candidate


def test_the_delay_is_a_setting(setting, application, settings, django_capture_on_commit_callbacks):
    settings.DECLINE_NOTICE_DELAY_HOURS = 2
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    assert abs(held.send_after - (timezone.now() + timedelta(hours=2))) < timedelta(minutes=1)


def test_a_decline_of_an_introduced_application_goes_to_its_recruiter(setting, django_capture_on_commit_callbacks):
    other = factories.RecruiterFactory()
    introduction = setting.revealed()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested")
    introduction.refresh_from_db()
    employer_declines(setting, introduction.application, django_capture_on_commit_callbacks)
    update = Notification.objects.filter(kind=RECRUITER_UPDATE, context__event="decline_held").get()
    assert update.recipient == setting.recruiter
    assert not Notification.objects.filter(recipient=other).exists()


def test_a_recruiters_decline_reaches_the_candidate_at_once(
    setting, application, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_move(application=application, stage="rejected", by=setting.recruiter)
    row = Notification.objects.get(kind=STAGE_CHANGED)
    assert (row.recipient, row.status) == (setting.candidate, Notification.Status.SENT)
    assert not Notification.objects.filter(status=Scheduled).exists()
    assert [message.to for message in mail.outbox] == [[setting.candidate.email]]


def test_the_sweeper_releases_a_held_decline_when_its_time_comes(
    setting, application, eager, django_capture_on_commit_callbacks
):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    assert notifications_deliver(ids=[held.pk]).sent == []  # a held row is not sent, even if enqueued
    report = outbox_sweep(now=held.send_after - timedelta(minutes=1))
    assert held.pk not in report.notification_ids
    held.refresh_from_db()
    assert held.status == Scheduled
    report = outbox_sweep(now=held.send_after + timedelta(seconds=1))
    assert held.pk in report.notification_ids
    held.refresh_from_db()
    assert held.status == Notification.Status.PENDING
    mail.outbox.clear()
    deliver(report.notification_ids)
    [message] = mail.outbox
    assert message.to == [setting.candidate.email]
    assert "Hi Zenobia" in message.body
    assert "decided not to take your candidacy further" in message.body


def test_the_recruiter_edits_the_message_and_sends_it_now(setting, application, django_capture_on_commit_callbacks):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    assert decline_notice_update(notification=held, by=setting.recruiter, message=f"  {EDITED}  ") is False
    held.refresh_from_db()
    assert (held.status, held.context["message"]) == (Scheduled, EDITED)
    assert held.context["edited_by"] == setting.recruiter.get_full_name()
    message = build_message(held)
    assert message.subject == "About Head of Product Intro 7731 at Orrery Health 7731"
    assert EDITED in message.body
    assert "Dear Zenobia, thank you 7731 &lt;b&gt;truly&lt;/b&gt;" in message.alternatives[0][0]
    assert decline_notice_update(notification=held, by=setting.recruiter, message=EDITED, send_now=True) is True
    held.refresh_from_db()
    assert held.status == Notification.Status.PENDING
    assert held.send_after <= timezone.now()
    with pytest.raises(WorkflowError, match="sent already"):
        decline_notice_update(notification=held, by=setting.recruiter, message="Too late.")
    held.refresh_from_db()
    assert held.context["message"] == EDITED


@pytest.mark.parametrize("message", ["", "   ", "a\x00b", "x" * 5001])
def test_a_bad_message_is_refused(setting, application, django_capture_on_commit_callbacks, message):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    before = held.context
    with pytest.raises(WorkflowError, match="Write the message"):
        decline_notice_update(notification=held, by=setting.recruiter, message=message, send_now=True)
    held.refresh_from_db()
    assert (held.status, held.context) == (Scheduled, before)


def test_only_recruiters_with_the_permission_pass_declines_on(setting, application, django_capture_on_commit_callbacks):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    for user in (staff_outside_the_group(), setting.employer, setting.candidate):
        with pytest.raises(WorkflowError, match="cannot pass on declines"):
            decline_notice_update(notification=held, by=user, message="Hello", send_now=True)
    held.refresh_from_db()
    assert held.status == Scheduled


# --- The workspace: declines to pass on ----------------------------------------------------------------


def change_url(row) -> str:
    return reverse("admin:recruitment_pendingoutcome_change", args=[row.pk])


LIST_URL = "/admin/recruitment/pendingoutcome/"


def test_the_workspace_lists_held_declines_with_a_pinned_query_count(client, setting, django_assert_num_queries):
    def hold(count: int) -> None:
        for _ in range(count):
            user = factories.UserFactory()
            decline_notice_schedule(user=user, vacancy=factories.PublishedVacancyFactory(), key=f"test:{user.pk}")

    hold(2)
    factories.NotificationFactory(kind=APPLICATION_DECLINED, status=Notification.Status.SENT)  # not listed
    client.force_login(setting.recruiter)
    assert reverse("admin:recruitment_pendingoutcome_changelist") == LIST_URL
    client.get(LIST_URL)
    with django_assert_num_queries(7) as few:
        html = client.get(LIST_URL).content.decode()
    assert html.count('href="/admin/recruitment/pendingoutcome/') - html.count(f'href="{LIST_URL}"') == 2
    hold(10)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(LIST_URL).content.decode()
    assert html.count('href="/admin/recruitment/pendingoutcome/') - html.count(f'href="{LIST_URL}"') == 12


def test_the_workspace_edits_then_sends_a_decline_now(
    client, setting, application, eager, django_capture_on_commit_callbacks
):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    client.force_login(setting.recruiter)
    assert setting.candidate.email in client.get(LIST_URL).content.decode()
    page = client.get(change_url(held))
    assert page.status_code == 200
    assert "decided not to take your candidacy further" in page.content.decode()
    assert client.post(change_url(held), {"message": EDITED, "_save": "Save"}).status_code == 302
    held.refresh_from_db()
    assert (held.status, held.context["message"]) == (Scheduled, EDITED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(held), {"message": EDITED, "_send_now": "Send now"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Notification.Status.SENT
    [message] = mail.outbox
    assert message.to == [setting.candidate.email]
    assert EDITED in message.body
    assert client.get(change_url(held)).status_code == 404  # it left: nothing to edit
    assert client.post(change_url(held), {"message": "Again", "_send_now": "1"}).status_code == 404


@pytest.mark.parametrize(
    "data", [{}, {"message": ""}, {"message": "a\x00b"}, {"message": "x" * 5001}, {"message": ["a", "b" * 6000]}]
)
def test_hostile_messages_on_the_workspace_form_are_400(
    client, setting, application, django_capture_on_commit_callbacks, data
):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    client.force_login(setting.recruiter)
    response = client.post(change_url(held), {**data, "_send_now": "Send now"})
    assert response.status_code == 400
    assert 'class="errornote"' in response.content.decode()
    held.refresh_from_db()
    assert held.status == Scheduled
    assert "decided not to take" in held.context["message"]


def test_staff_without_the_permission_get_403(client, setting, application, django_capture_on_commit_callbacks):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    client.force_login(staff_outside_the_group())
    assert client.get(LIST_URL).status_code == 403
    assert client.get(change_url(held)).status_code == 403
    assert client.post(change_url(held), {"message": "Hi", "_send_now": "1"}).status_code == 403
    client.force_login(setting.employer)
    assert client.get(change_url(held)).status_code == 302  # to the admin's login
    held.refresh_from_db()
    assert held.status == Scheduled


def test_csrf_is_enforced_on_the_workspace_form(setting, application, django_capture_on_commit_callbacks):
    held = employer_declines(setting, application, django_capture_on_commit_callbacks)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(setting.recruiter)
    assert browser.post(change_url(held), {"message": "Hi", "_send_now": "1"}).status_code == 403
    held.refresh_from_db()
    assert held.status == Scheduled


def test_the_candidate_sees_the_stage_before_a_held_decline_until_it_goes_out(client, candidate, employer):
    """While the decline waits for the recruiter, the candidate's pages show the stage before it."""
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="Head of Product 4410")
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SCREENING)
    application_move(application=application, stage=Application.Stage.REJECTED, by=employer, note="Not now")
    application.refresh_from_db()
    assert application.decline_held
    assert application.candidate_stage == Application.Stage.SCREENING
    client.force_login(candidate)
    for url in (reverse("applications:application_detail", args=[application.pk]), reverse("accounts:dashboard")):
        html = client.get(url).content.decode()
        assert "Declined" not in html, url
        assert "Screening" in html, url
    recruiter = factories.RecruiterFactory()
    row = Notification.objects.get(kind=APPLICATION_DECLINED, application=application)
    decline_notice_update(notification=row, by=recruiter, message="Kind words.", send_now=True)
    application.refresh_from_db()
    assert not application.decline_held
    assert "Declined" in client.get(reverse("applications:application_detail", args=[application.pk])).content.decode()
