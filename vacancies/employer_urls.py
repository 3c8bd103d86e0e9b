from django.urls import path

from vacancies import employer_views as views

app_name = "employers"

urlpatterns = [
    path("", views.EmployerDashboardView.as_view(), name="dashboard"),
    path("signup/", views.EmployerSignupView.as_view(), name="signup"),
    path("company/", views.CompanyUpdateView.as_view(), name="company"),
    path("vacancies/new/", views.VacancyCreateView.as_view(), name="vacancy_create"),
    path("vacancies/<int:pk>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.VacancyUpdateView.as_view(), name="vacancy_edit"),
    path("vacancies/<int:pk>/submit/", views.VacancySubmitView.as_view(), name="vacancy_submit"),
    path("vacancies/<int:pk>/close/", views.VacancyCloseView.as_view(), name="vacancy_close"),
    path("vacancies/<int:pk>/applicants/", views.VacancyApplicantsView.as_view(), name="vacancy_applicants"),
    path("applications/<int:pk>/move/", views.ApplicationMoveView.as_view(), name="application_move"),
]
