"""A person's zone is asked at sign-up (candidate, employer, a colleague joining by invitation), prefilled
from the browser by a same-origin script (the CSP allows no inline one): the zone stored is the one chosen,
a bogus one is refused with nothing created, and someone who chose none reads times in the site's zone,
labelled as such."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from tests import factories
from tests.accounts.signup.test_signup import candidate_data, employer_data
from vacancies import services
from vacancies.models import Application, EmployerProfile

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Mars/Olympus_Mons",
    "Asia/Calcutta",  # a legacy alias: not offered, so not taken
    "US/Eastern",
    "Etc/GMT+5",
    "europe/amsterdam",
    "../../../etc/passwd",
    "Europe/Amsterdam\x00",
    "<script>alert(1)</script>",
    "x" * 5000,
    "Europe/Amsterdam' OR '1'='1",
]

SIGN_UPS = [("account_signup", candidate_data), ("employers:signup", employer_data)]


@pytest.mark.parametrize(("url", "data"), SIGN_UPS)
def test_sign_up_stores_the_zone_chosen(client, url, data):
    response = client.post(reverse(url), data(time_zone="Europe/Oslo"))
    assert response.status_code == 302
    assert User.objects.get(email=data()["email"]).time_zone == "Europe/Oslo"


@pytest.mark.parametrize(("url", "data"), SIGN_UPS)
@pytest.mark.parametrize("value", HOSTILE)
def test_sign_up_refuses_a_bogus_zone_and_creates_nothing(client, url, data, value):
    response = client.post(reverse(url), data(time_zone=value))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.exists()


def test_a_colleague_joining_by_invitation_gives_their_zone_too(client, employer):
    EmployerProfile.objects.filter(user=employer).update(is_company_admin=True)
    employer.refresh_from_db()
    invite = services.company_invite_send(
        company=employer.employer_profile.company, email="new@example.com", by=employer
    )
    link = reverse("employers:join", kwargs={"token": services.company_invite_token(invite)})
    page = client.get(link).content.decode()
    assert 'name="time_zone"' in page
    assert client.post(link, candidate_data(email="new@example.com", time_zone="Asia/Tokyo")).status_code == 302
    assert User.objects.get(email="new@example.com").time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("url", ["account_signup", "employers:signup"])
def test_the_form_offers_canonical_zones_by_region_and_prefills_from_the_browser(client, url):
    html = client.get(reverse(url)).content.decode()
    (select,) = re.findall(r'<select name="time_zone".*?</select>', html, flags=re.DOTALL)
    assert "data-browser-zone" in select
    assert '<optgroup label="Europe">' in select
    assert '<option value="Europe/Amsterdam">Amsterdam</option>' in select
    assert '<option value="" selected>The site&#x27;s zone: London (Europe/London)</option>' in select
    for alias in ("Africa/Asmera", "Asia/Calcutta", "US/Eastern"):
        assert f'<option value="{alias}"' not in select  # not offered ...
    assert "&quot;Asia/Calcutta&quot;: &quot;Asia/Kolkata&quot;" in select  # ... but read if a browser says it
    # The script that fills it in is ours, from our origin; no inline script (script-src 'self').
    assert '<script src="/static/js/time-zone.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_the_script_reads_the_browsers_zone_into_a_blank_select_only():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "time-zone.js").read_text()
    assert "Intl.DateTimeFormat().resolvedOptions().timeZone" in script
    assert "select[data-browser-zone]" in script
    assert "if (select.value)" in script  # a choice already made (a form sent back with errors) stays


def test_without_a_zone_times_are_in_the_sites_zone_labelled(client, mailoutbox):
    assert client.post(reverse("account_signup"), candidate_data()).status_code == 302
    user = User.objects.get(email="ada@example.com")
    assert user.time_zone == ""
    application = factories.ApplicationFactory(candidate=user)
    Application.objects.filter(pk=application.pk).update(created_at=dt.datetime(2027, 7, 1, 8, tzinfo=dt.UTC))
    application.stage_changes.update(at=dt.datetime(2027, 7, 1, 8, tzinfo=dt.UTC))
    client.force_login(user)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Thursday 1 July 2027, 09:00 BST (London)" in page
    settings_page = client.get(reverse("account_settings:time_zone")).content.decode()
    assert "London (Europe/London)</strong>: you have chosen none, so they are in the site's zone" in settings_page
