"""/vacancies/<slug>/: content, safe description, JSON-LD while open, closed pages; the feed and the sitemap."""

import datetime as dt
import json
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

REQUIRED_JSONLD_KEYS = {
    "@context",
    "@type",
    "title",
    "description",
    "datePosted",
    "validThrough",
    "employmentType",
    "hiringOrganization",
    "baseSalary",
}
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def parse_xml(content: bytes):
    return ElementTree.fromstring(content)  # noqa: S314 - XML our own server just rendered


def jsonld(response) -> list[dict]:
    return [json.loads(block) for block in JSONLD.findall(response.content.decode())]


@pytest.fixture
def vacancy():
    return factories.PublishedVacancyFactory(
        title="Head of Product, Payments",
        company=factories.CompanyFactory(name="Brightpay", website="https://brightpay.example"),
        industry=factories.industry("fintech-and-financial-services"),
        city="London",
        country="GB",
        remote_policy="hybrid",
        salary_min=130_000,
        salary_max=160_000,
        salary_currency="GBP",
        description="We move **money**.\n\nWhat you bring:\n- Payments depth\n- Team leadership",
        required_skills=factories.skills("payments", "product-strategy"),
        nice_to_have_skills=factories.skills("pricing-and-monetisation"),
    )


def test_vacancy_page_shows_everything_a_candidate_needs(client, vacancy):
    response = client.get(vacancy.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Head of Product, Payments",
        "Brightpay",
        "Head of Product",  # role family
        "<dt>Seniority</dt><dd>Head of Product</dd>",
        "GBP 130,000\u2013160,000",
        "Payments",
        "Product strategy",
        "Pricing and monetisation",
        "London, United Kingdom · Hybrid",
        "<strong>money</strong>",
        "<li>Payments depth</li>",
        "How to apply",
        reverse("vacancies:apply", args=[vacancy.slug]),
    ]:
        assert text in html, text
    assert 'name="robots"' not in html


def test_description_is_sanitised(client):
    vacancy = factories.PublishedVacancyFactory(
        description=(
            "Hello <script>alert('x')</script> <img src=x onerror=alert(1)> "
            '<a href="javascript:alert(1)">click</a> <iframe src="https://evil.example"></iframe> '
            '<p style="color:red" onclick="steal()">styled</p> [safe](https://example.com)'
        )
    )
    html = client.get(vacancy.get_absolute_url()).content.decode()
    body = html.split('class="vacancy-description">', 1)[1].split("</div>", 1)[0]
    for bad in ("<script", "onerror", "javascript:", "<iframe", "onclick", "style=", "<img"):
        assert bad not in body, bad
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">safe</a>' in body


@pytest.mark.parametrize("factory", [factories.VacancyFactory, factories.PendingVacancyFactory])
def test_unpublished_vacancies_are_not_public(client, factory):
    vacancy = factory()
    assert client.get(vacancy.get_absolute_url()).status_code == 404


def test_rejected_vacancy_is_not_public(client):
    vacancy = factories.VacancyFactory(status=Vacancy.Status.REJECTED)
    assert client.get(vacancy.get_absolute_url()).status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get(reverse("vacancies:vacancy_detail", args=["no-such-role"])).status_code == 404


def test_open_vacancy_carries_valid_jobposting_jsonld(client, vacancy):
    [data] = jsonld(client.get(vacancy.get_absolute_url()))
    assert set(data) >= REQUIRED_JSONLD_KEYS
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Head of Product, Payments"
    assert "<strong>money</strong>" in data["description"]
    assert data["datePosted"] == timezone.localdate().isoformat()
    assert data["validThrough"].startswith(vacancy.closes_on.isoformat())
    assert dt.datetime.fromisoformat(data["validThrough"]).tzinfo is not None
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Brightpay",
        "sameAs": "https://brightpay.example",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "London",
        "addressCountry": "GB",
    }
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "minValue": 130_000, "maxValue": 160_000, "unitText": "YEAR"},
    }


def test_remote_vacancy_is_telecommute(client):
    vacancy = factories.PublishedVacancyFactory(remote_policy="remote", city="", country="DE")
    [data] = jsonld(client.get(vacancy.get_absolute_url()))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Germany"}
    assert "jobLocation" not in data


