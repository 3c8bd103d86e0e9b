"""Shared by the security tests: the figures each suite reports (the fast password hasher is the suite's own,
recruitment/config/settings/test.py).

Figures are collected while the tests run and printed in pytest's terminal summary
("security figures"), e.g. how many access-matrix cells were checked and how many differed."""

from __future__ import annotations

from collections import defaultdict

from tests.support.gunicorn import gunicorn_site  # noqa: F401 - a pytest fixture, used by name

# suite -> figure name -> number
FIGURES: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
# Lines worth showing under the figures (e.g. the access-matrix mismatches), per suite.
DETAILS: dict[str, list[str]] = defaultdict(list)


def count(suite: str, figure: str, n: int = 1) -> None:
    FIGURES[suite][figure] += n


def merge(figures: dict[str, dict[str, int]], details: dict[str, list[str]]) -> None:
    """Add another process's figures (a pytest-xdist worker's, see tests/conftest.py)."""
    for suite, numbers in figures.items():
        for name, value in numbers.items():
            FIGURES[suite][name] += value
    for suite, lines in details.items():
        DETAILS[suite].extend(lines)


def write_summary(terminalreporter) -> None:
    """The "security figures" section (tests/conftest.py's pytest_terminal_summary calls it: this conftest is
    not loaded in pytest-xdist's controller, which collects nothing)."""
    if not FIGURES:
        return
    terminalreporter.section("security figures")
    for suite in sorted(FIGURES):
        figures = ", ".join(f"{name}: {value}" for name, value in FIGURES[suite].items())
        terminalreporter.write_line(f"{suite}: {figures}")
        for line in DETAILS.get(suite, []):
            terminalreporter.write_line(f"    {line}")
