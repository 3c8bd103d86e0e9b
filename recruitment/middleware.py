"""The site's own middleware: every refused request is written to the security log."""

from __future__ import annotations

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
