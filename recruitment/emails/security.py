"""Security notices to the recruiters: one account drew many failed logins (`accounts.login_slowdown`)."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import User
from recruitment.outbox.kinds import register
from recruitment.outbox.rows import notify_users

LOGIN_FAILURES = register("login_failures", "Failed logins on an account")


def login_failures_notifications(
    *, user: User, failures: int, addresses: int, window_seconds: int, window_id: int
) -> list[int]:
    """Tell every recruiter that one account drew many failed logins (once per account per window)."""
    return notify_users(
        User.objects.recruiters().order_by("pk"),
        kind=LOGIN_FAILURES,
        key=f"{LOGIN_FAILURES}:{user.pk}:{window_id}",
        context={
            "account_email": user.email,
            "account_path": reverse("admin:accounts_user_change", args=[user.pk]),
            "failures": failures,
            "addresses": addresses,
            "window_minutes": max(1, window_seconds // 60),
        },
    )
