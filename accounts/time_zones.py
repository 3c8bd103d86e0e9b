"""Time zones: each person sees times in their own zone (a setting on their account; the site's TIME_ZONE
when they chose none). Times are stored in UTC; this module only names, checks and activates zones."""

from __future__ import annotations

import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone a person may choose (Area/Location names, sorted), without the legacy aliases."""
    return tuple(
        sorted(
            name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith(("Etc/", "SystemV/"))
        )
    )


def validate_time_zone(value: str) -> None:
    if value and value not in zone_names():
        raise ValidationError("Choose a time zone from the list.")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    if name and name in zone_names():
        return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class TimeZoneMiddleware:
    """Pages render times in the logged-in user's zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "time_zone", ""):
            timezone.activate(zone_named(user.time_zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The zone is this request's only: the thread serves the next request (or test) in the site's.
            timezone.deactivate()
