"""The accounts app's URLs, as named lists the root URLconf mounts (recruitment/config/urls.py)."""

from django.urls import path

from accounts import views

# /me/ (namespace "accounts"): the candidate's dashboard, profile and own CV
candidate_patterns = [
    path("", views.CandidateDashboardView.as_view(), name="dashboard"),
    path("profile/", views.ProfileUpdateView.as_view(), name="profile"),
    path("profile/cv/download/", views.CvDownloadView.as_view(), name="cv_download"),
]

# /candidates/: a candidate's profile CV for recruiters (linked from the recruiter workspace)
recruiter_patterns = [
    path("<int:pk>/cv/", views.CandidateCvDownloadView.as_view(), name="candidate_cv"),
]

# /accounts/settings/ (namespace "account_settings"): settings of any account, beside allauth's
settings_patterns = [
    path("time-zone/", views.TimeZoneView.as_view(), name="time_zone"),
]
