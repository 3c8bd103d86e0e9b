from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from recruitment import views
from vacancies.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("me/applications/", include("vacancies.candidate_urls")),
    path("me/data/", include("recruitment.privacy_urls")),
    path("me/", include("accounts.urls")),
    path("employers/", include("vacancies.employer_urls")),
    path("vacancies/", include("vacancies.urls")),
    path("", include("recruitment.public_urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("admin/", admin.site.urls),
]
