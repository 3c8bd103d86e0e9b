"""Sitemap entries for the public pages (wired at /sitemap.xml)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from vacancies.models import Vacancy

SITE_PROTOCOL = urlsplit(settings.SITE_URL).scheme or "https"


class StaticPagesSitemap(Sitemap):
    protocol = SITE_PROTOCOL
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "vacancies:vacancy_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class OpenVacanciesSitemap(Sitemap):
    """Only open vacancies: closed and expired pages are noindex."""

    protocol = SITE_PROTOCOL
    changefreq = "weekly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Vacancy.objects.open().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item: Vacancy):
        return item.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "vacancies": OpenVacanciesSitemap}
