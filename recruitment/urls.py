"""The recruitment app's URLs, as named lists the root URLconf mounts (recruitment/config/urls.py)."""

from django.urls import path

from recruitment.views import candidate

# /me/matches/ (namespace "matches")
match_patterns = [
    path("", candidate.MatchListView.as_view(), name="match_list"),
]

# /me/data/ (namespace "privacy"): a candidate's own data
privacy_patterns = [
    path("", candidate.MyDataView.as_view(), name="home"),
    path("export/", candidate.DataExportView.as_view(), name="export"),
    path("delete/", candidate.AccountDeleteView.as_view(), name="delete"),
]

# /unsubscribe/ (namespace "recruitment"): one-click unsubscribe from emails, no login
unsubscribe_patterns = [
    path("<str:token>/", candidate.UnsubscribeView.as_view(), name="unsubscribe"),
]
