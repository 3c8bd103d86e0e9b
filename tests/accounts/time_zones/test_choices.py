"""The zones a person may choose: canonical IANA zones only (no legacy alias), every one loadable, grouped by
region with the person's own first; an alias a browser or an old account names is read as its canonical
zone; anything else is the site's zone."""

import zoneinfo

import pytest

from accounts.time_zones import canonical_zone, zone_aliases, zone_choices, zone_named, zone_names

ALIASES = {
    "Africa/Asmera": "Africa/Asmara",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Pacific/Truk": "Pacific/Chuuk",
    "US/Eastern": "America/New_York",
    "US/Pacific": "America/Los_Angeles",
    "Australia/ACT": "Australia/Sydney",
    "Europe/Belfast": "Europe/London",
    "GB": "Europe/London",
    "Etc/UTC": "UTC",
    "Zulu": "UTC",
}


def test_the_choices_are_canonical_zones_only():
    names = set(zone_names())
    assert not names & set(ALIASES), "a legacy alias is offered"
    assert not names & set(zone_aliases())
    assert not [name for name in names if name.startswith(("Etc/", "US/", "SystemV/"))]
    for name in ("Europe/Amsterdam", "Europe/Oslo", "Europe/London", "America/New_York", "Australia/Sydney",
                 "Asia/Kolkata", "Africa/Asmara", "America/Argentina/Buenos_Aires", "UTC"):  # fmt: skip
        assert name in names
    assert 400 < len(names) < 450  # one per country and region, not the ~600 names zoneinfo knows
    for name in names:
        zoneinfo.ZoneInfo(name)  # every one loads


@pytest.mark.parametrize(("alias", "canonical"), ALIASES.items())
def test_an_alias_is_read_as_its_canonical_zone(alias, canonical):
    assert zone_aliases()[alias] == canonical
    assert canonical_zone(alias) == canonical
    assert zone_named(alias).key == canonical


BOGUS = ["", None, "Mars/Olympus_Mons", "europe/amsterdam", "../../etc/passwd", "\x00", "x" * 500]


@pytest.mark.parametrize("bogus", BOGUS)
def test_anything_else_is_the_sites_zone(bogus, settings):
    assert canonical_zone(bogus) == ""
    assert zone_named(bogus).key == settings.TIME_ZONE == "Europe/London"


def test_the_choices_are_grouped_by_region_with_the_persons_zone_first():
    choices = zone_choices(first="Europe/Oslo", blank="The site's zone")
    assert choices[0] == ("Your zone", [("Europe/Oslo", "Oslo")])
    assert choices[1] == ("", "The site's zone")
    groups = dict(choices[2:])
    assert list(groups) == [
        *("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"),
        *("Indian", "Pacific", "Other"),
    ]
    europe = dict(groups["Europe"])
    assert europe["Europe/Amsterdam"] == "Amsterdam"
    assert "Europe/Oslo" not in europe  # once, on top
    assert dict(groups["America"])["America/Argentina/Buenos_Aires"] == "Buenos Aires (Argentina)"
    assert groups["Other"] == [("UTC", "UTC")]
    offered = [value for _label, options in choices[2:] for value, _ in options]
    assert sorted([*offered, "Europe/Oslo"]) == sorted(zone_names())  # every zone, once


def test_an_old_alias_of_the_person_is_offered_as_its_canonical_zone():
    assert zone_choices(first="Asia/Calcutta")[0] == ("Your zone", [("Asia/Kolkata", "Kolkata")])
    assert zone_choices(first="Mars/Olympus")[0][0] == "Africa"  # no zone of theirs: the regions only
