"""gunicorn's logger with the site's redaction: the access log never holds a password-reset key, an
email-confirmation key or an unsubscribe token (gunicorn.conf.py sets `logger_class` to this)."""

from __future__ import annotations

from gunicorn.glogging import Logger

from accounts.security_log import REDACTED, RedactSecretPaths, redact_path, redact_request_line, redact_url

# Atoms that carry the request target or another URL, and what they become.
_HEADER_URLS = ("{referer}i", "{location}o", "{content-location}o")


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # "Error handling request /path" and friends: the same redaction as Django's loggers.
        if not any(isinstance(f, RedactSecretPaths) for f in self.error_log.filters):
            self.error_log.addFilter(RedactSecretPaths())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path, query = environ.get("PATH_INFO") or "", environ.get("QUERY_STRING") or ""
        atoms["r"] = redact_request_line(atoms["r"])
        atoms["U"] = redact_path(path) if path else path
        atoms["q"] = redact_url(f"/?{query}")[2:] if query else query
        if atoms.get("f") not in (None, "-"):
            atoms["f"] = redact_url(atoms["f"])
        for key in _HEADER_URLS:
            if key in atoms:
                atoms[key] = redact_url(atoms[key])
        for key in ("{cookie}i", "{authorization}i", "{set-cookie}o"):
            if key in atoms:
                atoms[key] = REDACTED
        # The WSGI environ (RAW_URI, PATH_INFO, QUERY_STRING, HTTP_REFERER, cookies ...) is not loggable.
        for key in [key for key in atoms if key.endswith("}e")]:
            atoms[key] = REDACTED
        return atoms
