"""Placements: opened by the hire, priced from the client's terms, invoiced, paid, or fallen through."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from recruitment.demo.seeder import DemoSeeder
from recruitment.models import ContactLogEntry
from recruitment.models.introductions import Introduction
from recruitment.models.placements import ClientTerms, FeeType, Placement
from recruitment.services.placements import (
    fee_for,
    placement_fall_through,
    placement_invoice,
    placement_mark_paid,
    placement_open,
    placement_update,
)
from tests import factories
from tests.recruitment.placements.support import hire, terms
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


def placed(recruiter, **kwargs) -> Placement:
    return Placement.objects.get(application=hire(recruiter=recruiter, **kwargs))


# --- The fee ---------------------------------------------------------------------------------


def test_percent_fee_is_a_share_of_the_base_rounded_half_up_to_the_cent():
    fee = fee_for(
        fee_type=FeeType.PERCENT, fee_percent=Decimal("22.50"), flat_fee=None, flat_currency="EUR",
        base_salary=Decimal("123456.78"), currency="GBP",
    )  # fmt: skip
    assert fee.amount == Decimal("27777.78")  # 27777.7755 -> .78
    assert fee.currency == "GBP"
    half = fee_for(
        fee_type=FeeType.PERCENT, fee_percent=Decimal("10"), flat_fee=None, flat_currency="EUR",
        base_salary=Decimal("0.05"), currency="EUR",
    )  # fmt: skip
    assert half.amount == Decimal("0.01")  # 0.005 rounds up, not to even


def test_flat_fee_is_the_clients_amount_in_its_own_currency():
    fee = fee_for(
        fee_type=FeeType.FLAT, fee_percent=None, flat_fee=Decimal("25000"), flat_currency="CHF",
        base_salary=Decimal("200000"), currency="EUR",
    )  # fmt: skip
    assert (fee.amount, fee.currency) == (Decimal("25000.00"), "CHF")


def test_percent_fee_waits_for_the_salary():
    fee = fee_for(
        fee_type=FeeType.PERCENT, fee_percent=Decimal("20"), flat_fee=None, flat_currency="EUR",
        base_salary=None, currency="USD",
    )  # fmt: skip
    assert fee.amount is None


# --- Opening ---------------------------------------------------------------------------------


def test_hired_opens_one_placement_with_the_default_terms(recruiter, settings):
    application = hire(recruiter=recruiter, currency="GBP")
    placement = Placement.objects.get(application=application)
    assert placement.fee_type == FeeType.PERCENT
    assert placement.fee_percent == Decimal(settings.PLACEMENT_FEE_PERCENT)
    assert placement.guarantee_days == settings.PLACEMENT_GUARANTEE_DAYS
    assert placement.payment_days == settings.PLACEMENT_PAYMENT_DAYS
    assert placement.currency == "GBP"
    assert placement.fee_amount is None
    assert placement.recruiter == recruiter
    assert placement.invoice_status == Placement.InvoiceStatus.TO_INVOICE
    # Opening again (a retried task, a second click) returns the same placement.
    assert placement_open(application=application, by=recruiter) == placement
    assert Placement.objects.filter(application=application).count() == 1


def test_the_clients_terms_price_the_placement(recruiter):
    company = factories.CompanyFactory()
    terms(company, fee_type=FeeType.FLAT, flat_fee=Decimal("30000"), flat_fee_currency="USD", guarantee_days=180,
          payment_days=14)  # fmt: skip
    placement = placed(recruiter, company=company)
    assert (placement.fee_amount, placement.fee_currency) == (Decimal("30000.00"), "USD")
    assert (placement.guarantee_days, placement.payment_days) == (180, 14)
    # Changing the terms later never reprices a past hire.
    ClientTerms.objects.filter(company=company).update(flat_fee=Decimal("1"))
    placement.refresh_from_db()
    assert placement.fee_amount == Decimal("30000.00")


def test_only_a_hired_application_opens_a_placement(recruiter):
    application = factories.ApplicationFactory(stage="offer")
    with pytest.raises(WorkflowError, match="Only a hired application"):
        placement_open(application=application, by=recruiter)


def test_an_employer_cannot_open_a_placement(employer, recruiter):
    application = hire(recruiter=recruiter)
    Placement.objects.all().delete()
    with pytest.raises(WorkflowError, match="cannot record placements"):
        placement_open(application=application, by=employer)


def test_time_to_hire_runs_from_the_earliest_contact(recruiter):
    candidate = factories.UserFactory(role="candidate")
    profile = factories.CompleteCandidateProfileFactory(user=candidate)
    vacancy = factories.PublishedVacancyFactory()
    long_ago = timezone.now() - dt.timedelta(days=40)
    ContactLogEntry.objects.create(candidate=profile, vacancy=vacancy, kind="call", at=long_ago)
    Introduction.objects.create(
        candidate=profile, vacancy=vacancy, recruiter=recruiter, pitch="p",
        created_at=timezone.now() - dt.timedelta(days=20),
    )  # fmt: skip
    placement = Placement.objects.get(application=hire(recruiter=recruiter, candidate=candidate, vacancy=vacancy))
    assert placement.first_contact_at == long_ago
    assert placement.days_to_hire == 40
    # The recruiter who introduced the candidate is credited.
    assert placement.recruiter == recruiter


# --- Salary, start date, guarantee -------------------------------------------------------------


def test_update_computes_the_fee_and_the_guarantee_end(recruiter):
    placement = placed(recruiter)
    start = TODAY() + dt.timedelta(days=30)
    placement = placement_update(
        placement=placement, by=recruiter, start_date=start, base_salary="150000.00", currency="GBP"
    )
    assert placement.fee_amount == Decimal("30000.00")
    assert placement.fee_currency == "GBP"
    assert placement.guarantee_ends_on == start + dt.timedelta(days=90)


@pytest.mark.parametrize("salary", ["-5", "0", "NaN", "Infinity", "1e400", "abc", "999999999999", "1\x00"])
def test_update_refuses_a_bad_salary(recruiter, salary):
    placement = placed(recruiter)
    with pytest.raises(WorkflowError, match="base salary as a number above zero"):
        placement_update(placement=placement, by=recruiter, start_date=None, base_salary=salary, currency="EUR")


def test_update_refuses_an_unknown_currency_a_far_start_and_an_employer(recruiter, employer):
    placement = placed(recruiter)
    with pytest.raises(WorkflowError, match="currency"):
        placement_update(placement=placement, by=recruiter, start_date=None, base_salary="1", currency="XXX")
    with pytest.raises(WorkflowError, match="within a year"):
        placement_update(
            placement=placement, by=recruiter, start_date=TODAY() + dt.timedelta(days=800), base_salary="1",
            currency="EUR",
        )  # fmt: skip
    with pytest.raises(WorkflowError, match="cannot change placements"):
        placement_update(placement=placement, by=employer, start_date=None, base_salary="1", currency="EUR")


# --- Invoice and payment ---------------------------------------------------------------------------


def priced(recruiter, **kwargs) -> Placement:
    return placement_update(
        placement=placed(recruiter, **kwargs), by=recruiter, start_date=TODAY(), base_salary="100000", currency="EUR"
    )


def test_invoice_then_paid(recruiter):
    placement = priced(recruiter)
    placement = placement_invoice(placement=placement, by=recruiter, number="NS-2026/001", invoiced_on=TODAY())
    assert placement.invoice_status == "invoiced"
    assert placement.due_on == TODAY() + dt.timedelta(days=30)
    placement = placement_mark_paid(placement=placement, by=recruiter, paid_on=TODAY())
    assert (placement.invoice_status, placement.paid_on) == ("paid", TODAY())
    with pytest.raises(WorkflowError, match="Only an invoiced fee"):
        placement_mark_paid(placement=placement, by=recruiter, paid_on=TODAY())
    with pytest.raises(WorkflowError, match="invoiced already"):
        placement_invoice(placement=placement, by=recruiter, number="NS-2", invoiced_on=TODAY())
    # Once invoiced, the salary that makes the fee is fixed; the start date may still move.
    with pytest.raises(WorkflowError, match="invoiced already"):
        placement_update(placement=placement, by=recruiter, start_date=TODAY(), base_salary="1", currency="EUR")
    moved = placement_update(
        placement=placement, by=recruiter, start_date=TODAY() + dt.timedelta(days=7), base_salary="100000",
        currency="EUR",
    )  # fmt: skip
    assert moved.guarantee_ends_on == TODAY() + dt.timedelta(days=97)


def test_invoice_refusals(recruiter):
    unpriced = placed(recruiter)
    with pytest.raises(WorkflowError, match="Record the base salary"):
        placement_invoice(placement=unpriced, by=recruiter, number="A-1", invoiced_on=TODAY())
    placement = priced(recruiter)
    for number in ["", " ", "=HYPERLINK()", "A" * 41, "A\x00B", "<script>"]:
        with pytest.raises(WorkflowError, match="Invoice numbers"):
            placement_invoice(placement=placement, by=recruiter, number=number, invoiced_on=TODAY())
    with pytest.raises(WorkflowError, match="future"):
        placement_invoice(placement=placement, by=recruiter, number="A-1", invoiced_on=TODAY() + dt.timedelta(days=1))
    with pytest.raises(WorkflowError, match="predate the hire"):
        placement_invoice(placement=placement, by=recruiter, number="A-1", invoiced_on=TODAY() - dt.timedelta(days=9))
    placement_invoice(placement=placement, by=recruiter, number="A-1", invoiced_on=TODAY())
    other = priced(recruiter)
    with pytest.raises(WorkflowError, match="used already"):
        placement_invoice(placement=other, by=recruiter, number="A-1", invoiced_on=TODAY())
    with pytest.raises(WorkflowError, match="predate the invoice"):
        placement_mark_paid(placement=placement, by=recruiter, paid_on=TODAY() - dt.timedelta(days=1))


# --- Falling through -----------------------------------------------------------------------------


def test_fall_through_inside_the_guarantee_with_a_refund(recruiter):
    placement = priced(recruiter)
    placement = placement_fall_through(
        placement=placement, by=recruiter, on=TODAY(), resolution="refund", note="Left in week two."
    )
    assert (placement.status, placement.resolution, placement.fell_through_on) == ("fell_through", "refund", TODAY())
    with pytest.raises(WorkflowError, match="fell through already"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="refund")
    with pytest.raises(WorkflowError, match="no fee to invoice"):
        placement_invoice(placement=placement, by=recruiter, number="R-1", invoiced_on=TODAY())


def test_fall_through_only_inside_the_guarantee(recruiter):
    placement = placed(recruiter)
    with pytest.raises(WorkflowError, match="Record the start date"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="")
    # Started long ago: the guarantee is over.
    start = TODAY() - dt.timedelta(days=200)
    Placement.objects.filter(pk=placement.pk).update(
        hired_at=timezone.now() - dt.timedelta(days=230), start_date=start,
        guarantee_ends_on=start + dt.timedelta(days=90),
    )  # fmt: skip
    with pytest.raises(WorkflowError, match="only fall through inside it"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="replacement")
    inside = start + dt.timedelta(days=90)  # the guarantee's last day still counts
    done = placement_fall_through(placement=placement, by=recruiter, on=inside, resolution="replacement")
    assert done.status == "fell_through"


def test_fall_through_refuses_bad_input(recruiter, employer):
    placement = priced(recruiter)
    with pytest.raises(WorkflowError, match="refund, replacement"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="gift")
    with pytest.raises(WorkflowError, match="under 2,000"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="", note="x" * 2001)
    with pytest.raises(WorkflowError, match="cannot store"):
        placement_fall_through(placement=placement, by=recruiter, on=TODAY(), resolution="", note="a\x00b")
    with pytest.raises(WorkflowError, match="cannot change placements"):
        placement_fall_through(placement=placement, by=employer, on=TODAY(), resolution="")
    placement.refresh_from_db()
    assert placement.status == "active"


def test_the_demo_seeds_a_placement_for_its_hire_once():
    DemoSeeder().run()
    placement = Placement.objects.select_related("application__vacancy").get()
    vacancy = placement.application.vacancy
    assert placement.fee_amount == (Decimal(vacancy.salary_max) * Decimal("0.20")).quantize(Decimal("0.01"))
    assert placement.invoice_status == "invoiced"
    assert placement.due_on == placement.invoiced_on + dt.timedelta(days=placement.payment_days)
    DemoSeeder().run()
    assert Placement.objects.count() == 1
