"""The review of one vacancy from its own page: Publish, Reject (with a reason), Close (filled, with the hire,
or withdrawn, with a reason) and a staff-only preview of the public page, each an admin URL beside the change
page; for a live vacancy with changes waiting (a revision), Publish changes and Reject changes (with a reason).

GET never changes anything (the preview and the reject and close forms only show); Publish, Reject and Close
are POSTs (CSRF-checked by Django's middleware) that go through `vacancies.services` with `by=`, which writes
the status history row. Each view checks the permission it needs with `accounts.rules.recruiter_may`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.rules import recruiter_may
from vacancies import selectors, services
from vacancies.admin.common import log_action
from vacancies.forms.employer import VacancyCloseForm
from vacancies.markup import html_to_text, vacancy_description_html
from vacancies.models import Vacancy, VacancyRevision

VIEW_VACANCY = "vacancies.view_vacancy"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the employer",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        strip=True,
        help_text="Sent to the employer and shown on the vacancy, so they can fix it and submit it again.",
    )


class VacancyReviewMixin:
    """Adds `<id>/publish/`, `<id>/reject/` and `<id>/preview/` to a vacancy ModelAdmin."""

    def review_urls(self) -> list:
        info = self.opts.app_label, self.opts.model_name
        views = [
            ("publish", self.publish_view),
            ("reject", self.reject_view),
            ("preview", self.preview_view),
            ("close", self.close_view),
            ("revision_publish", self.revision_publish_view),
            ("revision_reject", self.revision_reject_view),
        ]
        return [
            path(f"<path:object_id>/{name}/", self.admin_site.admin_view(view), name="{}_{}_{}".format(*info, name))
            for name, view in views
        ]

    def _vacancy_or_404(self, request, object_id: str, permission: str) -> Vacancy:
        if not recruiter_may(request.user, permission):
            raise PermissionDenied
        vacancy = self.get_object(request, unquote(object_id))
        if vacancy is None:
            raise Http404("No such vacancy.")
        return vacancy

    def _back_to(self, vacancy: Vacancy) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]))

    def publish_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        vacancy = self._vacancy_or_404(request, object_id, services.CHANGE_VACANCY)
        try:
            services.vacancy_publish(vacancy=vacancy, by=request.user)
        except services.WorkflowError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            log_action(self, request, vacancy, "Published")
            self.message_user(request, f"“{vacancy.title}” is published.", messages.SUCCESS)
        return self._back_to(vacancy)

    def reject_view(self, request, object_id):
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        vacancy = self._vacancy_or_404(request, object_id, services.CHANGE_VACANCY)
        form = RejectForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                services.vacancy_reject(vacancy=vacancy, by=request.user, reason=form.cleaned_data["reason"])
            except services.WorkflowError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                log_action(self, request, vacancy, "Rejected: sent back to the employer")
                self.message_user(request, f"“{vacancy.title}” is rejected; the employer hears why.", messages.SUCCESS)
            return self._back_to(vacancy)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reject “{vacancy.title}”",
            "opts": self.opts,
            "original": vacancy,
            "form": form,
            "pending": vacancy.status == Vacancy.Status.PENDING_REVIEW,
        }
        return TemplateResponse(
            request, "admin/vacancies/vacancy/reject_one.html", context, status=400 if form.is_bound else 200
        )

    def close_view(self, request, object_id):
        """Close a live (or expired) vacancy: filled, with who was hired, or withdrawn, with a reason."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        vacancy = self._vacancy_or_404(request, object_id, services.CHANGE_VACANCY)
        data = request.POST if request.method == "POST" else None
        form = VacancyCloseForm(data, vacancy=vacancy, withdrawal_needs_reason=True)
        if form.is_bound and form.is_valid():
            try:
                services.vacancy_close(
                    vacancy=vacancy,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    hired=form.cleaned_data["hired_application"],
                    note=form.cleaned_data["note"],
                )
            except services.WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                log_action(self, request, vacancy, f"Closed as {vacancy.get_close_reason_display().lower()}")
                self.message_user(
                    request,
                    f"“{vacancy.title}” is closed as {vacancy.get_close_reason_display().lower()}; "
                    "everyone still in its pipeline hears it through you.",
                    messages.SUCCESS,
                )
                return self._back_to(vacancy)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Close “{vacancy.title}”",
            "opts": self.opts,
            "original": vacancy,
            "form": form,
            "closable": vacancy.status in services.CLOSABLE_STATUSES,
        }
        return TemplateResponse(
            request, "admin/vacancies/vacancy/close_one.html", context, status=400 if form.is_bound else 200
        )

    def preview_view(self, request, object_id):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        vacancy = self._vacancy_or_404(request, object_id, VIEW_VACANCY)
        vacancy = selectors.vacancy_for_preview(pk=vacancy.pk)
        description = vacancy_description_html(vacancy)
        context = {
            "vacancy": vacancy,
            # As the public will see it once live: open, with no application and no JSON-LD yet.
            "is_open": True,
            "description_html": description,
            "job_posting_script": "",
            "meta_description": html_to_text(description, limit=160),
            "application": None,
            "change_url": reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]),
        }
        response = TemplateResponse(request, "vacancies/vacancy_preview.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _pending_revision(self, vacancy: Vacancy) -> VacancyRevision | None:
        return VacancyRevision.objects.pending().filter(vacancy=vacancy).first()

    def revision_publish_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        vacancy = self._vacancy_or_404(request, object_id, services.CHANGE_VACANCY)
        revision = self._pending_revision(vacancy)
        if revision is None:
            self.message_user(request, "No changes are waiting for review.", messages.ERROR)
            return self._back_to(vacancy)
        try:
            services.vacancy_revision_publish(revision=revision, by=request.user)
        except services.WorkflowError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            log_action(self, request, vacancy, "Published the employer's changes")
            self.message_user(request, f"The changes to “{vacancy.title}” are live.", messages.SUCCESS)
        return self._back_to(vacancy)

    def revision_reject_view(self, request, object_id):
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        vacancy = self._vacancy_or_404(request, object_id, services.CHANGE_VACANCY)
        revision = self._pending_revision(vacancy)
        form = RejectForm(request.POST if request.method == "POST" else None)
        if revision is not None and form.is_bound and form.is_valid():
            try:
                services.vacancy_revision_reject(revision=revision, by=request.user, reason=form.cleaned_data["reason"])
            except services.WorkflowError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                log_action(self, request, vacancy, "Rejected the employer's changes")
                self.message_user(request, "The changes are rejected; the employer sees why.", messages.SUCCESS)
            return self._back_to(vacancy)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reject the changes to “{vacancy.title}”",
            "opts": self.opts,
            "original": vacancy,
            "form": form,
            "revision": revision,
            "revision_changes": services.revision_changes(revision) if revision else [],
        }
        return TemplateResponse(
            request, "admin/vacancies/vacancy/revision_reject.html", context, status=400 if form.is_bound else 200
        )
