"""The demo's placements: every hired demo application gets its placement (the settings' default terms, the
top of the vacancy's band as the agreed base salary, a start four weeks after the hire, the fee invoiced), so
the workspace's revenue reports and the client's Placements page have something to show."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from recruitment.demo.context import DemoContext
from recruitment.models.placements import Placement
from recruitment.services.placements import fee_for, first_contact, guarantee_end, terms_for
from vacancies.models import Application

DEMO_INVOICE_PREFIX = "NS-DEMO-"


def placements(demo: DemoContext, recruiter, vacancies) -> None:
    """A placement for each hired application to the demo's `vacancies` that has none (written straight
    into the table; the generated applications at scale get none)."""
    hired = (
        Application.objects.filter(
            vacancy__in=[v.pk for v in vacancies],
            stage=Application.Stage.HIRED,
            placement__isnull=True,
            candidate__isnull=False,
        )
        .select_related("vacancy")
        .order_by("pk")
    )
    for application in hired:
        vacancy = application.vacancy
        terms = terms_for(vacancy.company_id)
        hired_at = application.stage_changed_at
        salary = Decimal(vacancy.salary_max)
        fee = fee_for(
            fee_type=terms.fee_type,
            fee_percent=terms.fee_percent,
            flat_fee=terms.flat_fee,
            flat_currency=terms.flat_fee_currency,
            base_salary=salary,
            currency=vacancy.salary_currency,
        )
        start = timezone.localdate(hired_at) + timedelta(days=28)
        contacted = min(first_contact(application), hired_at)
        invoiced_on = min(start, timezone.localdate())
        Placement.objects.create(
            application=application,
            company_id=vacancy.company_id,
            recruiter=recruiter,
            hired_at=hired_at,
            first_contact_at=contacted,
            days_to_hire=(hired_at - contacted).days,
            start_date=start,
            base_salary=salary,
            currency=vacancy.salary_currency,
            fee_type=terms.fee_type,
            fee_percent=terms.fee_percent,
            guarantee_days=terms.guarantee_days,
            payment_days=terms.payment_days,
            fee_amount=fee.amount,
            fee_currency=fee.currency,
            guarantee_ends_on=guarantee_end(start, terms.guarantee_days),
            invoice_status=Placement.InvoiceStatus.INVOICED,
            invoice_number=f"{DEMO_INVOICE_PREFIX}{application.pk:05d}",
            invoiced_on=invoiced_on,
            due_on=invoiced_on + timedelta(days=terms.payment_days),
        )
        demo.created["placements"] += 1