def test_jsonld_cannot_be_broken_out_of(client):
    vacancy = factories.PublishedVacancyFactory(
        title="</script><script>alert(1)</script>", description="</script><img src=x onerror=alert(1)>"
    )
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    [data] = jsonld(client.get(vacancy.get_absolute_url()))
    assert data["title"] == "</script><script>alert(1)</script>"
    assert "onerror" not in data["description"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: factories.ClosedVacancyFactory(),
        lambda: factories.PublishedVacancyFactory(status=Vacancy.Status.EXPIRED),
        lambda: factories.PublishedVacancyFactory(closes_on=timezone.localdate() - dt.timedelta(days=1)),
    ],
    ids=["closed", "expired", "past-closing-date"],
)
def test_closed_vacancy_says_so_without_jsonld_and_with_noindex(client, make):
    vacancy = make()
    response = client.get(vacancy.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "This vacancy is closed" in html
    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert reverse("vacancies:apply", args=[vacancy.slug]) not in html


def test_applied_candidate_sees_their_application_instead_of_apply(client, candidate, vacancy):
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage="interview")
    client.force_login(candidate)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "You applied on" in html
    assert "Interview" in html
    assert application.get_absolute_url() in html


def test_vacancy_page_query_count_does_not_grow_with_skills(client, django_assert_num_queries):
    """The vacancy with its company, role family and industry; required skills; nice-to-have skills."""
    few = factories.PublishedVacancyFactory(required_skills=factories.skills("payments"))
    many = factories.PublishedVacancyFactory(
        required_skills=factories.skills(
            "payments", "product-strategy", "roadmapping", "go-to-market", "okrs-and-goal-setting"
        ),
        nice_to_have_skills=factories.skills("ai-ml-products", "mobile-products", "payments"),
    )
    for vacancy in (few, many):
        # The vacancy, then its required and nice-to-have skills (rendered once, then cached).
        with django_assert_num_queries(3):
            assert client.get(vacancy.get_absolute_url()).status_code == 200
        with django_assert_num_queries(0):  # kept whole for visitors who are not logged in
            assert client.get(vacancy.get_absolute_url()).status_code == 200


def test_vacancy_page_query_count_for_a_candidate_with_a_stored_match(
    client, candidate, vacancy, django_assert_num_queries
):
    factories.MatchFactory(candidate=candidate.candidate_profile, vacancy=vacancy, score=80)
    client.force_login(candidate)
    # Session, user, the vacancy, its two skill lists, "have I applied?" and the stored match.
    with django_assert_num_queries(7):
        client.get(vacancy.get_absolute_url())
    with django_assert_num_queries(5):  # the skills now cached
        client.get(vacancy.get_absolute_url())


def test_vacancy_page_query_count_for_a_candidate_scored_on_the_fly(
    client, candidate, vacancy, django_assert_num_queries
):
    """No stored match: the pair is scored now (the profile, the role ladder and the facts both sides read),
    a fixed number of queries however many skills either side has."""
    client.force_login(candidate)
    client.get(vacancy.get_absolute_url())
    # Session, user, the vacancy, "have I applied?", "any stored match?", the profile and 7 for the scoring.
    with django_assert_num_queries(13):
        client.get(vacancy.get_absolute_url())


# --- Feed and sitemap --------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_latest_open_vacancies(client, vacancy):
    factories.ClosedVacancyFactory(title="Closed role")
    factories.PublishedVacancyFactory(title="<b>Bold</b> & brave")
    response = client.get(reverse("vacancies:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse_xml(response.content)
    entries = root.findall(f"{ATOM}entry")
    entry_titles = [e.find(f"{ATOM}title").text for e in entries]
    assert entry_titles[0] == "<b>Bold</b> & brave at " + entries[0].find(f"{ATOM}author/{ATOM}name").text
    assert "Head of Product, Payments at Brightpay" in entry_titles
    assert not any("Closed role" in t for t in entry_titles)
    link = next(e for e in entries if "Brightpay" in e.find(f"{ATOM}title").text).find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{vacancy.get_absolute_url()}"
    summary = entries[-1].find(f"{ATOM}summary").text
    assert "GBP 130,000-160,000 a year" in summary
    assert "<strong>" not in summary


def test_feed_is_linked_from_the_board(client):
    html = client.get(reverse("vacancies:vacancy_list")).content.decode()
    assert (
        f'type="application/atom+xml" title="Latest product leadership openings" href="{reverse("vacancies:feed")}"'
        in html
    )


def test_sitemap_lists_open_vacancies_only(client, vacancy):
    closed = factories.ClosedVacancyFactory()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sitemaps = [loc.text for loc in parse_xml(index.content).iter() if loc.tag.endswith("loc")]
    assert "http://testserver/sitemap-vacancies.xml" in sitemaps
    section = client.get("/sitemap-vacancies.xml")
    urls = [loc.text for loc in parse_xml(section.content).iter() if loc.tag.endswith("loc")]
    assert f"http://testserver{vacancy.get_absolute_url()}" in urls
    assert f"http://testserver{closed.get_absolute_url()}" not in urls
    pages = client.get("/sitemap-pages.xml")
    assert "http://testserver/vacancies/" in pages.content.decode()
