"""`{% load times %}`: every time a person reads, in the one format, its zone named (accounts.time_zones).

    {{ interview.starts_at|when }}          Tuesday 8 December 2026, 10:00 CET (Amsterdam)
    {{ interview.starts_at|when:"short" }}  Tue 8 Dec 2026, 10:00 CET (Amsterdam)
    {{ interview.starts_at|when:"time" }}   10:00 CET (Amsterdam)

In the zone active where the template renders: the viewer's on a page, the recipient's in an email, the one
a `{% timezone %}` block names. Dates without a time of day keep Django's `date` filter."""

import datetime as dt

from django import template
from django.utils import dateformat

from accounts.time_zones import local_time, zone_description

register = template.Library()


@register.filter(expects_localtime=False)
def when(value, style: str = "long") -> str:
    if isinstance(value, dt.datetime):
        return local_time(value, style=style)
    if isinstance(value, dt.date):  # a day has no zone
        return dateformat.format(value, "l j F Y" if style == "long" else "D j M Y")
    return ""


@register.filter
def zone_name(zone) -> str:
    """A zone as a form names it: "Amsterdam (Europe/Amsterdam)"."""
    return zone_description(zone) if zone else ""
