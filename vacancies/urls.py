from django.urls import path

from vacancies import public_views as views
from vacancies.feeds import LatestVacanciesFeed

app_name = "vacancies"

urlpatterns = [
    path("", views.VacancyListView.as_view(), name="vacancy_list"),
    path("feed/", LatestVacanciesFeed(), name="feed"),
    path("applications/<int:pk>/cv/", views.ApplicationCvDownloadView.as_view(), name="application_cv"),
    path("<slug:slug>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
]
