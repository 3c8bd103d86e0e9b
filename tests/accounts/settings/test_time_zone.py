"""The account page's time zone: canonical zones by region with the person's own first, saved through
`user_time_zone_set`, a bogus one refused (400, nothing changed), blank for the site's zone; times on the
site and in emails follow it."""

import re

import pytest
from django.urls import reverse

from tests.accounts.signup.test_time_zone import HOSTILE

pytestmark = pytest.mark.django_db

URL = reverse("account_settings:time_zone")


def zone_select(html: str) -> str:
    (select,) = re.findall(r'<select name="time_zone".*?</select>', html, flags=re.DOTALL)
    return select


def test_the_persons_zone_comes_first_then_the_regions(client, candidate):
    candidate.time_zone = "America/New_York"
    candidate.save(update_fields=["time_zone"])
    client.force_login(candidate)
    html = client.get(URL).content.decode()
    select = zone_select(html)
    assert select.index('<optgroup label="Your zone">') < select.index('<optgroup label="Africa">')
    assert '<option value="America/New_York" selected>New York</option>' in select
    assert select.count('value="America/New_York"') == 1
    labels = re.findall(r'<optgroup label="([^"]+)">', select)
    assert labels == ["Your zone", "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
                      "Europe", "Indian", "Pacific", "Other"]  # fmt: skip
    for alias in ("Africa/Asmera", "Asia/Calcutta", "US/Eastern", "Etc/UTC"):
        assert f'value="{alias}"' not in select
    assert "data-browser-zone" not in select  # what the person chose is not overwritten by the browser
    assert "New York (America/New_York)" in html


def test_saving_a_zone_and_going_back_to_the_sites(client, candidate):
    client.force_login(candidate)
    response = client.post(URL, {"time_zone": "Australia/Sydney"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    candidate.refresh_from_db()
    assert candidate.time_zone == "Australia/Sydney"
    assert "Time zone saved: times are now shown in Sydney (Australia/Sydney)." in response.content.decode()
    client.post(URL, {"time_zone": ""})
    candidate.refresh_from_db()
    assert candidate.time_zone == ""


@pytest.mark.parametrize("value", HOSTILE)
def test_a_bogus_zone_is_refused_and_nothing_changes(client, candidate, value):
    candidate.time_zone = "Europe/Oslo"
    candidate.save(update_fields=["time_zone"])
    client.force_login(candidate)
    response = client.post(URL, {"time_zone": value})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.time_zone == "Europe/Oslo"


def test_an_old_alias_on_an_account_reads_as_its_canonical_zone(client, employer):
    employer.time_zone = "Asia/Calcutta"  # offered by an earlier version of the list
    employer.save(update_fields=["time_zone"])
    client.force_login(employer)
    select = zone_select(client.get(URL).content.decode())
    assert '<option value="Asia/Kolkata" selected>Kolkata</option>' in select
    assert employer.zone.key == "Asia/Kolkata"


def test_the_page_is_behind_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
