from django.contrib import admin
from django.urls import include, path

from recruitment import views

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
    path("", include("vacancies.sitemap_urls")),
    path("admin/", admin.site.urls),
]
