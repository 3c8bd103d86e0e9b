from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from accounts.views import CandidateCvDownloadView
from recruitment.config import site_views

urlpatterns = [
    path("", site_views.HomeView.as_view(), name="home"),
    path("dashboard/", site_views.dashboard, name="dashboard"),
    path("healthz", site_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/applications/", include("vacancies.candidate_urls")),
    path("me/data/", include("recruitment.privacy_urls")),
    path("me/matches/", include("recruitment.candidate_urls")),
    path("me/", include("accounts.urls")),
    path("candidates/<int:pk>/cv/", CandidateCvDownloadView.as_view(), name="candidate_cv"),  # for recruiters
    path("employers/", include("vacancies.employer_urls")),
    path("vacancies/", include("vacancies.urls")),
    path("", include("recruitment.public_urls")),
    path("", include("vacancies.sitemap_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: public uploads (company logos). In production the web server or a
    # storage bucket serves MEDIA_URL.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
