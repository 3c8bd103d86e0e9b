from django.urls import path

from recruitment import candidate_views

app_name = "matches"

urlpatterns = [path("", candidate_views.MatchListView.as_view(), name="match_list")]
