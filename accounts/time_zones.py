"""Time zones: each person sees times in their own zone (a setting on their account, asked at sign-up; the
site's TIME_ZONE when they chose none). Times are stored in UTC; this module names, checks, labels and
activates zones, and writes every time a person reads, on a page or in an email, in one format:

    "Tuesday 8 December 2026, 10:00 CET (Amsterdam)"   (style "long")
    "Tue 8 Dec 2026, 10:00 CET (Amsterdam)"            (style "short")
    "10:00 CET (Amsterdam)"                            (style "time")

The abbreviation is the zone's at that instant (CEST in summer), the city the zone's. Templates use the
`when` filter (accounts/templatetags/times.py), which writes in the zone active at that moment: the viewer's
on a page (TimeZoneMiddleware), the recipient's in an email (recruitment.outbox.render).

The zones a person may choose are the canonical IANA ones: those of the tz database's zone.tab (one per
country and region, as shipped by the pinned `tzdata` package) plus UTC. The legacy aliases that
`zoneinfo.available_timezones()` also lists ("Asia/Calcutta", "Africa/Asmera", "US/Eastern") are not
offered; a browser or an old account that names one is read as the canonical zone it is a copy of."""

from __future__ import annotations

import functools
import importlib.resources
import os
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone

UTC_NAME = "UTC"
# Renamed places the files cannot tell apart from their neighbours (the tz database's `backward` file says
# these; `tzdata` does not ship it). Browsers still report some of the old names (ICU keeps them).
RENAMED = {
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Yap": "Pacific/Chuuk",
    "Iceland": "Atlantic/Reykjavik",
    "Atlantic/Jan_Mayen": "Arctic/Longyearbyen",
    "Antarctica/South_Pole": "Antarctica/McMurdo",
    "America/Coral_Harbour": "America/Atikokan",
    "Africa/Timbuktu": "Africa/Bamako",
}
STYLES = {"long": "l j F Y, H:i", "short": "D j M Y, H:i", "time": "H:i"}


def _zone_file(name: str) -> bytes | None:
    """The compiled tz file (or table) `name`: from the `tzdata` package, else the system's copy."""
    try:
        return importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    for directory in zoneinfo.TZPATH:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    return None


def _table(name: str) -> set[str]:
    """The zone names of a tz table (zone.tab, zone1970.tab): its third column."""
    text = (_zone_file(name) or b"").decode()
    return {line.split("\t")[2] for line in text.splitlines() if line and not line.startswith("#")}


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every zone a person may choose: the canonical IANA zones (zone.tab) and UTC, sorted."""
    names = _table("zone.tab")
    if not names:  # no tz table anywhere: the Area/Location names, which include some aliases
        names = {name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith("Etc/")}
    return tuple(sorted(names | {UTC_NAME}))


@functools.cache
def zone_aliases() -> dict[str, str]:
    """Each legacy alias ("Asia/Calcutta") -> the canonical zone it is a copy of ("Asia/Kolkata"). Among
    identical canonical zones, the one whose city reads most like the alias's wins, then the main zone of
    zone1970.tab ("Europe/Belfast" -> "Europe/London", "Africa/Asmera" -> "Africa/Asmara")."""
    canonical = set(zone_names())
    main = _table("zone1970.tab") | {UTC_NAME}
    by_content: dict[bytes, list[str]] = {}
    for name in canonical:
        content = _zone_file(name)
        if content:
            by_content.setdefault(content, []).append(name)
    aliases = {}
    for alias in zoneinfo.available_timezones() - canonical:
        content = _zone_file(alias)
        same = by_content.get(content) if content else None
        if same:
            place = _city_key(alias)
            aliases[alias] = min(same, key=lambda name: (-_alike(place, _city_key(name)), name not in main, name))
    aliases.update({alias: name for alias, name in RENAMED.items() if name in canonical})
    return aliases


def _city_key(name: str) -> str:
    return name.rsplit("/", 1)[-1].lower()


def _alike(a: str, b: str) -> int:
    """How alike two cities read: how many first letters they share, when three or more ("Asm")."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared if shared >= 3 else 0


