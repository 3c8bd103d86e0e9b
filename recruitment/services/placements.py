"""Placements: what a hire earns the agency, its invoice and its guarantee. The records are in
`recruitment.models.placements`; the guarantee reminders in `recruitment.emails.placements`.

Each function is a service: keyword-only with `by=`, atomic, locking the placement's row, checking who may
act with `recruiter_may`, refusing with a `WorkflowError` a person reads. The fee is worked out here and
nowhere else (`fee_for`): a percentage of the first-year base salary (rounded half up to the cent) in the
salary's currency, or the client's flat fee in its own currency.

The hired candidate is marked placed when the placement opens: not open to opportunities until the end of the
guarantee (a recruiter can choose another day), then open again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from accounts.choices import Currency
from accounts.models import CandidateProfile, User
from accounts.rules import recruiter_may, user_is_recruiter
from accounts.services import candidate_placed
from recruitment.models import ContactLogEntry
from recruitment.models.introductions import Introduction
from recruitment.models.placements import ClientTerms, FeeType, Placement
from recruitment.services.common import locked, require
from vacancies.models import Application
from vacancies.services import WorkflowError

ADD_PLACEMENT = "recruitment.add_placement"
CHANGE_PLACEMENT = "recruitment.change_placement"
# Whoever may move an application to Hired opens its placement by doing so.
MOVE_APPLICATION = "vacancies.change_application"
CENT = Decimal("0.01")
SALARY_MAX = Decimal("100000000")  # a base salary above this is a typing mistake
SALARY_MESSAGE = "Enter the base salary as a number above zero and below 100,000,000."
NOTE_MAX = 2000
INVOICE_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9/._-]{0,39}")
# How far a start date may sit from the hire, either way.
START_WINDOW_DAYS = 366
# How far ahead a recruiter may set the day a placed candidate is open to opportunities again.
BACK_ON_MAX_DAYS = 730

InvoiceStatus = Placement.InvoiceStatus

# What every state change here locks and reads with the row.
LOCK_RELATED = ("application__vacancy__company", "recruiter")


def terms_for(company_id: int) -> ClientTerms:
    """The client's recorded terms, or the defaults from the settings."""
    terms = ClientTerms.objects.filter(company_id=company_id).first()
    return terms if terms is not None else ClientTerms(company_id=company_id)


@dataclass(frozen=True)
class Fee:
    amount: Decimal | None
    currency: str


def fee_for(
    *, fee_type: str, fee_percent: Decimal | None, flat_fee: Decimal | None, flat_currency: str,
    base_salary: Decimal | None, currency: str,
) -> Fee:  # fmt: skip
    """The fee of one placement: None while a percentage fee waits for the base salary."""
    if fee_type == FeeType.FLAT:
        return Fee(
            amount=flat_fee.quantize(CENT, ROUND_HALF_UP) if flat_fee is not None else None, currency=flat_currency
        )
    if base_salary is None or fee_percent is None:
        return Fee(amount=None, currency=currency)
    return Fee(amount=(base_salary * fee_percent / 100).quantize(CENT, ROUND_HALF_UP), currency=currency)


def guarantee_end(start_date: date | None, guarantee_days: int) -> date | None:
    return start_date + timedelta(days=guarantee_days) if start_date else None


def first_contact(application: Application) -> datetime:
    """The earliest of a logged contact about this vacancy, the introduction and the application."""
    moments = [application.created_at]
    if application.candidate_id is not None:
        logged = ContactLogEntry.objects.filter(
            candidate__user_id=application.candidate_id, vacancy_id=application.vacancy_id
        ).aggregate(first=Min("at"))["first"]
        introduced = Introduction.objects.filter(
            candidate__user_id=application.candidate_id, vacancy_id=application.vacancy_id
        ).aggregate(first=Min("created_at"))["first"]
        moments += [m for m in (logged, introduced) if m is not None]
    return min(moments)


def _credited(application: Application, by: User) -> User | None:
    """The recruiter who introduced the candidate, else the recruiter who recorded the hire; nobody when the
    client recorded it (closing its vacancy as filled) and no recruiter introduced the candidate."""
    introduction = Introduction.objects.filter(application=application).select_related("recruiter").first()
    if introduction is not None and introduction.recruiter is not None and introduction.recruiter.is_active:
        return introduction.recruiter
    return by if user_is_recruiter(by) else None


@transaction.atomic
def placement_open(*, application: Application, by: User, now: datetime | None = None) -> Placement:
    """Open the placement of a hired application, with the client's terms as they are today. Opening it
    again returns the placement already there."""
    require(recruiter_may(by, ADD_PLACEMENT) or recruiter_may(by, MOVE_APPLICATION), "You cannot record placements.")
    return _open(application=application, by=by, now=now)


