"""Whole public pages for visitors who are not logged in.

Home, the board and a vacancy's page read the same for every visitor who is not logged in: such a page is kept
whole (its content and the view's own headers) under the board versions and the day (see `board_cache`), so it
is replaced after any change the public can see and is served again without a query or a template. The pieces
the pages are built from stay cached too, for the visitors who are logged in and for the first visitor after a
change.

A page is kept only when it is the same for the next visitor: a 200 to a GET that set no cookie, used no CSRF
token, showed no message and left the session untouched. A visitor with a message waiting gets the page rendered
for them. The middleware still runs on a kept page (security headers, sessions, the access log)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from vacancies import board_cache

KEY_PREFIX = "vacancies:visitor-page"


def _messages_waiting(request: HttpRequest) -> bool:
    return hasattr(request, "_messages") and len(get_messages(request)) > 0


def _key(request: HttpRequest, name: Callable[[], str]) -> str | None:
    """Where this request's page is kept, or None when it is someone's own (or the cache is off or away)."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated or _messages_waiting(request):
        return None
    versions = board_cache.current_versions()
    if versions is None:
        return None
    where = hashlib.sha256(f"{request.scheme}|{request.get_host()}|{name()}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{versions[0]}:{versions[1]}:{timezone.localdate().isoformat()}:{where}"


def _keep(request: HttpRequest, key: str, response: HttpResponse) -> None:
    session = getattr(request, "session", None)
    if (
        request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
        or _messages_waiting(request)
    ):
        return
    board_cache.put(key, {"content": response.content, "headers": dict(response.headers)})


def kept_for_visitors(name: Callable[..., str]):
    """Decorate a public view (a function, or a class-based view's `dispatch` with `method_decorator`) whose page
    is the same for every visitor who is not logged in. `name(request, **kwargs)` names the page: the path's
    variable parts and the normalised query, never anything of the visitor's own."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            key = _key(request, lambda: name(request, **kwargs))
            if key is None:
                return view(request, *args, **kwargs)
            kept = board_cache.get_many([key]).get(key)
            if kept is not None:
                return HttpResponse(kept["content"], headers=kept["headers"])
            response = view(request, *args, **kwargs)
            if hasattr(response, "add_post_render_callback") and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: _keep(request, key, rendered))
            else:
                _keep(request, key, response)
            return response

        return wrapped

    return decorator
