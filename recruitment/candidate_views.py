from django.views.generic import ListView

from accounts.mixins import CandidateRequiredMixin
from recruitment.selectors import matches_for_candidate


class MatchListView(CandidateRequiredMixin, ListView):
    """Every open role matched to the candidate, best first, with the reasons."""

    template_name = "recruitment/match_list.html"
    context_object_name = "matches"
    paginate_by = 20

    def get_queryset(self):
        return matches_for_candidate(profile=self.request.user.candidate_profile)
