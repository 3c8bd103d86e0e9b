"""Introduction pages: the candidate's answer (from the signed email link, or from their dashboard) and the
client's Introductions list, detail, answer and CV.

Who sees what: a candidate only their own introductions (the signed link names one); a client only the
introductions to their company that the candidate agreed to, and for an anonymised one never the name,
email, LinkedIn or CV (`introduction_selectors.client_profile` decides; the CV view answers 404). Everyone
else gets 404. GET never changes anything; answers are POSTs with a CSRF token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from accounts.files import private_file_response
from accounts.mixins import CandidateRequiredMixin
from accounts.security_log import log_cv_download
from recruitment.forms.introductions import ClientAnswerForm, IntroductionAnswerForm
from recruitment.models.introductions import Introduction
from recruitment.selectors.introductions import (
    client_profile,
    introductions_for_company,
    match_for,
)
from recruitment.services.introductions import introduction_candidate_answer, introduction_client_answer
from recruitment.signed_links import read_consent_token
from vacancies.services import WorkflowError
from vacancies.views.employer import CompanyMixin

LIST_PAGE_SIZE = 25


# --- The candidate ---------------------------------------------------------------------------------


class _CandidateAnswerMixin:
    template_name = "recruitment/introductions/consent.html"

    def introduction_and_round(self, request, **kwargs) -> tuple[Introduction, int]:
        raise NotImplementedError

    def answered_round(self, request, consent_round: int) -> int:
        """The question a POST answers: by default the one the page is about."""
        return consent_round

    def render_page(self, request, introduction, consent_round, form=None, status=200):
        asking = introduction.awaits_candidate and introduction.consent_round == consent_round
        context = {
            "introduction": introduction,
            "vacancy": introduction.vacancy,
            "consent_round": consent_round,
            "asking": asking,
            "match": match_for(introduction),
            "form": form or IntroductionAnswerForm(),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        introduction, consent_round = self.introduction_and_round(request, **kwargs)
        return self.render_page(request, introduction, consent_round)

    def post(self, request, **kwargs):
        introduction, consent_round = self.introduction_and_round(request, **kwargs)
        form = IntroductionAnswerForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, introduction, consent_round, form, status=400)
        accept = form.cleaned_data["answer"] == IntroductionAnswerForm.ACCEPT
        try:
            introduction_candidate_answer(
                introduction=introduction,
                consent_round=self.answered_round(request, consent_round),
                accept=accept,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "Thank you: we have told your recruiter."
                if not accept
                else "Thank you: the client can now see your profile."
                if consent_round == 1
                else "Thank you: the client now knows who you are.",
            )
        return HttpResponseRedirect(request.path)


@method_decorator(never_cache, name="dispatch")
class ConsentLinkView(_CandidateAnswerMixin, View):
    """/introductions/<token>/: the question of one round of one introduction, from the email, no login."""

    def introduction_and_round(self, request, **kwargs):
        read = read_consent_token(kwargs["token"])
        if read is None:
            raise Http404("This link is not valid or has expired.")
        introduction_id, consent_round = read
        introduction = (
            Introduction.objects.select_related("vacancy__company", "vacancy__role_family", "candidate__user")
            .filter(pk=introduction_id)
            .first()
        )
        if introduction is None:
            raise Http404("This introduction no longer exists.")
        return introduction, consent_round


@method_decorator(never_cache, name="dispatch")
class MyIntroductionView(CandidateRequiredMixin, _CandidateAnswerMixin, View):
    """/me/introductions/<pk>/: the same question, from the candidate's dashboard."""

    def introduction_and_round(self, request, **kwargs):
        introduction = get_object_or_404(
            Introduction.objects.select_related("vacancy__company", "vacancy__role_family", "candidate__user"),
            pk=kwargs["pk"],
            candidate__user=request.user,
        )
        return introduction, introduction.consent_round

    def answered_round(self, request, consent_round: int) -> int:
        # The question the page showed (its hidden "round"), never one asked since: a page left open, or a
        # form sent again, must not answer "may we reveal your name?" with the yes given to "may we introduce
        # you?". The signed link needs no such care: its token names the round.
        posted = request.POST.get("round", "")
        return int(posted) if posted.isascii() and posted.isdigit() and len(posted) < 4 else 0


# --- The client ------------------------------------------------------------------------------------


class ClientIntroductionListView(CompanyMixin, ListView):
    template_name = "recruitment/introductions/client_list.html"
    context_object_name = "introductions"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return introductions_for_company(company_id=self.company.pk)


class ClientIntroductionDetailView(CompanyMixin, View):
    template_name = "recruitment/introductions/client_detail.html"

    def _introduction(self, pk: int) -> Introduction:
        introduction = (
            introductions_for_company(company_id=self.company.pk)
            .select_related("vacancy__company", "vacancy__role_family")
            .filter(pk=pk)
            .first()
        )
        if introduction is None:
            raise Http404("No such introduction.")
        return introduction

    def _render(self, request, introduction, form=None, status=200):
        context = {
            "company": self.company,
            "introduction": introduction,
            "vacancy": introduction.vacancy,
            "shown": client_profile(introduction),
            "match": match_for(introduction),
            "waiting": introduction.status == Introduction.Status.WITH_CLIENT,
            "form": form or ClientAnswerForm(introduction=introduction),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        return self._render(request, self._introduction(pk))

    def post(self, request, pk: int):
        introduction = self._introduction(pk)
        form = ClientAnswerForm(request.POST, introduction=introduction)
        if not form.is_valid():
            return self._render(request, introduction, form, status=400)
        try:
            introduction_client_answer(
                introduction=introduction,
                by=request.user,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Thank you: your answer is recorded and the recruiter is told.")
        return HttpResponseRedirect(request.path)


class ClientIntroductionCvView(View):
    """The CV of an introduced candidate who is not (or no longer) anonymised; 404 for anything else."""

    def get(self, request, pk: int):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        company_id = getattr(getattr(user, "employer_profile", None), "company_id", None)
        if not user.is_employer or company_id is None:
            raise Http404("No such CV.")
        introduction = (
            introductions_for_company(company_id=company_id).select_related("candidate").filter(pk=pk).first()
        )
        if introduction is None or introduction.is_anonymised or not introduction.candidate.cv:
            raise Http404("No such CV.")
        profile = introduction.candidate
        response = private_file_response(profile.cv, download_name=profile.cv_original_name or "cv")
        log_cv_download(request, kind="introduction", object_id=introduction.pk, owner_id=profile.user_id)
        return response
