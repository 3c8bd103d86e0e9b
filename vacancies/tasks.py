"""Periodic jobs of the vacancies app. Thin: each one calls a service."""

from __future__ import annotations

from celery import shared_task

from vacancies import services


@shared_task(name="vacancies.tasks.expire_vacancies", acks_late=True)
def expire_vacancies() -> int:
    """Expire published vacancies past their closing date (Celery beat runs this every 15 minutes).
    Idempotent: a second run finds nothing to do."""
    return services.vacancies_expire_due()
