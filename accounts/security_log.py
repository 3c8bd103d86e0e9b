"""The "security" logger and who-is-asking helpers. Lives in accounts (the bottom of the dependency
chain accounts <- vacancies <- recruitment) so every app can log with the same user/IP format.

Log lines carry ids and addresses only: never passwords, tokens, keys or file contents."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

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


# URL parameters that carry a secret (unsubscribe tokens, email confirmation and password reset keys),
# in our URL patterns and allauth's, and in query strings.
SECRET_URL_PARAMETERS = {"token", "key", "uidb36", "uidb64", "code"}
SECRET_QUERY_PARAMETERS = SECRET_URL_PARAMETERS | {"password", "secret", "signature", "sig"}
REDACTED = "[redacted]"

_URL = re.compile(
    r"(?P<origin>[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*)?(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#.*)?", re.S
)
_REQUEST_LINE = re.compile(r"(?P<method>[A-Z]{1,20}) (?P<target>\S+)(?P<protocol> HTTP/\d(?:\.\d)?)?")


def _secrets_of(path: str, match=None) -> list[str] | None:
    """The values of the secret URL parameters in `path` (by the URL pattern it resolves to); None when
    that cannot be told (Django not ready), which callers treat as "all of it may be secret"."""
    if match is None:
        # Imported here: this module is loaded by the logging configuration, before the URLconf may be.
        from django.urls import Resolver404, resolve

        try:
            match = resolve(unquote(path))
        except Resolver404:
            return []
        except Exception:
            return None
    return [str(v) for k, v in match.kwargs.items() if k in SECRET_URL_PARAMETERS and v not in (None, "")]


def redact_path(path: str, match=None) -> str:
    """`path` with every secret URL parameter replaced by [redacted]. `match` is the request's
    resolver_match when there is one; otherwise the path is resolved here."""
    secrets = _secrets_of(path, match)
    if secrets is None:
        return REDACTED
    raw = path
    for value in sorted(secrets, key=len, reverse=True):
        path = path.replace(value, REDACTED)
    if any(value in unquote(path) for value in secrets) or (secrets and path == raw):
        return REDACTED  # percent-encoded so the plain value was not found: keep none of it
    return path


def redact_url(url: str) -> str:
    """The one redaction every log line goes through: a path, path?query or absolute URL (a Referer)
    with secret path parameters and secret query values replaced by [redacted]; fragments dropped."""
    parts = _URL.fullmatch(url)
    if parts is None:
        return REDACTED
    safe = (parts["origin"] or "") + redact_path(parts["path"] or "/") if parts["path"] else parts["origin"] or ""
    if parts["query"]:
        items = []
        for item in parts["query"].split("&"):
            name, sep, _value = item.partition("=")
            items.append(f"{name}={REDACTED}" if sep and unquote(name).lower() in SECRET_QUERY_PARAMETERS else item)
        safe += "?" + "&".join(items)
    return safe


def redact_request_line(line: str) -> str:
    """ "GET /unsubscribe/<token>/ HTTP/1.1" -> "GET /unsubscribe/[redacted]/ HTTP/1.1"."""
    parts = _REQUEST_LINE.fullmatch(line)
    if parts is None:
        return REDACTED
    return f"{parts['method']} {redact_url(parts['target'])}{parts['protocol'] or ''}"


def loggable_path(request, *, limit: int | None = 200) -> str:
    """The request's path with every secret URL parameter replaced by [redacted]."""
    path = redact_path(request.path, getattr(request, "resolver_match", None))
    return path if limit is None else path[:limit]


def _redact_argument(arg):
    if not isinstance(arg, str):
        return arg
    if arg.startswith("/") or "://" in arg[:20]:
        return redact_url(arg)
    if _REQUEST_LINE.fullmatch(arg):
        return redact_request_line(arg)
    return arg


class RedactSecretPaths(logging.Filter):
    """For the loggers that put a path, URL or request line in their message: Django's request loggers
    ("Not Found: /unsubscribe/<token>/"), runserver's django.server ('"GET /accounts/confirm-email/<key>/
    HTTP/1.1" 200 5') and gunicorn's error log ("Error handling request /..."). Every such argument goes
    through redact_url."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(record.args, tuple):
            if request is not None and hasattr(request, "path") and hasattr(request, "resolver_match"):
                path = request.path
                safe = loggable_path(request, limit=None)
                record.args = tuple(safe if arg == path else _redact_argument(arg) for arg in record.args)
            else:
                record.args = tuple(_redact_argument(arg) for arg in record.args)
        return True


def log_cv_download(request, *, kind: str, object_id: int, owner_id: int | None) -> None:
    """A CV left the building: which one (by id), whose it is, and who fetched it from where."""
    security_log.info("cv download kind=%s id=%s owner=%s %s", kind, object_id, owner_id or "-", who(request))
