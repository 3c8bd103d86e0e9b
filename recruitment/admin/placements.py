"""Placements and the clients' terms in the workspace.

- A company's page gains its terms (fee %, or a flat fee, guarantee and payment days) as an inline.
- Placements: a list filtered by invoice status, recruiter, client and whether it fell through; each one's
  page shows the fee and its invoice, with forms for the start date and salary, the invoice, the payment
  and a fall-through. Each form is a POST to its own URL, through `recruitment.services.placements` with `by=`.
  Placements are opened by moving an application to Hired, never added by hand, and never deleted."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone

from accounts.choices import Currency
from accounts.money import money_text
from recruitment.admin.common import require_permission
from recruitment.models.placements import ClientTerms, Placement
from recruitment.selectors.placements import other_live_work
from recruitment.services.placements import (
    CHANGE_PLACEMENT,
    NOTE_MAX,
    placement_candidate_back_on,
    placement_fall_through,
    placement_invoice,
    placement_mark_paid,
    placement_update,
)
from vacancies.admin import log_action
from vacancies.admin.companies import CompanyAdmin
from vacancies.services import WorkflowError

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ClientTermsInline(admin.StackedInline):
    model = ClientTerms
    extra = 1
    max_num = 1
    can_delete = False
    fields = [
        "fee_type",
        "fee_percent",
        ("flat_fee", "flat_fee_currency"),
        "guarantee_days",
        "payment_days",
        "share_contact_details",
    ]
    verbose_name = "client's terms"
    verbose_name_plural = "client's terms (the settings' defaults apply until they are saved)"


class RecruiterCompanyAdmin(CompanyAdmin):
    """The company page, with the client's terms."""

    inlines = [*CompanyAdmin.inlines, ClientTermsInline]


# --- The forms of a placement's page ------------------------------------------------------------


class PlacementDetailsForm(forms.Form):
    start_date = forms.DateField(label="Start date", required=False, widget=DATE_INPUT)
    base_salary = forms.DecimalField(
        label="Agreed base salary (first year)", required=False, min_value=1, max_digits=14, decimal_places=2
    )
    currency = forms.ChoiceField(label="Currency", choices=Currency.choices)


class BackOnForm(forms.Form):
    on = forms.DateField(label="Open to opportunities again on", widget=DATE_INPUT)


class InvoiceForm(forms.Form):
    number = forms.CharField(label="Invoice number", max_length=40)
    invoiced_on = forms.DateField(label="Invoice date", widget=DATE_INPUT)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label="Paid on", widget=DATE_INPUT)


class FallThroughForm(forms.Form):
    on = forms.DateField(label="Fell through on", widget=DATE_INPUT)
    resolution = forms.ChoiceField(label="Agreed with the client", choices=Placement.Resolution.choices, required=False)
    note = forms.CharField(label="Note", max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2}))


# The context name of each form on a placement's page.
PAGE_FORMS = {
    PlacementDetailsForm: "details_form",
    InvoiceForm: "invoice_form",
    PaidForm: "paid_form",
    BackOnForm: "back_on_form",
    FallThroughForm: "fall_through_form",
}


def form_errors(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)


