"""The site's own middleware: every refused request is written to the security log."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

# The logger and the user/IP helpers live in accounts so that vacancies and accounts can log too.
from accounts.security_log import loggable_path, security_log, who


class AccessLogMiddleware:
    """Logs every refused request (401/403, and 404 for authenticated users poking at others' objects)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in (401, 403) or (status == 404 and getattr(request.user, "is_authenticated", False)):
            security_log.info("access denied status=%s path=%s %s", status, loggable_path(request), who(request))
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is over REQUEST_MAX_BYTES with 413, before anything reads
    the body (Django would otherwise spool a 40 MB upload to disk before the form says no). First in
    MIDDLEWARE. The proxy in front must cap bodies at the same figure (nginx: client_max_body_size)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = -1
        limit = settings.REQUEST_MAX_BYTES
        if declared < 0 or declared > limit:
            security_log.info("request too large length=%s path=%s %s", declared, loggable_path(request), who(request))
            response = HttpResponse(
                f"The request is larger than the {limit // (1024 * 1024)} MB this site accepts.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            if request.META.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
                # gunicorn reads it as "close this connection" instead of draining the unread body first.
                # WSGI forbids hop-by-hop headers, and servers that enforce it (wsgiref, so runserver)
                # would answer 500 instead; runserver closes the connection on its own.
                response["Connection"] = "close"
            return response
        return self.get_response(request)
