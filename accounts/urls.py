from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.CandidateDashboardView.as_view(), name="dashboard"),
    path("profile/", views.ProfileUpdateView.as_view(), name="profile"),
    path("profile/cv/download/", views.CvDownloadView.as_view(), name="cv_download"),
]