class OverdueFilter(admin.SimpleListFilter):
    title = "payment"
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("outstanding", "Invoiced, not paid")]

    def queryset(self, request, queryset):
        invoiced = queryset.filter(invoice_status=Placement.InvoiceStatus.INVOICED)
        if self.value() == "overdue":
            return invoiced.filter(due_on__lt=timezone.localdate())
        if self.value() == "outstanding":
            return invoiced
        return queryset


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = [
        "candidate_name",
        "client",
        "role",
        "recruiter",
        "hired_at",
        "start_date",
        "fee_display",
        "invoice_status",
        "due_on",
        "status",
    ]
    list_select_related = ["application__candidate", "application__vacancy__company", "recruiter"]
    list_filter = [
        "invoice_status",
        OverdueFilter,
        "status",
        ("recruiter", admin.RelatedOnlyFieldListFilter),
        ("application__vacancy__company", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "application__candidate__email",
        "application__candidate__last_name",
        "application__vacancy__title",
        "application__vacancy__company__name",
        "invoice_number",
    ]
    date_hierarchy = "hired_at"
    # What recruiters follow, money written as everywhere in the workspace; the fee in euros (for the reports)
    # is the database's.
    fields = [
        *("application", "company", "recruiter", "hired_at", "first_contact_at", "days_to_hire", "start_date"),
        *("base_salary_display", "fee_type", "fee_percent", "fee_display", "guarantee_days", "payment_days"),
        *("guarantee_ends_on", "invoice_status", "invoice_number", "invoiced_on", "due_on", "paid_on", "status"),
        *("fell_through_on", "resolution", "note"),
    ]
    readonly_fields = fields
    change_form_template = "recruitment/admin/placement_change_form.html"
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # a placement opens when its application moves to Hired

    def get_queryset(self, request):
        # The record's title (Placement.__str__) names the candidate, the role and the client: the list's joins
        # (which Django leaves out of a queryset that selects already).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the page is read-only: its forms change a placement through the services

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/details/", view(self.details_view), name="{}_{}_details".format(*info)),
            path("<path:object_id>/invoice/", view(self.invoice_view), name="{}_{}_invoice".format(*info)),
            path("<path:object_id>/paid/", view(self.paid_view), name="{}_{}_paid".format(*info)),
            path("<path:object_id>/back-on/", view(self.back_on_view), name="{}_{}_back_on".format(*info)),
            path(
                "<path:object_id>/fall-through/", view(self.fall_through_view), name="{}_{}_fall_through".format(*info)
            ),
            *super().get_urls(),
        ]

    @admin.display(description="candidate", ordering="application__candidate__last_name")
    def candidate_name(self, obj: Placement) -> str:
        candidate = obj.application.candidate
        return (candidate.get_full_name() or candidate.email) if candidate else "Deleted candidate"

    @admin.display(description="client", ordering="application__vacancy__company__name")
    def client(self, obj: Placement) -> str:
        return obj.application.vacancy.company.name

    @admin.display(description="role", ordering="application__vacancy__title")
    def role(self, obj: Placement) -> str:
        return obj.application.vacancy.title

    @admin.display(description="fee", ordering="fee_amount")
    def fee_display(self, obj: Placement) -> str:
        return money_text(obj.fee_amount, obj.fee_currency) if obj.fee_amount is not None else "to compute"

    @admin.display(description="agreed base salary")
    def base_salary_display(self, obj: Placement) -> str:
        return money_text(obj.base_salary, obj.currency) if obj.base_salary is not None else "not recorded yet"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A form refused by `_act` comes in the context already, bound to what was typed: kept (setdefault).
        if obj is not None:
            today = timezone.localdate()
            context["may_change"] = request.user.has_perm(CHANGE_PLACEMENT)
            context.setdefault(
                "details_form",
                PlacementDetailsForm(
                    initial={"start_date": obj.start_date, "base_salary": obj.base_salary, "currency": obj.currency}
                ),
            )
            context.setdefault("invoice_form", InvoiceForm(initial={"invoiced_on": today}))
            context.setdefault("paid_form", PaidForm(initial={"paid_on": today}))
            context.setdefault("fall_through_form", FallThroughForm(initial={"on": today}))
            context["overdue"] = obj.is_overdue_on(today)
            profile = (
                getattr(obj.application.candidate, "candidate_profile", None) if obj.application.candidate else None
            )
            context["candidate_profile"] = profile
            context.setdefault("back_on_form", BackOnForm(initial={"on": profile.placed_until if profile else None}))
            context["other_live_work"] = other_live_work(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- The actions ------------------------------------------------------------------------

    def _act(self, request, object_id, form_class, act, done: str, logged: str):
        """One of the page's forms: done, back to the page; refused (the form or the service), the page again
        with that form as typed and its errors (status 400), so nothing typed is lost."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        require_permission(request, CHANGE_PLACEMENT)
        placement = self.get_object(request, unquote(object_id))
        if placement is None:
            raise Http404("No such placement.")
        form = form_class(request.POST)
        if form.is_valid():
            try:
                act(placement, form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                log_action(self, request, placement, logged)
                self.message_user(request, done)
                return HttpResponseRedirect(reverse("admin:recruitment_placement_change", args=[placement.pk]))
        self.message_user(request, f"Not saved: {form_errors(form)}", messages.ERROR)
        page = copy.copy(request)
        page.method = "GET"  # the change page as shown, not a save of its main form
        response = self.change_view(page, object_id, extra_context={PAGE_FORMS[form_class]: form})
        response.status_code = 400
        return response

    def details_view(self, request, object_id):
        def act(placement, data):
            placement_update(
                placement=placement,
                by=request.user,
                start_date=data["start_date"],
                base_salary=data["base_salary"],
                currency=data["currency"],
            )

        return self._act(
            request,
            object_id,
            PlacementDetailsForm,
            act,
            "Saved: the fee and guarantee follow.",
            "Start and salary saved",
        )

    def invoice_view(self, request, object_id):
        def act(placement, data):
            placement_invoice(
                placement=placement, by=request.user, number=data["number"], invoiced_on=data["invoiced_on"]
            )

        return self._act(request, object_id, InvoiceForm, act, "Invoiced.", "Invoiced")

    def paid_view(self, request, object_id):
        def act(placement, data):
            placement_mark_paid(placement=placement, by=request.user, paid_on=data["paid_on"])

        return self._act(request, object_id, PaidForm, act, "Marked as paid.", "Marked as paid")

    def back_on_view(self, request, object_id):
        def act(placement, data):
            placement_candidate_back_on(placement=placement, by=request.user, on=data["on"])

        return self._act(
            request,
            object_id,
            BackOnForm,
            act,
            "Saved: they are open to opportunities again that day.",
            "Back on the market day set",
        )

    def fall_through_view(self, request, object_id):
        def act(placement, data):
            placement_fall_through(
                placement=placement, by=request.user, on=data["on"], resolution=data["resolution"], note=data["note"]
            )

        return self._act(request, object_id, FallThroughForm, act, "Marked as fallen through.", "Fell through")
