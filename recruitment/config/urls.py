"""The root URLconf: every app's named URL lists, mounted where the site shows them."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from accounts import urls as accounts_urls
from recruitment import urls as recruitment_urls
from recruitment.config import site_views
from vacancies import urls as vacancies_urls

urlpatterns = [
    path("", site_views.HomeView.as_view(), name="home"),
    path("dashboard/", site_views.dashboard, name="dashboard"),
    path("healthz", site_views.healthz, name="healthz"),
    path("accounts/settings/", include((accounts_urls.settings_patterns, "account_settings"))),
    path("accounts/", include("allauth.urls")),
    # /me/: the candidate's own pages, from the three apps
    path("me/applications/", include((vacancies_urls.application_patterns, "applications"))),
    path("me/data/", include((recruitment_urls.privacy_patterns, "privacy"))),
    path("me/matches/", include((recruitment_urls.match_patterns, "matches"))),
    path("me/interviews/", include((recruitment_urls.my_interview_patterns, "my_interviews"))),
    path("me/introductions/", include((recruitment_urls.my_introduction_patterns, "my_introductions"))),
    path("me/", include((accounts_urls.candidate_patterns, "accounts"))),
    path("candidates/", include(accounts_urls.recruiter_patterns)),
    path("employers/interviews/", include((recruitment_urls.client_interview_patterns, "employer_interviews"))),
    path(
        "employers/introductions/",
        include((recruitment_urls.client_introduction_patterns, "employer_introductions")),
    ),
    path("employers/placements/", include((recruitment_urls.client_placement_patterns, "employer_placements"))),
    path("employers/", include((vacancies_urls.employer_patterns, "employers"))),
    path("interviews/", include((recruitment_urls.interview_patterns, "interviews"))),
    path("introductions/", include((recruitment_urls.introduction_patterns, "introductions"))),
    path("vacancies/", include((vacancies_urls.board_patterns, "vacancies"))),
    path("unsubscribe/", include((recruitment_urls.unsubscribe_patterns, "recruitment"))),
    path("", include(vacancies_urls.sitemap_patterns)),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: public uploads (company logos). In production the web server or a
    # storage bucket serves MEDIA_URL.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
