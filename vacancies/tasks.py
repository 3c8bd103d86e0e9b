"""Periodic jobs of the vacancies app. Thin: each one calls a service."""

from __future__ import annotations

from celery import shared_task

from vacancies import services


@shared_task(acks_late=True, name="vacancies.tasks.vacancies_expire_due_task")  # frozen: queued messages name it
def vacancies_expire_due_task() -> int:
    """Expire published vacancies past their closing date (Celery beat runs this every 15 minutes).
    Idempotent: a second run finds nothing to do."""
    return services.vacancies_expire_due()
