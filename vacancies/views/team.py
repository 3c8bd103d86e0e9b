"""A company's team: joining through a colleague's invitation; the company admin invites and removes
colleagues. Every change goes through vacancies.services.team; objects of another company answer 404."""

from __future__ import annotations

from allauth.account.views import SignupView
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import View

from vacancies import services
from vacancies.forms.team import CompanyInviteForm, EmployerJoinForm
from vacancies.models import CompanyInvite, EmployerProfile
from vacancies.views.employer import CompanyMixin


class EmployerJoinView(SignupView):
    """`/employers/join/<token>/`: sign up into the company that invited you. A link that is not (or no
    longer) good says so, with a 404."""

    template_name = "vacancies/employer/join.html"

    def dispatch(self, request, *args, **kwargs):
        self.invite = services.company_invite_from_token(kwargs.get("token", ""))
        user = request.user
        if self.invite is None:
            return TemplateResponse(request, "vacancies/employer/join_invalid.html", status=404)
        if user.is_authenticated and user.is_employer and not EmployerProfile.objects.filter(user=user).exists():
            return self.join_signed_in(request)
        return super().dispatch(request, *args, **kwargs)

    def join_signed_in(self, request):
        """An employer with no company yet (say, one who asked to join) accepts with one button."""
        if request.method == "POST":
            try:
                services.employer_join(user=request.user, invite=self.invite)
            except services.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Welcome to {self.invite.company.name}'s team.")
                return redirect("employers:dashboard")
        return TemplateResponse(request, "vacancies/employer/join_signed_in.html", {"invite": self.invite})

    def get_form_class(self):
        return EmployerJoinForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.invite = self.invite
        return form

    def get_initial(self):
        return {**super().get_initial(), "email": self.invite.email}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invite"] = self.invite
        return context

    @transaction.atomic
    def form_valid(self, form):
        return super().form_valid(form)


class CompanyInviteView(CompanyMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CompanyInviteForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, f"No invitation sent: {errors}")
            return redirect("employers:company")
        try:
            invite = services.company_invite_send(
                company=self.company, email=form.cleaned_data["email"], by=request.user
            )
        except services.WorkflowError as error:
            messages.error(request, f"No invitation sent: {error}")
        else:
            days = services.INVITE_DAYS
            messages.success(request, f"Invitation sent to {invite.email}. The link works for {days} days.")
        return redirect("employers:company")


class CompanyInviteRevokeView(CompanyMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, *args, **kwargs):
        invite = get_object_or_404(CompanyInvite.objects.filter(company=self.company), pk=pk)
        try:
            services.company_invite_revoke(invite=invite, by=request.user)
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The invitation to {invite.email} no longer works.")
        return redirect("employers:company")


class CompanyMemberRemoveView(CompanyMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, *args, **kwargs):
        member = get_object_or_404(EmployerProfile.objects.filter(company=self.company).select_related("user"), pk=pk)
        try:
            services.company_member_remove(company=self.company, member=member, by=request.user)
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            who = member.user.get_full_name() or member.user.email
            messages.success(request, f"{who} is no longer in your team.")
        return redirect("employers:company")