@transaction.atomic
def placement_open_on_hire(*, application: Application, by: User, now: datetime | None = None) -> Placement:
    """The placement of an application that has just moved to Hired (the stage-change receiver calls this,
    inside the move's transaction). The move was the permission check: a recruiter's, or the client's own
    when it closes its vacancy as filled by this applicant."""
    return _open(application=application, by=by, now=now)


def _open(*, application: Application, by: User, now: datetime | None) -> Placement:
    existing = Placement.objects.filter(application_id=application.pk).first()
    if existing is not None:
        return existing
    application = Application.objects.select_related("vacancy__company").get(pk=application.pk)
    require(application.stage == Application.Stage.HIRED, "Only a hired application opens a placement.")
    now = now or timezone.now()
    vacancy = application.vacancy
    terms = terms_for(vacancy.company_id)
    fee = fee_for(
        fee_type=terms.fee_type,
        fee_percent=terms.fee_percent,
        flat_fee=terms.flat_fee,
        flat_currency=terms.flat_fee_currency,
        base_salary=None,
        currency=vacancy.salary_currency,
    )
    contacted = min(first_contact(application), now)
    placement = Placement(
        application=application,
        company_id=vacancy.company_id,
        recruiter=_credited(application, by),
        hired_at=now,
        first_contact_at=contacted,
        days_to_hire=(now - contacted).days,
        currency=vacancy.salary_currency,
        fee_type=terms.fee_type,
        fee_percent=terms.fee_percent if terms.fee_type == FeeType.PERCENT else None,
        guarantee_days=terms.guarantee_days,
        payment_days=terms.payment_days,
        fee_amount=fee.amount,
        fee_currency=fee.currency,
    )
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:
        return Placement.objects.get(application_id=application.pk)
    profile = _candidate_profile(placement)
    if profile is not None:
        candidate_placed(profile=profile, until=back_on_default(placement))
    return placement


def back_on_default(placement: Placement) -> date:
    """When a placed candidate is open to opportunities again unless a recruiter says otherwise: the end of the
    guarantee (from the start date, or from the hire while the start date is not known)."""
    start = placement.start_date or timezone.localdate(placement.hired_at)
    return guarantee_end(start, placement.guarantee_days)


def _candidate_profile(placement: Placement) -> CandidateProfile | None:
    candidate_id = placement.application.candidate_id
    return CandidateProfile.objects.filter(user_id=candidate_id).first() if candidate_id else None


@transaction.atomic
def placement_candidate_back_on(*, placement: Placement, by: User, on: date) -> CandidateProfile:
    """The day the placed candidate is open to opportunities again (today or later, within two years)."""
    require(recruiter_may(by, CHANGE_PLACEMENT), "You cannot change placements.")
    require(on is not None, "Enter the day they are open to opportunities again.")
    today = timezone.localdate()
    require(on >= today, "Choose today or a later day.")
    require(on <= today + timedelta(days=BACK_ON_MAX_DAYS), "Choose a day within two years.")
    placement = locked(placement, *LOCK_RELATED)
    profile = _candidate_profile(placement)
    require(profile is not None, "The candidate deleted their account.")
    return candidate_placed(profile=profile, until=on)


def _salary(value) -> Decimal:
    try:
        salary = Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise WorkflowError(SALARY_MESSAGE) from exc
    require(salary.is_finite() and Decimal("0") < salary < SALARY_MAX, SALARY_MESSAGE)
    return salary


