"""Placements: the hire the agency earns its fee on, and the client's terms that price it.

A client's terms (`ClientTerms`, one per Company; settings give the defaults when a company has none) say
how the fee is worked out (a percentage of the first-year base salary, or a flat fee), how long the
guarantee lasts and how many days the client has to pay an invoice. Moving an application to Hired opens a
`Placement` that copies those terms, so a later change of terms never reprices a past hire.

The life of one placement:

    to invoice -> invoiced (number, date, due date) -> paid (date)
    active -> fell through (inside the guarantee: refund, replacement or nothing agreed)

The rules live in `recruitment.services.placements`; this module only describes the records."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from accounts.choices import Currency
from accounts.money import EUR_PER_UNIT
from vacancies.models import Application, Company

MONEY_DIGITS = 14


def fee_in_eur() -> Case:
    """SQL for the fee in euros, at accounts.money's reference rates (the rate of the fee's currency)."""
    money = models.DecimalField(max_digits=MONEY_DIGITS + 6, decimal_places=2)
    whens = [
        When(fee_currency=code, then=F("fee_amount") * Value(Decimal(str(rate)), output_field=money))
        for code, rate in EUR_PER_UNIT.items()
    ]
    return Case(*whens, default=F("fee_amount"), output_field=money)


class FeeType(models.TextChoices):
    PERCENT = "percent", "Percentage of the first-year base salary"
    FLAT = "flat", "Flat fee"


def default_fee_percent() -> Decimal:
    return Decimal(str(settings.PLACEMENT_FEE_PERCENT))


def default_guarantee_days() -> int:
    return settings.PLACEMENT_GUARANTEE_DAYS


def default_payment_days() -> int:
    return settings.PLACEMENT_PAYMENT_DAYS


class ClientTerms(models.Model):
    """What a client agreed to pay for a hire, and for how long the agency stands behind it."""

    company = models.OneToOneField(Company, on_delete=models.CASCADE, related_name="terms")
    fee_type = models.CharField(max_length=10, choices=FeeType.choices, default=FeeType.PERCENT)
    fee_percent = models.DecimalField(
        "fee (% of first-year base)",
        max_digits=5,
        decimal_places=2,
        default=default_fee_percent,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    flat_fee = models.DecimalField(
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Only for a flat fee.",
    )
    flat_fee_currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    guarantee_days = models.PositiveSmallIntegerField(
        default=default_guarantee_days, validators=[MaxValueValidator(730)]
    )
    payment_days = models.PositiveSmallIntegerField(default=default_payment_days, validators=[MaxValueValidator(365)])
    # The agency's fee is protected by default: the client reaches candidates through the agency, not directly.
    share_contact_details = models.BooleanField(
        "the client sees candidates' contact details",
        default=False,
        help_text="Email and LinkedIn on the client's pages. Off: contact goes through the agency.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "client's terms"
        verbose_name_plural = "client's terms"
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_percent__gte=0) & Q(fee_percent__lte=100), name="clientterms_fee_percent_range"
            ),
            models.CheckConstraint(
                condition=~Q(fee_type="flat") | Q(flat_fee__isnull=False), name="clientterms_flat_fee_given"
            ),
            models.CheckConstraint(
                condition=Q(flat_fee__isnull=True) | Q(flat_fee__gte=0), name="clientterms_flat_fee_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of {self.company}"

    def clean(self):
        if self.fee_type == FeeType.FLAT and self.flat_fee is None:
            raise ValidationError({"flat_fee": "Enter the flat fee (or choose a percentage)."})


class PlacementQuerySet(models.QuerySet):
    def for_company(self, company_id: int):
        return self.filter(company_id=company_id)

    def active(self):
        return self.filter(status=Placement.Status.ACTIVE)

    def guarantee_ending(self, *, today, days: int):
        """Active placements whose guarantee ends between today and `days` days from now."""
        end = today + timedelta(days=days)
        return self.active().filter(guarantee_ends_on__gte=today, guarantee_ends_on__lte=end)


class Placement(models.Model):
    class InvoiceStatus(models.TextChoices):
        TO_INVOICE = "to_invoice", "To invoice"
        INVOICED = "invoiced", "Invoiced"
        PAID = "paid", "Paid"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FELL_THROUGH = "fell_through", "Fell through"

    class Resolution(models.TextChoices):
        NONE = "", "Nothing agreed yet"
        REFUND = "refund", "Fee refunded"
        REPLACEMENT = "replacement", "Replacement candidate"

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="placement")
    # The client (the application's vacancy's company), kept here so the reports group without joins.
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="placements")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    hired_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The earliest contact about this candidate and vacancy (a logged contact, the introduction or the
    # application): time to hire runs from here. Fixed when the placement opens.
    first_contact_at = models.DateTimeField(null=True, blank=True)
    days_to_hire = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    base_salary = models.DecimalField(
        "agreed base salary",
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    # The terms, as they were when the placement opened.
    fee_type = models.CharField(max_length=10, choices=FeeType.choices, default=FeeType.PERCENT)
    fee_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    guarantee_days = models.PositiveSmallIntegerField()
    payment_days = models.PositiveSmallIntegerField()
    # Null until the base salary is known (a percentage fee).
    fee_amount = models.DecimalField(max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    # The fee in euros, computed by the database on every write, so the reports add fees across currencies
    # without converting row by row. A rate change is a code change and a migration (as for salary bands).
    fee_eur = models.GeneratedField(
        expression=fee_in_eur(),
        output_field=models.DecimalField(max_digits=MONEY_DIGITS + 6, decimal_places=2, null=True),
        db_persist=True,
    )
    guarantee_ends_on = models.DateField(null=True, blank=True, db_index=True)
    invoice_status = models.CharField(
        max_length=12, choices=InvoiceStatus.choices, default=InvoiceStatus.TO_INVOICE, db_index=True
    )
    invoice_number = models.CharField(max_length=40, blank=True)
    invoiced_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    fell_through_on = models.DateField(null=True, blank=True)
    resolution = models.CharField(max_length=12, choices=Resolution.choices, default=Resolution.NONE, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-hired_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0), name="placement_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(base_salary__isnull=True) | Q(base_salary__gte=0), name="placement_salary_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(invoice_status="to_invoice")
                | (Q(invoiced_on__isnull=False) & Q(due_on__isnull=False) & ~Q(invoice_number="")),
                name="placement_invoiced_has_number_and_dates",
            ),
            models.CheckConstraint(
                condition=~Q(invoice_status="paid") | Q(paid_on__isnull=False), name="placement_paid_has_date"
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(fell_through_on__isnull=False),
                name="placement_fell_through_has_date",
            ),
            models.UniqueConstraint(
                fields=["invoice_number"], condition=~Q(invoice_number=""), name="placement_unique_invoice_number"
            ),
        ]
        indexes = [
            models.Index(fields=["invoice_status", "due_on"], name="placement_invoice_due_idx"),
        ]

    def __str__(self) -> str:
        """ "Ingrid Solberg, Head of Product at Lumen Health": the workspace's title (it names the candidate).
        Reads the application's candidate, vacancy and company: select them."""
        return str(self.application)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def in_guarantee_on(self, day) -> bool:
        """From the hire (a candidate who never starts falls through too) to the guarantee's last day."""
        return bool(self.guarantee_ends_on and self.hired_at.date() <= day <= self.guarantee_ends_on)

    def is_overdue_on(self, day) -> bool:
        return self.invoice_status == self.InvoiceStatus.INVOICED and self.due_on is not None and self.due_on < day
