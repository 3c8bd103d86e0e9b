"""Numbers and times only with the digits 0-9 (#23 item 10): full-width or other-script digits are refused with a
clear message in every number, date and time field of every form (accounts.digits), and nothing is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from accounts.digits import FIELDS, MESSAGE
from accounts.models import CandidateProfile
from recruitment.forms.interviews import ProposeForm
from recruitment.models.interviews import Interview
from tests import factories
from tests.accounts.profile.test_profile import profile_data
from vacancies.models import Application

pytestmark = pytest.mark.django_db

FULL_WIDTH = "\uff11\uff12\uff10"  # 120 in full-width digits
ARABIC_INDIC = "\u0661\u0662\u0660"
DEVANAGARI = "\u0967\u0968\u0966"


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("typed", [FULL_WIDTH, ARABIC_INDIC, DEVANAGARI, f"2027-0{FULL_WIDTH[0]}-01"])
def test_every_number_date_and_time_field_refuses_other_digits(field, typed):
    with pytest.raises(forms.ValidationError) as refused:
        field().clean(typed)
    assert refused.value.messages == [MESSAGE]


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.__name__)
def test_ascii_digits_still_work(field):
    value = {"DateField": "2027-03-01", "DateTimeField": "2027-03-01 10:00", "TimeField": "10:00"}.get(
        field.__name__, "120"
    )
    assert field().clean(value) is not None


def test_a_split_date_time_field_refuses_them_too():
    with pytest.raises(forms.ValidationError):
        forms.SplitDateTimeField().clean(["\uff12\uff10\uff12\uff17-03-01", "10:00"])


def test_the_profile_form_refuses_full_width_years_and_keeps_the_rest(client, candidate):
    client.force_login(candidate)
    profile = candidate.candidate_profile
    data = profile_data(profile, years_experience=FULL_WIDTH, headline="Typed before the refusal 9913")
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page
    assert "Typed before the refusal 9913" in page
    assert CandidateProfile.objects.get(user=candidate).years_experience != 120


def test_the_interview_times_form_refuses_full_width_digits(employer, candidate):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company)
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SCREENING)
    day = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d")
    form = ProposeForm(
        {
            "slot_1": f"{day}T\uff11\uff10:\uff10\uff10",
            "duration_minutes": "60",
            "round": "first",
            "video_url": "https://meet.example.com/a",
        },
        user=employer,
    )
    assert not form.is_valid()
    assert MESSAGE in str(form.errors)
    assert not Interview.objects.filter(application=application).exists()


def test_the_workspace_refuses_them_too(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])
    response = client.post(url, {"title": vacancy.title, "salary_min": FULL_WIDTH, "salary_max": "150000"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.salary_min != 120