@transaction.atomic
def placement_update(
    *, placement: Placement, by: User, start_date: date | None, base_salary, currency: str,
    recruiter: User | None = None,
) -> Placement:  # fmt: skip
    """Record the start date and the agreed base salary; the fee and the guarantee's end follow."""
    require(recruiter_may(by, CHANGE_PLACEMENT), "You cannot change placements.")
    placement = locked(placement, *LOCK_RELATED)
    require(placement.is_active, "This placement fell through: it can no longer change.")
    require(currency in Currency.values, "Choose a currency from the list.")
    salary = _salary(base_salary) if base_salary not in (None, "") else None
    hired = timezone.localdate(placement.hired_at)
    if start_date is not None:
        require(
            abs((start_date - hired).days) <= START_WINDOW_DAYS,
            "The start date must be within a year of the hire.",
        )
    fee = fee_for(
        fee_type=placement.fee_type,
        fee_percent=placement.fee_percent,
        flat_fee=placement.fee_amount if placement.fee_type == FeeType.FLAT else None,
        flat_currency=placement.fee_currency,
        base_salary=salary,
        currency=currency,
    )
    if placement.invoice_status != InvoiceStatus.TO_INVOICE:
        require(
            (fee.amount, fee.currency) == (placement.fee_amount, placement.fee_currency),
            "The fee is invoiced already: the salary and currency that make it can no longer change.",
        )
    was_default = back_on_default(placement)
    placement.start_date = start_date
    placement.base_salary = salary
    placement.currency = currency
    placement.fee_amount, placement.fee_currency = fee.amount, fee.currency
    placement.guarantee_ends_on = guarantee_end(start_date, placement.guarantee_days)
    if recruiter is not None:
        require(recruiter.is_active and recruiter.is_staff, "Credit an active recruiter.")
        placement.recruiter = recruiter
    placement.save()
    profile = _candidate_profile(placement)
    if profile is not None and profile.placed_until == was_default:
        candidate_placed(profile=profile, until=back_on_default(placement))  # the default follows the start
    return placement


def _clean_day(day: date | None, what: str) -> date:
    require(day is not None, f"Enter the {what}.")
    require(day <= timezone.localdate(), f"The {what} cannot be in the future.")
    return day


@transaction.atomic
def placement_invoice(*, placement: Placement, by: User, number: str, invoiced_on: date) -> Placement:
    """The fee is invoiced: its number and date; it falls due after the client's payment days."""
    require(recruiter_may(by, CHANGE_PLACEMENT), "You cannot change placements.")
    number = (number or "").strip()
    require(bool(INVOICE_NUMBER.fullmatch(number)), "Invoice numbers are up to 40 letters, digits and - / . _")
    invoiced_on = _clean_day(invoiced_on, "invoice date")
    placement = locked(placement, *LOCK_RELATED)
    require(placement.invoice_status == InvoiceStatus.TO_INVOICE, "This fee is invoiced already.")
    require(
        placement.is_active or placement.resolution == Placement.Resolution.REPLACEMENT,
        "This placement fell through: there is no fee to invoice.",
    )
    require(placement.fee_amount is not None, "Record the base salary first: the fee depends on it.")
    require(invoiced_on >= timezone.localdate(placement.hired_at), "The invoice cannot predate the hire.")
    require(not Placement.objects.filter(invoice_number=number).exists(), f"Invoice number {number} is used already.")
    placement.invoice_status = InvoiceStatus.INVOICED
    placement.invoice_number = number
    placement.invoiced_on = invoiced_on
    placement.due_on = invoiced_on + timedelta(days=placement.payment_days)
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:
        raise WorkflowError(f"Invoice number {number} is used already.") from exc
    return placement


@transaction.atomic
def placement_mark_paid(*, placement: Placement, by: User, paid_on: date) -> Placement:
    require(recruiter_may(by, CHANGE_PLACEMENT), "You cannot change placements.")
    paid_on = _clean_day(paid_on, "payment date")
    placement = locked(placement, *LOCK_RELATED)
    require(placement.invoice_status == InvoiceStatus.INVOICED, "Only an invoiced fee can be paid.")
    require(paid_on >= placement.invoiced_on, "The payment cannot predate the invoice.")
    placement.invoice_status = InvoiceStatus.PAID
    placement.paid_on = paid_on
    placement.save()
    return placement


@transaction.atomic
def placement_fall_through(*, placement: Placement, by: User, on: date, resolution: str, note: str = "") -> Placement:
    """The hire did not hold. Only inside the guarantee, with what was agreed: a refund, a replacement, or
    nothing yet."""
    require(recruiter_may(by, CHANGE_PLACEMENT), "You cannot change placements.")
    require(resolution in Placement.Resolution.values, "Choose refund, replacement or nothing agreed yet.")
    note = (note or "").strip()
    require(len(note) <= NOTE_MAX, f"Keep the note under {NOTE_MAX:,} characters.")
    require("\x00" not in note, "The note holds a character we cannot store.")
    on = _clean_day(on, "date it fell through")
    placement = locked(placement, *LOCK_RELATED)
    require(placement.is_active, "This placement fell through already.")
    require(placement.guarantee_ends_on is not None, "Record the start date first: the guarantee runs from it.")
    require(
        placement.in_guarantee_on(on),
        f"The guarantee ran from the hire to {placement.guarantee_ends_on:%-d %b %Y}: "
        "a placement can only fall through inside it.",
    )
    placement.status = Placement.Status.FELL_THROUGH
    placement.fell_through_on = on
    placement.resolution = resolution
    placement.note = note
    placement.save()
    return placement
