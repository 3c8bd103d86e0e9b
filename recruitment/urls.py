"""The recruitment app's URLs, as named lists the root URLconf mounts (recruitment/config/urls.py)."""

from django.urls import path

from recruitment.views import candidate, interviews, introductions, placements

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

# /interviews/ (namespace "interviews"): a candidate picks an interview slot from the email, no login
interview_patterns = [
    path("<str:token>/", interviews.PickLinkView.as_view(), name="pick"),
]

# /me/interviews/ (namespace "my_interviews"): the candidate's interviews
my_interview_patterns = [
    path("<int:pk>/", interviews.MyInterviewView.as_view(), name="detail"),
    path("<int:pk>/calendar.ics", interviews.MyInterviewCalendarView.as_view(), name="calendar"),
]

# /employers/interviews/ (namespace "employer_interviews"): the client's interviews
client_interview_patterns = [
    path("", interviews.ClientInterviewListView.as_view(), name="list"),
    path("new/<int:pk>/", interviews.ClientInterviewProposeView.as_view(), name="propose"),
    path("<int:pk>/", interviews.ClientInterviewDetailView.as_view(), name="detail"),
    path("<int:pk>/calendar.ics", interviews.ClientInterviewCalendarView.as_view(), name="calendar"),
]

# /employers/placements/ (namespace "employer_placements"): the client's placements and fee invoices
client_placement_patterns = [
    path("", placements.ClientPlacementListView.as_view(), name="list"),
]
