from django.urls import path

from vacancies import employer_views as views

app_name = "employers"

urlpatterns = [
    path("", views.EmployerDashboardView.as_view(), name="dashboard"),
    path("signup/", views.EmployerSignupView.as_view(), name="signup"),
]
