"""The "security" logger and who-is-asking helpers. Lives in accounts (the bottom of the dependency
chain accounts <- vacancies <- recruitment) so every app can log with the same user/IP format.

Log lines carry ids and addresses only: never passwords, tokens, keys or file contents."""

from __future__ import annotations

import logging

from allauth.core.internal.httpkit import get_client_ip

security_log = logging.getLogger("security")


def client_ip(request) -> str:
    """The client's address, trusting X-Forwarded-For only as far as ALLAUTH_TRUSTED_PROXY_COUNT says."""
    try:
        return get_client_ip(request) or "-"
    except Exception:
        return request.META.get("REMOTE_ADDR", "-")


def who(request) -> str:
    user = getattr(request, "user", None)
    return f"user={user.pk if user and user.is_authenticated else '-'} ip={client_ip(request)}"


def log_cv_download(request, *, kind: str, object_id: int, owner_id: int | None) -> None:
    """A CV left the building: which one (by id), whose it is, and who fetched it from where."""
    security_log.info("cv download kind=%s id=%s owner=%s %s", kind, object_id, owner_id or "-", who(request))
