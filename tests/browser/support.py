"""Driving real Chromium (Debian's `chromium`, through Playwright) in the browser journeys.

- `launch_chromium()`: the system Chromium with the flags it needs as root on a closed network.
- `Visitor`: one person's browser context (their own cookies), with helpers the journeys share:
  `shot(name)` saves a screenshot under test-artifacts/, `check_page()` runs axe-core and the
  house accessibility rules, and every console error or uncaught exception on any of its pages is
  collected, so a journey can assert that the browser saw none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# axe-core rule sets run on every page: WCAG 2.1 A/AA and axe's best practices (landmarks, one h1...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def axe_source() -> str:
    """axe-core's script, as shipped by the pinned `axe-playwright-python` package (no CDN)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def launch_chromium(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@dataclass
class Visitor:
    """A person at their own browser: one context, one page, their console errors and screenshots."""

    name: str
    context: object
    base_url: str
    axe: str
    artifacts: Path
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))  # shared by a journey's visitors
    errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page = self.context.new_page()
        self.watch(self.page)

    def watch(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))

    def _console(self, page, message) -> None:
        if message.type == "error":
            self.errors.append(f"{page.url}: console error: {message.text}")

    def goto(self, path_or_url: str):
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        response = self.page.goto(url)
        assert response is not None, f"no response for {url}"
        return response

    def shot(self, label: str, page=None) -> Path:
        """A full-page screenshot: test-artifacts/browser/<journey>/<nn>-<visitor>-<label>.png."""
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:60]
        path = self.artifacts / f"{next(self.numbers):02d}-{self.name}-{slug}.png"
        (page or self.page).screenshot(path=str(path), full_page=True)
        return path

    def check_page(self, label: str, page=None) -> None:
        """Screenshot, then the accessibility checks: axe-core finds nothing, one h1, a main landmark,
        every form field has a label, every image has alt text."""
        page = page or self.page
        self.shot(label, page)
        assert_accessible(page, self.axe, label)

    def assert_no_browser_errors(self) -> None:
        assert self.errors == [], f"{self.name}'s browser reported errors:\n" + "\n".join(self.errors)


def assert_accessible(page, axe: str, label: str) -> None:
    # evaluate() goes through the DevTools protocol, so the page's CSP (script-src 'self') allows it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    facts = page.evaluate(
        """() => ({
            h1: document.querySelectorAll('h1').length,
            main: document.querySelectorAll('main, [role=main]').length,
            unlabelled: [...document.querySelectorAll('input, select, textarea')]
                .filter(el => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                              && !el.getAttribute('aria-labelledby'))
                .map(el => el.name || el.id),
            noAlt: [...document.querySelectorAll('img')].filter(img => !img.hasAttribute('alt'))
                .map(img => img.src),
            overflow: document.documentElement.scrollWidth - window.innerWidth,
        })"""
    )
    if facts["h1"] != 1:
        problems.append(f"{facts['h1']} h1 elements (one expected)")
    if facts["main"] != 1:
        problems.append(f"{facts['main']} main landmarks (one expected)")
    if facts["unlabelled"]:
        problems.append(f"form fields without a label: {facts['unlabelled']}")
    if facts["noAlt"]:
        problems.append(f"images without alt text: {facts['noAlt']}")
    if facts["overflow"] > 0:
        problems.append(f"the page is {facts['overflow']}px wider than the screen")
    assert not problems, f"Accessibility problems on '{label}' ({page.url}):\n  " + "\n  ".join(problems)
