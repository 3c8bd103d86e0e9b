"""The README's screenshots, taken in headless Chromium from a running demo site (`make run`).

    make screenshots            # against http://127.0.0.1:8000
    BASE_URL=http://host:port .venv/bin/python -m tests.browser.readme_screenshots

Logs in as each demo account (seed_demo) and writes static/img/screenshots/<name>.png."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.support import CHROMIUM_ARGS, DESKTOP, PHONE, REPO_ROOT

OUT = REPO_ROOT / "static" / "img" / "screenshots"
PASSWORD = "northstar-demo-2026"  # the demo accounts' published password (seed_demo)


def employer_applicants(page, base: str) -> str:
    """The demo employer's published vacancy's applicants (fit, feedback, interview links)."""
    page.goto(f"{base}/employers/")
    return page.get_by_role("link", name=re.compile("applicant", re.IGNORECASE)).first.get_attribute("href")


def ranked_candidates(page, base: str) -> str:
    """The workspace's ranked candidates for the demo employer's published vacancy."""
    page.goto(f"{base}/admin/vacancies/vacancy/?status__exact=published&q=Lumen")
    change = page.locator("#result_list tbody a").first.get_attribute("href")
    return change.split("?")[0].replace("/change/", "/candidates/")


SHOTS = {
    # who (None: a visitor) -> [(file name, path or a function finding it, viewport)]
    None: [
        ("home", "/", DESKTOP),
        ("board", "/vacancies/?role_family=head-of-product", DESKTOP),
        ("board-phone", "/vacancies/", PHONE),
    ],
    "candidate@northstar.example": [
        ("candidate-dashboard", "/me/", DESKTOP),
        ("candidate-applications", "/me/applications/", DESKTOP),
    ],
    "employer@lumenhealth.example": [
        ("employer-dashboard", "/employers/", DESKTOP),
        ("employer-applicants", employer_applicants, DESKTOP),
    ],
    "recruiter@northstar.example": [
        ("admin-home", "/admin/", DESKTOP),
        ("admin-pipeline", "/admin/pipeline/", DESKTOP),
        ("admin-ranked-candidates", ranked_candidates, DESKTOP),
    ],
}


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def vacancy_page(page, base: str) -> str:
    """The first CPO opening on the board, seen by the demo candidate (with "why this matches you")."""
    page.goto(f"{base}/vacancies/?role_family=chief-product-officer")
    return page.locator("main h2 a.stretched-link").first.get_attribute("href")


def main() -> int:
    base = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        print("chromium is not installed", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for who, shots in SHOTS.items():
            for name, path, viewport in shots:
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                if who:
                    log_in(page, base, who)
                page.goto(base + (path if isinstance(path, str) else path(page, base)))
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=viewport is not DESKTOP)
                print(f"{name}: {page.url}")
                if name == "candidate-dashboard":
                    page.goto(base + vacancy_page(page, base))
                    page.screenshot(path=str(OUT / "vacancy-why-it-matches.png"))
                    print(f"vacancy-why-it-matches: {page.url}")
                context.close()
        browser.close()
    print(f"Screenshots in {Path(OUT).relative_to(REPO_ROOT)}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
