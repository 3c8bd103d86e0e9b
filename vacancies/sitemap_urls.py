"""/sitemap.xml (an index) and its sections, mounted at the site root."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from vacancies.sitemaps import SITEMAPS

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
