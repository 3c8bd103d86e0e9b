"""The recruitment app's URLs, as named lists the root URLconf mounts (recruitment/config/urls.py)."""

from django.urls import path

from recruitment.views import candidate, introductions, placements

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

# /introductions/ (namespace "introductions"): a candidate answers an introduction from the email, no login
introduction_patterns = [
    path("<str:token>/", introductions.ConsentLinkView.as_view(), name="consent"),
]

# /me/introductions/ (namespace "my_introductions"): the same answer from the candidate's dashboard
my_introduction_patterns = [
    path("<int:pk>/", introductions.MyIntroductionView.as_view(), name="detail"),
]

# /employers/introductions/ (namespace "employer_introductions"): the client's introductions
client_introduction_patterns = [
    path("", introductions.ClientIntroductionListView.as_view(), name="list"),
    path("<int:pk>/", introductions.ClientIntroductionDetailView.as_view(), name="detail"),
    path("<int:pk>/cv/", introductions.ClientIntroductionCvView.as_view(), name="cv"),
]

# /employers/placements/ (namespace "employer_placements"): the client's placements and fee invoices
client_placement_patterns = [
    path("", placements.ClientPlacementListView.as_view(), name="list"),
]
