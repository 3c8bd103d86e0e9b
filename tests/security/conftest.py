"""Shared by the security tests: a fast password hasher, and the figures each suite reports.

Figures are collected while the tests run and printed in pytest's terminal summary
("security figures"), e.g. how many access-matrix cells were checked and how many differed."""

from __future__ import annotations

from collections import defaultdict

import pytest

# suite -> figure name -> number
FIGURES: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
# Lines worth showing under the figures (e.g. the access-matrix mismatches), per suite.
DETAILS: dict[str, list[str]] = defaultdict(list)


def count(suite: str, figure: str, n: int = 1) -> None:
    FIGURES[suite][figure] += n


@pytest.fixture
def fast_password_hashing(settings):
    """These tests create many users and never test hashing itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("security figures")
    for suite in sorted(FIGURES):
        figures = ", ".join(f"{name}: {value}" for name, value in FIGURES[suite].items())
        terminalreporter.write_line(f"{suite}: {figures}")
        for line in DETAILS.get(suite, []):
            terminalreporter.write_line(f"    {line}")
