"""The "security" logger and who-is-asking helpers. Lives in accounts (the bottom of the dependency
chain accounts <- vacancies <- recruitment) so every app can log with the same user/IP format.

Log lines carry ids and addresses only: never passwords, tokens, keys or file contents."""

from __future__ import annotations

import logging

security_log = logging.getLogger("security")


def client_ip(request) -> str:
    """The client's address, trusting X-Forwarded-For only as far as ALLAUTH_TRUSTED_PROXY_COUNT says."""
    # Imported here: this module is loaded by the logging configuration, before the apps are ready.
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request) or "-"
    except Exception:
        return request.META.get("REMOTE_ADDR", "-")


def who(request) -> str:
    user = getattr(request, "user", None)
    return f"user={user.pk if user and user.is_authenticated else '-'} ip={client_ip(request)}"


# URL parameters that carry a secret (unsubscribe tokens, email confirmation and password reset keys).
SECRET_URL_PARAMETERS = {"token", "key", "uidb36", "uidb64", "code"}


def loggable_path(request, *, limit: int | None = 200) -> str:
    """The request's path with every secret URL parameter replaced by [redacted]."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        secrets = [str(v) for k, v in match.kwargs.items() if k in SECRET_URL_PARAMETERS and v not in (None, "")]
        for value in sorted(secrets, key=len, reverse=True):
            path = path.replace(value, "[redacted]")
    return path if limit is None else path[:limit]


class RedactSecretPaths(logging.Filter):
    """For Django's own request loggers (django.request, django.security.csrf), which put the path in
    the message ("Not Found: /unsubscribe/<token>/"): the path loses its secret parameters."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple) and hasattr(request, "path"):
            path = request.path
            safe = loggable_path(request, limit=None)
            if safe != path:
                record.args = tuple(safe if arg == path else arg for arg in record.args)
        return True


def log_cv_download(request, *, kind: str, object_id: int, owner_id: int | None) -> None:
    """A CV left the building: which one (by id), whose it is, and who fetched it from where."""
    security_log.info("cv download kind=%s id=%s owner=%s %s", kind, object_id, owner_id or "-", who(request))
