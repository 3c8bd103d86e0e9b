"""Every time in one format, in the reader's zone, its zone named: the abbreviation of that instant (CET in
winter, CEST in summer) and the city. Checked in four zones on each side of their clock changes: the last
Sundays of March and October in Europe, the second Sunday of March and the first of November in the US, the
first Sundays of April and October in Sydney."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from accounts.time_zones import local_time, zone_label, zone_named

DST_EDGES = [
    # Europe, 28 March 2027: clocks go forward (CET -> CEST); 31 October 2027: back (CEST -> CET).
    ("Europe/Amsterdam", datetime(2027, 3, 27, 9, tzinfo=UTC), "Saturday 27 March 2027, 10:00 CET (Amsterdam)"),
    ("Europe/Amsterdam", datetime(2027, 3, 29, 9, tzinfo=UTC), "Monday 29 March 2027, 11:00 CEST (Amsterdam)"),
    ("Europe/Oslo", datetime(2027, 10, 30, 9, tzinfo=UTC), "Saturday 30 October 2027, 11:00 CEST (Oslo)"),
    ("Europe/Oslo", datetime(2027, 11, 1, 9, tzinfo=UTC), "Monday 1 November 2027, 10:00 CET (Oslo)"),
    ("Europe/London", datetime(2027, 3, 27, 10, tzinfo=UTC), "Saturday 27 March 2027, 10:00 GMT (London)"),
    ("Europe/London", datetime(2027, 3, 29, 9, tzinfo=UTC), "Monday 29 March 2027, 10:00 BST (London)"),
    # The US, 14 March 2027 (EST -> EDT) and 7 November 2027 (EDT -> EST).
    ("America/New_York", datetime(2027, 3, 13, 15, tzinfo=UTC), "Saturday 13 March 2027, 10:00 EST (New York)"),
    ("America/New_York", datetime(2027, 3, 15, 14, tzinfo=UTC), "Monday 15 March 2027, 10:00 EDT (New York)"),
    ("America/New_York", datetime(2027, 11, 6, 14, tzinfo=UTC), "Saturday 6 November 2027, 10:00 EDT (New York)"),
    ("America/New_York", datetime(2027, 11, 8, 15, tzinfo=UTC), "Monday 8 November 2027, 10:00 EST (New York)"),
    # Sydney, 4 April 2027 (AEDT -> AEST) and 3 October 2027 (AEST -> AEDT).
    ("Australia/Sydney", datetime(2027, 4, 2, 23, tzinfo=UTC), "Saturday 3 April 2027, 10:00 AEDT (Sydney)"),
    ("Australia/Sydney", datetime(2027, 4, 5, 0, tzinfo=UTC), "Monday 5 April 2027, 10:00 AEST (Sydney)"),
    ("Australia/Sydney", datetime(2027, 10, 2, 0, tzinfo=UTC), "Saturday 2 October 2027, 10:00 AEST (Sydney)"),
    ("Australia/Sydney", datetime(2027, 10, 3, 23, tzinfo=UTC), "Monday 4 October 2027, 10:00 AEDT (Sydney)"),
]


@pytest.mark.parametrize(("zone", "moment", "shown"), DST_EDGES)
def test_each_side_of_a_clock_change(zone, moment, shown):
    assert local_time(moment, zone_named(zone)) == shown


def test_between_the_us_and_the_european_changes_new_york_is_five_hours_behind_amsterdam():
    moment = datetime(2027, 3, 20, 14, tzinfo=UTC)  # the US has changed, Europe not yet
    assert local_time(moment, zone_named("America/New_York"), "time") == "10:00 EDT (New York)"
    assert local_time(moment, zone_named("Europe/Amsterdam"), "time") == "15:00 CET (Amsterdam)"


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Dubai", "Tue 8 Dec 2026, 13:00 UTC+4 (Dubai)"),  # the tz database has only "+04"
        ("Asia/Kathmandu", "Tue 8 Dec 2026, 14:45 UTC+5:45 (Kathmandu)"),
        ("America/Sao_Paulo", "Tue 8 Dec 2026, 06:00 UTC-3 (Sao Paulo)"),
        ("Asia/Kolkata", "Tue 8 Dec 2026, 14:30 IST (Kolkata)"),
        ("America/Argentina/Buenos_Aires", "Tue 8 Dec 2026, 06:00 UTC-3 (Buenos Aires)"),
        ("UTC", "Tue 8 Dec 2026, 09:00 UTC"),
    ],
)
def test_the_short_style_and_zones_without_a_letter_abbreviation(zone, shown):
    assert local_time(datetime(2026, 12, 8, 9, tzinfo=UTC), zone_named(zone), "short") == shown


def test_without_a_zone_the_active_one_and_the_label_of_now():
    moment = datetime(2027, 7, 1, 8, tzinfo=UTC)
    assert local_time(moment, style="time") == "09:00 BST (London)"  # the site's zone
    with timezone.override(zone_named("Australia/Sydney")):
        assert local_time(moment, style="time") == "18:00 AEST (Sydney)"
    assert local_time(None) == ""
    assert zone_label(zone_named("Europe/Oslo"), moment) == "CEST (Oslo)"


def render(source: str, **context) -> str:
    return Template("{% load times %}" + source).render(Context(context))


def test_the_when_filter_writes_in_the_zone_active_where_it_renders():
    moment = datetime(2026, 12, 8, 9, tzinfo=UTC)
    assert render("{{ t|when }}", t=moment) == "Tuesday 8 December 2026, 09:00 GMT (London)"
    with timezone.override(zone_named("Europe/Oslo")):
        assert render("{{ t|when:'short' }}", t=moment) == "Tue 8 Dec 2026, 10:00 CET (Oslo)"
    source = "{% load tz %}{% timezone 'America/New_York' %}{{ t|when:'time' }}{% endtimezone %}"
    assert render(source, t=moment) == "04:00 EST (New York)"
    assert render("{{ t|when }}", t=date(2026, 12, 8)) == "Tuesday 8 December 2026"  # a day has no zone
    assert render("{{ t|when }}", t=None) == ""
    assert render("{{ t|when }}", t="<b>not a time</b>") == ""
