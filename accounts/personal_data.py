"""The registry of a candidate's personal data: each feature says here what it stores about a person, what
their data export contains of it and what deleting their account does to it.

A feature registers one `Section` per kind of record (at start-up: each app's `ready()` imports its
`personal_sections` module):

    personal_data.register(Section(
        name="matches",                      # the key in the export's data.json
        title="Matches with openings",       # what the person reads on their "my data" page
        models=(Match,),                     # the models it covers (the completeness test checks them all)
        export=export_matches,               # (user, profile, files) -> JSON-able data
        policy=Policy.DELETED,               # what deletion does: deleted / anonymised / kept
        reason="Only about the person; recomputed for whoever is left.",
        erase=None,                          # (user, profile, files_to_delete); None: the rows go with the person
        count=count_matches,                 # (user, profile) -> int, for the "my data" page
    ))

`recruitment.services.privacy` builds the export from every section and, on deletion, runs every section's
`erase` (by `erase_order`, lowest first) before the user row goes; rows that point at the user or their
profile with CASCADE go with it. A foreign key to a person that is *not* the candidate (the recruiter who
wrote a note, the employer who posted a vacancy) is declared with `not_candidate_data`, with the reason, so
`tests/accounts/privacy/test_registry.py` can tell every new model's owner to classify it.

This module imports no models (it sits at the bottom of accounts <- vacancies <- recruitment)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Policy(StrEnum):
    DELETED = "deleted"  # gone with the person
    ANONYMISED = "anonymised"  # kept without what identifies or describes the person
    KEPT = "kept"  # kept because the agency must keep it (the reason says why)


class ExportFiles:
    """The stored files the export's zip holds besides data.json: (path in the zip, storage, stored name)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Any, str]] = []

    def add(self, path: str, field_file) -> str:
        """Put `field_file` (a FieldFile) in the zip at `path`; returns `path`, for data.json to name it."""
        self.entries.append((path, field_file.storage, field_file.name))
        return path


class FilesToDelete:
    """Stored files to remove once the deletion has committed: (storage, stored name)."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, str]] = []

    def add(self, field_file) -> None:
        if field_file:
            self.entries.append((field_file.storage, field_file.name))


Export = Callable[[Any, Any, ExportFiles], Any]
Erase = Callable[[Any, Any, FilesToDelete], None]
Count = Callable[[Any, Any], int]


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    models: tuple[type, ...]
    export: Export
    policy: Policy
    reason: str
    erase: Erase | None = None
    count: Count | None = None
    # Sections that find the person's rows through their applications run before "applications" (90)
    # anonymises them; "notifications" (20) reads the ids of introductions and applications first.
    erase_order: int = 50


_sections: dict[str, Section] = {}
_not_candidate_data: dict[tuple[str, str], str] = {}

RESERVED_NAMES = {"format_version", "exported_at"}


def register(section: Section) -> Section:
    if section.name in RESERVED_NAMES or section.name in _sections:
        raise ValueError(f"A personal-data section named {section.name!r} is registered already (or reserved).")
    if not section.reason.strip():
        raise ValueError(f"Say why section {section.name!r} is {section.policy}.")
    _sections[section.name] = section
    return section


def sections() -> list[Section]:
    """Every section, in the order they registered (accounts, vacancies, recruitment): the export's order."""
    return list(_sections.values())


def sections_to_erase() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: section.erase_order)


def not_candidate_data(model: type, *fields: str, reason: str) -> None:
    """Declare that `model`'s foreign keys `fields` point at someone who is not the candidate (a recruiter,
    an employer): the rows are not a candidate's personal data."""
    if not fields or not reason.strip():
        raise ValueError("Name the fields and say why they are not a candidate's data.")
    for name in fields:
        model._meta.get_field(name)  # a misspelt field fails at start-up
        _not_candidate_data[(model._meta.label, name)] = reason


def declared_not_candidate_data() -> dict[tuple[str, str], str]:
    """{(model label, field name): reason}."""
    return dict(_not_candidate_data)


def actor(person, user) -> str:
    """Who did something, as the export names them: "you", or a role (never another person's name)."""
    if person is None:
        return "the agency's system"
    if person.pk == user.pk:
        return "you"
    role = getattr(person, "role", "")
    return role if role in ("recruiter", "employer") else "staff"
