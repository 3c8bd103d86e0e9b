"""Employer-written Markdown (issue 16, item 10): the company's About goes through the same sanitiser as
descriptions on the public vacancy page; typed HTML is removed, as the help text says; the editor
previews the description. (Heading sizes and quote styling are checked in Chromium: tests/browser/test_pages.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.vacancies.revisions.test_revisions import edit_data
from tests.vacancies.vacancies.test_form import valid_data
from vacancies.markup import render_markdown
from vacancies.models import Company, Vacancy, VacancyRevision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("<b>bold</b> and <i>it</i>", "bold and it", "<b>"),
        ("<strong>typed</strong> **real**", "typed <strong>real</strong>", "<strong>typed"),
        ("<script>alert(1)</script>", "alert(1)", "<script"),
        ("<img src=x onerror=alert(1)>hi", "hi", "<img"),
        ("<!-- note --> shown", "shown", "note"),
        ("a < b and c > d", "a &lt; b and c &gt; d", "<b"),
        ("<https://example.com>", 'href="https://example.com"', "&lt;https"),
        ("## Benefits", "<h3>Benefits</h3>", "<h2>"),
        ("> A quote", "<blockquote>", "&gt; A quote"),
        ("[x](javascript:alert(1))", "x", "javascript:"),
    ],
)
def test_typed_html_is_removed_and_markdown_kept(text, present, absent):
    html = str(render_markdown(text))
    assert present in html
    assert absent not in html


def test_company_about_is_rendered_as_markdown_on_the_vacancy_page(client, vacancy):
    Company.objects.filter(pk=vacancy.company_id).update(
        description="We build **payments** for clinics.\n\n- 40 people\n- Series B\n\n<script>alert(1)</script>"
    )
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "We build <strong>payments</strong> for clinics." in page
    assert "<li>40 people</li>" in page
    assert "**payments**" not in page
    assert "<script>alert(1)</script>" not in page


def test_editor_previews_the_description_without_saving(client, employer, company):
    client.force_login(employer)
    url = reverse("employers:vacancy_create")
    response = client.post(url, valid_data(action="preview", description="## Benefits\n\n**Equity** <b>x</b>"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview of the description" in page
    assert "<h3>Benefits</h3>" in page
    assert "<strong>Equity</strong> x" in page
    assert not Vacancy.objects.exists()


def test_preview_with_bad_input_shows_no_errors_and_saves_nothing(client, employer, vacancy):
    client.force_login(employer)
    url = reverse("employers:vacancy_edit", args=[vacancy.pk])
    for description in ["", "\x00", "x" * 30_000, "<script>alert(1)</script>"]:
        response = client.post(url, edit_data(vacancy, action="preview", title="", description=description))
        assert response.status_code == 200
        assert "Preview of the description" in response.content.decode()
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert not VacancyRevision.objects.exists()
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title


def test_preview_is_for_the_vacancys_employer_only(client, other_employer, vacancy):
    client.force_login(other_employer)
    response = client.post(reverse("employers:vacancy_edit", args=[vacancy.pk]), edit_data(vacancy, action="preview"))
    assert response.status_code == 404
