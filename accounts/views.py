from django.views.generic import TemplateView

from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile


class CandidateDashboardView(CandidateRequiredMixin, TemplateView):
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile, _ = CandidateProfile.objects.get_or_create(user=self.request.user)
        context["profile"] = profile
        context["missing"] = profile.missing_for_applying()
        context["applications"] = self.request.user.applications.select_related("vacancy__company").order_by(
            "-created_at"
        )[:10]
        return context
