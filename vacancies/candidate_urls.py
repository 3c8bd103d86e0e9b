"""A candidate's own applications, mounted at /me/applications/."""

from django.urls import path

from vacancies import candidate_views as views

app_name = "applications"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="application_list"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("<int:pk>/withdraw/", views.ApplicationWithdrawView.as_view(), name="application_withdraw"),
]
