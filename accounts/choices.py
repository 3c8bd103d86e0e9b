"""Choice lists shared by candidates, vacancies and matching: currencies, seniority, remote work."""

from __future__ import annotations

from django.db import models


class Currency(models.TextChoices):
    EUR = "EUR", "EUR (€)"
    GBP = "GBP", "GBP (£)"
    USD = "USD", "USD ($)"
    CHF = "CHF", "CHF"
    SEK = "SEK", "SEK"
    DKK = "DKK", "DKK"
    NOK = "NOK", "NOK"
    PLN = "PLN", "PLN"
    CAD = "CAD", "CAD"


class Seniority(models.TextChoices):
    """How senior a product leader is (or a role asks for), lowest first."""

    PRINCIPAL = "principal", "Principal / Group PM"
    DIRECTOR = "director", "Director"
    HEAD = "head", "Head of Product"
    VP = "vp", "VP"
    EXECUTIVE = "executive", "C-level"

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value) if value in cls.values else -1


class RemotePreference(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote only"
    ANY = "any", "Open to any"
