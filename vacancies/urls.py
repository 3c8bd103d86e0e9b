from django.urls import path

from vacancies import public_views as views

app_name = "vacancies"

urlpatterns = [
    path("", views.VacancyListView.as_view(), name="vacancy_list"),
    path("<slug:slug>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
]
