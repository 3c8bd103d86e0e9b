"""Pages reached from emails without logging in: the one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from accounts.models import CandidateProfile
from recruitment.outbox import candidate_alerts_unsubscribe
from recruitment.unsubscribe import mask_email, user_for_token


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """GET shows what the link does and changes nothing (mail scanners follow links); POST, from the
    page's button or from the mail client's one-click unsubscribe, turns match alerts off.

    CSRF-exempt because mail providers POST without cookies; the signed token is the credential."""

    def dispatch(self, request, *args, token: str, **kwargs):
        self.user = user_for_token(token)
        if self.user is None:
            raise Http404("This unsubscribe link is not valid.")
        self.profile = CandidateProfile.objects.filter(user=self.user).first()
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra) -> dict:
        return {"masked_email": mask_email(self.user.email), "profile": self.profile, **extra}

    def get(self, request, *args, **kwargs):
        already_off = self.profile is None or self.profile.alert_frequency == CandidateProfile.AlertFrequency.OFF
        return render(request, "recruitment/unsubscribe.html", self.context(already_off=already_off))

    def post(self, request, *args, **kwargs):
        if self.profile is not None:
            candidate_alerts_unsubscribe(profile=self.profile)
        return render(request, "recruitment/unsubscribe_done.html", self.context())
