"""The vacancies app's URLs, as named lists the root URLconf mounts (recruitment/config/urls.py)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from vacancies.feeds import LatestVacanciesFeed
from vacancies.sitemaps import SITEMAPS
from vacancies.views import board, candidate, cv, employer, revisions, team

# /vacancies/ (namespace "vacancies"): the public board, a vacancy, applying
board_patterns = [
    path("", board.VacancyListView.as_view(), name="vacancy_list"),
    path("feed/", LatestVacanciesFeed(), name="feed"),
    path("applications/<int:pk>/cv/", cv.ApplicationCvDownloadView.as_view(), name="application_cv"),
    path("applications/<int:pk>/cv/view/", cv.ApplicationCvInlineView.as_view(), name="application_cv_view"),
    path("<slug:slug>/", board.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("<slug:slug>/apply/", candidate.ApplyView.as_view(), name="apply"),
]

# /me/applications/ (namespace "applications"): a candidate's own applications
application_patterns = [
    path("", candidate.ApplicationListView.as_view(), name="application_list"),
    path("<int:pk>/", candidate.ApplicationDetailView.as_view(), name="application_detail"),
    path("<int:pk>/withdraw/", candidate.ApplicationWithdrawView.as_view(), name="application_withdraw"),
]

# /employers/ (namespace "employers"): the employer's pages
employer_patterns = [
    path("", employer.EmployerDashboardView.as_view(), name="dashboard"),
    path("signup/", employer.EmployerSignupView.as_view(), name="signup"),
    path("join/<str:token>/", team.EmployerJoinView.as_view(), name="join"),
    path("company/", employer.CompanyUpdateView.as_view(), name="company"),
    path("company/invites/", team.CompanyInviteView.as_view(), name="company_invite"),
    path("company/invites/<int:pk>/revoke/", team.CompanyInviteRevokeView.as_view(), name="company_invite_revoke"),
    path("company/members/<int:pk>/remove/", team.CompanyMemberRemoveView.as_view(), name="company_member_remove"),
    path("vacancies/new/", employer.VacancyCreateView.as_view(), name="vacancy_create"),
    path("vacancies/<int:pk>/", employer.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", employer.VacancyUpdateView.as_view(), name="vacancy_edit"),
    path("vacancies/<int:pk>/submit/", employer.VacancySubmitView.as_view(), name="vacancy_submit"),
    path("vacancies/<int:pk>/close/", employer.VacancyCloseView.as_view(), name="vacancy_close"),
    path("vacancies/<int:pk>/withdraw/", revisions.VacancyWithdrawView.as_view(), name="vacancy_withdraw"),
    path("vacancies/<int:pk>/duplicate/", revisions.VacancyDuplicateView.as_view(), name="vacancy_duplicate"),
    path(
        "vacancies/<int:pk>/changes/withdraw/",
        revisions.VacancyRevisionWithdrawView.as_view(),
        name="vacancy_revision_withdraw",
    ),
    path("vacancies/<int:pk>/applicants/", employer.VacancyApplicantsView.as_view(), name="vacancy_applicants"),
    path("applications/<int:pk>/move/", employer.ApplicationMoveView.as_view(), name="application_move"),
    path("applications/<int:pk>/feedback/", employer.ApplicationFeedbackView.as_view(), name="application_feedback"),
]

# /sitemap.xml (an index) and its sections, at the site root
sitemap_patterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
