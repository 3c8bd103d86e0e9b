"""Listeners of the accounts app: on login, remember the candidate's salary currency in their session,
so the board shows salaries against it without a query per page."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.models import CandidateProfile

SALARY_CURRENCY_SESSION_KEY = "salary_currency"


def remember_salary_currency(request, profile: CandidateProfile) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SALARY_CURRENCY_SESSION_KEY] = profile.salary_currency


@receiver(user_logged_in, dispatch_uid="accounts.remember_salary_currency")
def on_login(sender, request, user, **kwargs) -> None:
    profile = CandidateProfile.objects.filter(user=user).only("salary_currency").first()
    if profile is not None:
        remember_salary_currency(request, profile)
