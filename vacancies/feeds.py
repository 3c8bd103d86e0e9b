"""Atom feed of the latest open vacancies, at /vacancies/feed/. Every text in it goes through `strip_control`:
XML 1.0 has no place for control characters, and one would make the whole feed fail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from accounts.text import strip_control
from vacancies.markup import html_to_text, vacancy_description_html
from vacancies.models import Vacancy
from vacancies.templatetags.vacancy_text import salary

FEED_SIZE = 30


class LatestVacanciesFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: latest product leadership openings"
    subtitle = "Chief Product Officer, VP, Head and Director of Product roles, newest first."
    author_name = settings.SITE_NAME

    def link(self):
        return reverse("vacancies:vacancy_list")

    def items(self):
        return (
            Vacancy.objects.open().select_related("company", "role_family").order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Vacancy) -> str:
        return strip_control(f"{item.title} at {item.company.name}")

    def item_description(self, item: Vacancy) -> str:
        band = f"{item.salary_currency} {salary(item.salary_min)}-{salary(item.salary_max)} a year"
        summary = html_to_text(vacancy_description_html(item), limit=400)
        return strip_control(f"{item.role_family.name} · {item.location_display} · {band}. {summary}")

    def item_link(self, item: Vacancy) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Vacancy) -> str:
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_pubdate(self, item: Vacancy):
        return item.published_at

    def item_updateddate(self, item: Vacancy):
        return item.updated_at

    def item_author_name(self, item: Vacancy) -> str:
        return strip_control(item.company.name)

    def item_categories(self, item: Vacancy):
        return [strip_control(item.role_family.name)]
