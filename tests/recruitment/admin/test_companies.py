"""Companies in the admin: a recruiter's logo upload goes through the same checks and re-encoding
as an employer's (vacancies.services.company_update)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests import factories
from tests.support.hostile_files import hostile_logo_files
from vacancies.models import Company

pytestmark = pytest.mark.django_db


def png(size=(80, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 42, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def data(company, **overrides):
    return {
        "name": company.name,
        "website": company.website,
        "industry": "",
        "size": "51-250",
        "description": "Payments for platforms.",
        "employers-TOTAL_FORMS": 0,
        "employers-INITIAL_FORMS": 0,
        # The client's terms (recruitment.admin.placements): none sent, the settings' defaults stay.
        "terms-TOTAL_FORMS": 0,
        "terms-INITIAL_FORMS": 0,
        **overrides,
    }


def test_recruiter_uploads_a_logo_that_is_re_encoded(client, recruiter):
    company = factories.CompanyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_company_change", args=[company.pk])
    logo = SimpleUploadedFile("../evil.php.png", png(), content_type="image/png")
    response = client.post(url, data(company, logo=logo))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.logo.name.startswith("logos/")
    assert "evil" not in company.logo.name
    assert company.size == "51-250"


@pytest.mark.parametrize(("label", "name", "content"), hostile_logo_files())
def test_hostile_logo_is_refused_and_nothing_changes(client, recruiter, label, name, content):
    company = factories.CompanyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_company_change", args=[company.pk])
    response = client.post(url, data(company, logo=SimpleUploadedFile(name, content), size="5000+"))
    assert response.status_code == 200, label
    assert response.context["adminform"].form.errors["logo"]
    company.refresh_from_db()
    assert not company.logo
    assert company.size == ""


def test_recruiter_adds_a_company_with_a_logo(client, recruiter):
    client.force_login(recruiter)
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    new = Company(name="Brightpay", website="https://brightpay.example")
    response = client.post(reverse("admin:vacancies_company_add"), data(new, slug="brightpay", logo=logo))
    assert response.status_code == 302
    company = Company.objects.get(slug="brightpay")
    assert company.logo.name.startswith("logos/")


def test_company_slug_cannot_be_changed(client, recruiter):
    company = factories.CompanyFactory(slug="acme")
    client.force_login(recruiter)
    url = reverse("admin:vacancies_company_change", args=[company.pk])
    assert client.post(url, data(company, name="Acme Renamed", slug="other")).status_code == 302
    company.refresh_from_db()
    assert (company.name, company.slug) == ("Acme Renamed", "acme")


def test_changelist_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    factories.CompanyFactory()
    url = reverse("admin:vacancies_company_changelist")
    client.get(url)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    few = len(ctx.captured_queries)
    for _ in range(4):
        factories.CompanyFactory(industry=factories.industry("healthcare"))
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 5