def canonical_zone(name: str | None) -> str:
    """`name` as a zone a person may choose ("" when it names none)."""
    if not name:
        return ""
    if name in zone_names():
        return name
    return zone_aliases().get(name, "")


def validate_time_zone(value: str) -> None:
    if value and value not in zone_names():
        raise ValidationError("Choose a time zone from the list.")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    """The zone `name` (an alias read as its canonical zone); the site's zone when it names none."""
    return zoneinfo.ZoneInfo(canonical_zone(name) or settings.TIME_ZONE)


# --- Labels and the one format --------------------------------------------------------------------


def city(zone: zoneinfo.ZoneInfo | str) -> str:
    """The place a zone is named after: "Amsterdam", "Buenos Aires", "UTC"."""
    key = zone if isinstance(zone, str) else zone.key
    return key.rsplit("/", 1)[-1].replace("_", " ")


def abbreviation(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """The zone's abbreviation at that instant ("CET", "CEST", "EDT"); "UTC+4" where the tz database has only
    an offset ("+04", "+0530")."""
    name = moment.astimezone(zone).tzname() or ""
    if name[:1] in "+-" and name[1:].isdigit():
        hours, minutes = name[1:3], name[3:5]
        name = f"UTC{name[0]}{int(hours)}" + (f":{minutes}" if minutes and minutes != "00" else "")
    return name


def zone_label(zone: zoneinfo.ZoneInfo, moment: datetime | None = None) -> str:
    """ "CET (Amsterdam)": the abbreviation at `moment` (now when None) and the city; "UTC" for UTC."""
    moment = moment or timezone.now()
    if zone.key == UTC_NAME:
        return UTC_NAME
    return f"{abbreviation(moment, zone)} ({city(zone)})"


def local_time(moment: datetime | None, zone: zoneinfo.ZoneInfo | None = None, style: str = "long") -> str:
    """`moment` in `zone` (the active zone when None) in the one format, its zone named; "" for None."""
    if moment is None:
        return ""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    zone = zone or timezone.get_current_timezone()
    if not isinstance(zone, zoneinfo.ZoneInfo):
        zone = zone_named(getattr(zone, "key", str(zone)))
    local = moment.astimezone(zone)
    return f"{dateformat.format(local, STYLES.get(style, STYLES['long']))} {zone_label(zone, local)}"


def zone_description(zone: zoneinfo.ZoneInfo) -> str:
    """How a form names a zone: "Amsterdam (Europe/Amsterdam)", "UTC"."""
    return UTC_NAME if zone.key == UTC_NAME else f"{city(zone)} ({zone.key})"


# --- Choosing one ---------------------------------------------------------------------------------


def _option_label(name: str) -> str:
    if "/" not in name:
        return name
    parts = name.split("/", 1)[1].replace("_", " ").split("/")
    return parts[-1] + (f" ({', '.join(parts[:-1])})" if len(parts) > 1 else "")


def zone_choices(*, first: str = "", blank: str | None = None) -> list:
    """The choices of a zone select: `first` (the person's own zone) on top, then a blank choice labelled
    `blank` if given, then every canonical zone grouped by region (Africa, America, Asia, Europe, ...)."""
    first = canonical_zone(first)
    choices: list = []
    if first:
        choices.append(("Your zone", [(first, _option_label(first))]))
    if blank is not None:
        choices.append(("", blank))
    groups: dict[str, list] = {}
    for name in zone_names():
        if name != first:
            region = name.split("/", 1)[0] if "/" in name else "Other"
            groups.setdefault(region, []).append((name, _option_label(name)))
    for region in sorted(groups, key=lambda region: (region == "Other", region)):
        choices.append((region, sorted(groups[region], key=lambda choice: choice[1])))
    return choices


def site_zone_choice_label() -> str:
    return f"The site's zone: {zone_description(zone_named(''))}"


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
