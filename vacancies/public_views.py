"""Public pages: the vacancy board, vacancy pages, applying, and the permission-checked application CV."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.files import private_file_response
from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile
from accounts.rules import may_see_every_candidate
from accounts.security_log import log_cv_download
from vacancies import board_cache, selectors, services
from vacancies.application_forms import ApplyForm
from vacancies.jsonld import job_posting_script
from vacancies.markup import html_to_text, vacancy_description_html
from vacancies.models import Application, Vacancy


class VacancyListView(TemplateView):
    """`/vacancies/`: open vacancies, newest first, 20 a page, filters and sort in the query string.

    The rendered results are cached (see `board_cache`): a warm board costs no database query."""

    template_name = "vacancies/vacancy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query = selectors.board_query(request.GET)
        page_number = (request.GET.get("page") or "1")[:12]
        user = request.user
        audience = "anonymous" if not user.is_authenticated else ("candidate" if user.is_candidate else "other")
        key, board = board_cache.get(f"{query.urlencode()}&page={page_number}", audience)
        if board is None:
            board = self.render_board(query, page_number)
            board_cache.put(key, board)
        context["board"] = board
        return context

    def render_board(self, query, page_number) -> dict:
        filterset, page = selectors.vacancy_board(params=query, page=page_number)
        active = []
        for name, label, shown in filterset.active_filters:
            remaining = query.copy()
            remaining.pop(name, None)
            active.append({"label": label, "value": shown, "remove_url": f"?{remaining.urlencode()}"})
        html = render_to_string(
            "vacancies/includes/board.html",
            {
                "filter": filterset,
                "form": filterset.form,
                "page_obj": page,
                "vacancies": page.object_list,
                "active_filters": active,
                "page_query": f"?{query.urlencode()}&page=" if query else "?page=",
            },
            request=self.request,
        )
        board = {"page": page.number, "total": page.paginator.count, "filtered": bool(active)}
        board["html"] = mark_safe(html)  # noqa: S308 - our own template's output, escaped where it shows user text
        return board


class VacancyDetailView(TemplateView):
    """`/vacancies/<slug>/`: readable while published, closed or expired (marked closed, noindex)."""

    template_name = "vacancies/vacancy_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            self.vacancy = selectors.public_vacancy(slug=kwargs["slug"])
        except Vacancy.DoesNotExist as exc:
            raise Http404("No such vacancy.") from exc
        response = super().get(request, *args, **kwargs)
        if not self.vacancy.is_open:
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.vacancy
        description = vacancy_description_html(vacancy)
        context.update(
            vacancy=vacancy,
            is_open=vacancy.is_open,
            description_html=description,
            job_posting_script=job_posting_script(vacancy, description_html=description),
            meta_description=html_to_text(description, limit=160),
            application=selectors.application_for(user=self.request.user, vacancy=vacancy),
        )
        return context


class ApplyView(CandidateRequiredMixin, FormView):
    """`/vacancies/<slug>/apply/`: anonymous visitors log in and come back here (`?next=`)."""

    form_class = ApplyForm
    template_name = "vacancies/apply.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.vacancy = get_object_or_404(
            Vacancy.objects.filter(status__in=selectors.PUBLIC_STATUSES).select_related("company", "role_family"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """A redirect with a polite message when this candidate cannot apply at all; None when they can."""
        user = self.request.user
        existing = Application.objects.filter(candidate=user, vacancy=self.vacancy).first()
        if existing:
            messages.info(self.request, "You have already applied to this vacancy; here is your application.")
            return redirect(existing.get_absolute_url())
        if not self.vacancy.is_open:
            messages.warning(self.request, "This vacancy is closed and no longer takes applications.")
            return redirect(self.vacancy.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    @property
    def profile(self) -> CandidateProfile:
        if not hasattr(self, "_profile"):
            self._profile, _ = CandidateProfile.objects.select_related("user").get_or_create(user=self.request.user)
        return self._profile

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["profile"] = self.profile
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vacancy"] = self.vacancy
        context["profile"] = self.profile
        context["verified"] = self.request.user.has_verified_email()
        # The CV can come with the application itself; everything else has to be on the profile.
        context["missing"] = [m for m in self.profile.missing_for_applying() if m != "a CV"]
        return context

    def form_valid(self, form):
        try:
            application = services.application_submit(
                candidate=self.request.user,
                vacancy=self.vacancy,
                cover_letter=form.cleaned_data["cover_letter"],
                cv_file=form.upload,
            )
        except services.AlreadyApplied as exc:
            messages.info(self.request, str(exc))
            existing = Application.objects.filter(candidate=self.request.user, vacancy=self.vacancy).first()
            return redirect(existing.get_absolute_url() if existing else self.vacancy.get_absolute_url())
        except services.WorkflowError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error("cv_file" if form.upload else None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Your application to {self.vacancy.company.name} is in. We will email you when it moves on.",
        )
        return redirect(application.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ApplicationCvDownloadView(View):
    """The CV sent with an application, for: the candidate who applied, employers of the vacancy's company,
    and recruiters. Everyone else gets 404 (logged out visitors are asked to log in first)."""

    def get(self, request, pk: int):
        user = request.user
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        applications = Application.objects.select_related("vacancy")
        if not may_see_every_candidate(user):
            applications = applications.filter(Q(candidate=user) | Q(vacancy__company__employers__user=user))
        application = applications.filter(pk=pk).first()
        if application is None or not application.cv:
            raise Http404("No such CV.")
        response = private_file_response(application.cv, download_name=application.cv_original_name or "cv")
        log_cv_download(request, kind="application", object_id=application.pk, owner_id=application.candidate_id)
        return response
