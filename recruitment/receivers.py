"""Listeners that connect vacancy, application and profile events to matching and the outbox.

The signals are sent inside the service's transaction, so the outbox rows written here commit (or
roll back) together with the change. Tasks are enqueued only once that transaction commits, and a
broker outage at that moment loses nothing: the sweeper finds the rows (and unmatched vacancies).

Imports go one way: receivers -> emails (and the matching tasks, by name) -> outbox. The rows they write
are scheduled for delivery when the transaction commits."""

from __future__ import annotations

import logging

from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.rules import user_is_recruiter
from accounts.security_log import security_log
from accounts.signals import candidate_profile_changed, login_failures_spiked
from recruitment.emails.applications import application_received_notifications, stage_changed_notifications
from recruitment.emails.declines import client_decline_notifications
from recruitment.emails.security import login_failures_notifications
from recruitment.emails.team import colleague_invite_notifications
from recruitment.emails.vacancies import revision_decided_notifications, vacancy_status_notifications
from recruitment.outbox.enqueue import enqueue, enqueue_on_commit, task_named
from recruitment.services.placements import placement_open_on_hire
from vacancies.models import Application, Vacancy
from vacancies.signals import (
    application_stage_changed,
    application_submitted,
    company_invite_sent,
    vacancy_revision_decided,
    vacancy_status_changed,
)

logger = logging.getLogger(__name__)

# The matching tasks, by their frozen names (recruitment/tasks.py imports the services these receivers call).
VACANCY_MATCH_TASK = "recruitment.tasks.vacancy_match_and_alert_task"
CANDIDATE_MATCH_TASK = "recruitment.tasks.candidate_match_and_alert_task"
# Statuses after which a vacancy's matches must be recomputed (published) or dropped (closed, expired).
REMATCH_STATUSES = {Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED}


@receiver(vacancy_status_changed, dispatch_uid="recruitment.on_vacancy_status_changed")
def on_vacancy_status_changed(sender, *, vacancy, from_status, to_status, by=None, note="", **kwargs) -> None:
    if from_status != to_status:  # published changes to a live vacancy: on_vacancy_revision_decided tells
        vacancy_status_notifications(vacancy=vacancy, to_status=to_status, note=note)
    if to_status in REMATCH_STATUSES:
        enqueue_on_commit(VACANCY_MATCH_TASK, vacancy.pk)


@receiver(vacancy_revision_decided, dispatch_uid="recruitment.on_vacancy_revision_decided")
def on_vacancy_revision_decided(sender, *, revision, changes="", **kwargs) -> None:
    revision_decided_notifications(revision=revision, changes=changes)


@receiver(application_submitted, dispatch_uid="recruitment.on_application_submitted")
def on_application_submitted(sender, *, application, **kwargs) -> None:
    application_received_notifications(application=application)


@receiver(application_stage_changed, dispatch_uid="recruitment.on_application_stage_changed")
def on_application_stage_changed(sender, *, application, from_stage, to_stage, by=None, note="", **kwargs) -> None:
    held = application.closed_with_role or (by is not None and not user_is_recruiter(by))
    if to_stage == Application.Stage.REJECTED and held:
        # A client's decline (or the role closing) goes to the recruiter first and reaches the candidate
        # later, kindly worded.
        client_decline_notifications(application=application, by=by, note=note, from_stage=from_stage)
    else:
        stage_changed_notifications(application=application, from_stage=from_stage, to_stage=to_stage, by=by)
    if to_stage == Application.Stage.HIRED and by is not None:
        placement_open_on_hire(application=application, by=by)


@receiver(company_invite_sent, dispatch_uid="recruitment.on_company_invite_sent")
def on_company_invite_sent(sender, *, invite, **kwargs) -> None:
    colleague_invite_notifications(invite=invite)


@receiver(candidate_profile_changed, dispatch_uid="recruitment.on_candidate_profile_changed")
def on_candidate_profile_changed(sender, *, profile, **kwargs) -> None:
    transaction.on_commit(lambda: _candidate_match_and_alert(profile.pk))


def _candidate_match_and_alert(profile_id: int) -> None:
    if enqueue(CANDIDATE_MATCH_TASK, [profile_id]):
        return
    # The broker is away. Matching one candidate is quick, so do it here: the alert rows are then in
    # the outbox and the sweeper sends them when the broker is back.
    try:
        task_named(CANDIDATE_MATCH_TASK).apply(args=[profile_id])
    except Exception:  # never turn a saved profile into an error page
        logger.exception("Matching candidate profile %s inline failed", profile_id)


@receiver(login_failures_spiked, dispatch_uid="recruitment.on_login_failures_spiked")
def on_login_failures_spiked(sender, *, user, failures, addresses, window_seconds, window_id, **kwargs) -> None:
    login_failures_notifications(
        user=user, failures=failures, addresses=addresses, window_seconds=window_seconds, window_id=window_id
    )


# Every change made in the recruiter workspace is also written to the security log.
@receiver(post_save, sender=LogEntry, dispatch_uid="log-admin-changes")
def log_admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if created:
        security_log.info(
            "admin change action=%s model=%s object=%s user=%s",
            instance.get_action_flag_display()
            if hasattr(instance, "get_action_flag_display")
            else instance.action_flag,
            instance.content_type.model if instance.content_type_id else "-",
            instance.object_id,
            instance.user_id,
        )
