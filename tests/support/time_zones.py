"""For the time-zone tests (unit and browser): the next clock change of a zone, and a moment written as every
page and email writes it ("Tuesday 8 December 2026, 10:00 CET (Amsterdam)")."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone


def next_clock_change(zone: ZoneInfo) -> dt.date:
    """The next day (from two days ahead) on which `zone`'s offset changes: always within six months."""
    day = timezone.localdate() + dt.timedelta(days=2)
    for _ in range(200):
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
        if noon.utcoffset() != dt.datetime.combine(day - dt.timedelta(days=1), dt.time(12), tzinfo=zone).utcoffset():
            return day
        day += dt.timedelta(days=1)
    raise AssertionError("no clock change within 200 days")


def shown(moment: dt.datetime, zone: ZoneInfo, city: str, *, short: bool = False) -> str:
    local = moment.astimezone(zone)
    day = f"{local:%a %-d %b %Y}" if short else f"{local:%A %-d %B %Y}"
    return f"{day}, {local:%H:%M} {local.tzname()} ({city})"
