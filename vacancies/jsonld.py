"""schema.org JobPosting for an open vacancy (what job search engines read)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.text import strip_control
from vacancies.markup import render_markdown
from vacancies.models import RemotePolicy, Vacancy

# Characters that must not appear raw inside a <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(vacancy: Vacancy, *, description_html: str | None = None) -> dict[str, Any] | None:
    """The JobPosting dict, or None when the vacancy is not open (closed postings carry no structured data)."""
    if not vacancy.is_open:
        return None
    company = vacancy.company
    posted = vacancy.published_at or vacancy.created_at
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": strip_control(vacancy.title),
        "description": str(description_html if description_html is not None else render_markdown(vacancy.description)),
        "datePosted": timezone.localtime(posted).date().isoformat(),
        "employmentType": vacancy.employment_type,
        "hiringOrganization": {"@type": "Organization", "name": strip_control(company.name)},
        "identifier": {"@type": "PropertyValue", "name": strip_control(company.name), "value": vacancy.slug},
        "url": f"{settings.SITE_URL}{vacancy.get_absolute_url()}",
        "directApply": True,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": vacancy.salary_currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": vacancy.salary_min,
                "maxValue": vacancy.salary_max,
                "unitText": "YEAR",
            },
        },
    }
    if vacancy.closes_on:
        end_of_day = dt.datetime.combine(vacancy.closes_on, dt.time(23, 59, 59))
        data["validThrough"] = timezone.make_aware(end_of_day).isoformat()
    if company.website:
        data["hiringOrganization"]["sameAs"] = company.website
    address = {"@type": "PostalAddress"}
    if vacancy.city:
        address["addressLocality"] = strip_control(vacancy.city)
    if vacancy.country:
        address["addressCountry"] = vacancy.country.code
    if vacancy.remote_policy == RemotePolicy.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        if vacancy.country:
            data["applicantLocationRequirements"] = {"@type": "Country", "name": vacancy.country.name}
    else:
        data["jobLocation"] = {"@type": "Place", "address": address}
    return data


def job_posting_script(vacancy: Vacancy, *, description_html: str | None = None) -> SafeString:
    """A `<script type="application/ld+json">` element, or an empty string when the vacancy is closed."""
    data = job_posting(vacancy, description_html=description_html)
    if data is None:
        return mark_safe("")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - JSON with <>& escaped
