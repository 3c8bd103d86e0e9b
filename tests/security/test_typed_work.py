"""No refusal loses typed work: for every form a person fills in, a submission the server refuses (an invalid
field, or a rule of a service) comes back with what was typed still in the form, and nothing is stored.

Each entry of FORMS names who posts, where, what (one refused field, a distinctive value in every other),
what must be back on the answer (text in an input or textarea, a ticked box or radio, a selected option) and
how to see that nothing was stored. The answer is read after following any redirect, so a view that throws
the form away for a flash message fails here."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import CandidateProfile, User
from recruitment.models import Invitation
from recruitment.models.interviews import Interview
from recruitment.models.introductions import Introduction
from recruitment.models.placements import Placement
from tests.security import world as w
from vacancies.models import Application, Company, Vacancy

pytestmark = [pytest.mark.django_db]


@dataclass(frozen=True)
class Checked:
    """A radio button or checkbox `name` with `value`, ticked on the answer."""

    name: str
    value: str


@dataclass(frozen=True)
class Selected:
    """An option `value` of the select `name`, selected on the answer."""

    name: str
    value: str


@dataclass(frozen=True)
class Refused:
    role: str
    url: Callable[[w.World], str]
    data: Callable[[w.World], dict]
    typed: Callable[[w.World], list]  # strings, Checked and Selected
    stored: Callable[[w.World], bool]  # True when the refused submission left a trace
    setup: Callable[[w.World], object] = lambda x: None  # the state the form needs to be on its page


def _tag_with(page: str, tag: str, name: str, value: str) -> list[str]:
    tags = re.findall(rf"<{tag}\b[^>]*>", page)
    return [t for t in tags if f'name="{name}"' in t and f'value="{html.escape(value)}"' in t]


def _selected(page: str, name: str, value: str) -> bool:
    for select in re.findall(rf'<select\b[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S):
        for option in re.findall(r"<option\b[^>]*>", select):
            if f'value="{html.escape(value)}"' in option and "selected" in option:
                return True
    return False


def assert_kept(page: str, item) -> None:
    if isinstance(item, Checked):
        assert any("checked" in t for t in _tag_with(page, "input", item.name, item.value)), f"{item} not ticked"
    elif isinstance(item, Selected):
        assert _selected(page, item.name, item.value), f"{item} not selected"
    else:
        assert html.escape(item) in page or item in page, f"{item[:60]!r}... is not on the answer"


def _profile(world: w.World) -> CandidateProfile:
    return CandidateProfile.objects.get(pk=world.profile_a.pk)


def _vacancy(world: w.World, key: str = "vacancy_x") -> Vacancy:
    obj = getattr(world, key) if hasattr(world, key) else world.extra[key]
    return Vacancy.objects.get(pk=obj.pk)


def _placement(world: w.World) -> Placement:
    return Placement.objects.get(pk=world.extra["placement_a"].pk)


TYPED = "Typed 7316"  # every distinctive value carries it
LONG = "x" * 2001  # longer than any note or short text allows

FORMS: dict[str, Refused] = {
    # --- Candidates and sign-up -------------------------------------------------------------
    "candidate sign-up (passwords differ)": Refused(
        "anonymous",
        lambda x: reverse("account_signup"),
        lambda x: {
            "first_name": "Typedfirst",
            "last_name": "Typedlast",
            "email": "typed.7316@example.com",
            "password1": "a-long-new-passphrase-7",
            "password2": "another-long-passphrase-8",
        },
        lambda x: ["Typedfirst", "Typedlast", "typed.7316@example.com"],
        lambda x: User.objects.filter(email="typed.7316@example.com").exists(),
    ),
    "employer sign-up (passwords differ)": Refused(
        "anonymous",
        lambda x: reverse("employers:signup"),
        lambda x: {
            "first_name": "Typedfirst",
            "last_name": "Typedlast",
            "company_name": f"{TYPED} Ltd",
            "email": "typed.boss.7316@example.com",
            "password1": "a-long-new-passphrase-7",
            "password2": "another-long-passphrase-8",
        },
        lambda x: ["Typedfirst", "Typedlast", f"{TYPED} Ltd", "typed.boss.7316@example.com"],
        lambda x: Company.objects.filter(name=f"{TYPED} Ltd").exists(),
    ),
    "password reset request (not an email)": Refused(
        "anonymous",
        lambda x: reverse("account_reset_password"),
        lambda x: {"email": "typed-7316-not-an-email"},
        lambda x: ["typed-7316-not-an-email"],
        lambda x: False,
    ),
    "profile (years not a number)": Refused(
        "candidate_A",
        lambda x: reverse("accounts:profile"),
        lambda x: w.profile_data(
            headline=f"{TYPED} headline", current_title=f"{TYPED} title", city="Typedtown", years_experience="many"
        ),
        lambda x: [f"{TYPED} headline", f"{TYPED} title", "Typedtown", Selected("seniority", "director")],
        lambda x: _profile(x).headline != w.A_HEADLINE,
    ),
    "time zone (not a zone)": Refused(
        "candidate_A",
        lambda x: reverse("account_settings:time_zone"),
        lambda x: {"time_zone": "Mars/Olympus_Mons"},
        lambda x: [],
        lambda x: User.objects.get(pk=x.cand_a.pk).time_zone == "Mars/Olympus_Mons",
    ),
    "apply (upload chosen, no file)": Refused(
        "candidate_B",
        lambda x: reverse("vacancies:apply", args=[x.vacancy_x.slug]),
        lambda x: {"cv_source": "upload", "cover_letter": f"{TYPED} cover letter"},
        lambda x: [f"{TYPED} cover letter", Checked("cv_source", "upload")],
        lambda x: Application.objects.filter(candidate=x.cand_b, vacancy=x.vacancy_x).exists(),
    ),
    # --- Employers --------------------------------------------------------------------------
    "company (website not an address)": Refused(
        "employer_X",
        lambda x: reverse("employers:company"),
        lambda x: w.company_data(name=f"{TYPED} Co", website="not a website", description=f"{TYPED} about us"),
        lambda x: [f"{TYPED} Co", f"{TYPED} about us", "not a website"],
        lambda x: Company.objects.filter(name=f"{TYPED} Co").exists(),
    ),
    "vacancy create (salary band upside down)": Refused(
        "employer_X",
        lambda x: reverse("employers:vacancy_create"),
        lambda x: w.vacancy_data(
            title=f"{TYPED} new role", description=f"{TYPED} description", salary_min=200_000, salary_max=100_000
        ),
        lambda x: [f"{TYPED} new role", f"{TYPED} description", Selected("remote_policy", "hybrid")],
        lambda x: Vacancy.objects.filter(title=f"{TYPED} new role").exists(),
    ),
    "vacancy edit (salary band upside down)": Refused(
        "employer_X",
        lambda x: reverse("employers:vacancy_edit", args=[x.draft_x.pk]),
        lambda x: w.vacancy_data(
            title=f"{TYPED} edited", description=f"{TYPED} description", salary_min=200_000, salary_max=100_000
        ),
        lambda x: [f"{TYPED} edited", f"{TYPED} description"],
        lambda x: _vacancy(x, "draft_x").title == f"{TYPED} edited",
    ),
    "vacancy close (filled, nobody named)": Refused(
        "employer_X",
        lambda x: reverse("employers:vacancy_close", args=[x.vacancy_x.pk]),
        lambda x: {"reason": "filled", "hired": ""},
        lambda x: [Checked("reason", "filled"), "Tell us who was hired"],
        lambda x: _vacancy(x).status == Vacancy.Status.CLOSED,
    ),
    "client answer to an introduction (not a fit, no reason)": Refused(
        "employer_X",
        lambda x: reverse("employer_introductions:detail", args=[x.introduction_a.pk]),
        lambda x: {"answer": "not_a_fit", "reason": "", "note": f"{TYPED} client note"},
        lambda x: [f"{TYPED} client note", Checked("answer", "not_a_fit")],
        lambda x: Introduction.objects.get(pk=x.introduction_a.pk).status != Introduction.Status.WITH_CLIENT,
    ),
    "interview propose (no place)": Refused(
        "employer_X",
        lambda x: reverse("employer_interviews:propose", args=[x.application_a.pk]),
        lambda x: {
            "slot_1": "2031-03-04T10:30",
            "round": "first",
            "duration_minutes": "45",
            "video_url": "",
            "address": "",
            "interviewers": f"{TYPED} interviewers",
        },
        lambda x: [f"{TYPED} interviewers", "2031-03-04T10:30", 'value="45"'],
        lambda x: Interview.objects.filter(interviewers__startswith=TYPED).exists(),
    ),
    # --- The recruiters' workspace ----------------------------------------------------------
    "workspace: reject a vacancy (reason too long)": Refused(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_reject", args=[x.extra["pending_x"].pk]),
        lambda x: {"reason": f"{TYPED} {LONG}"},
        lambda x: [f"{TYPED} {LONG}"],
        lambda x: _vacancy(x, "pending_x").status == Vacancy.Status.REJECTED,
    ),
    "workspace: close a vacancy (filled, nobody named)": Refused(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_close", args=[x.vacancy_x.pk]),
        lambda x: {"reason": "filled", "hired": "", "note": f"{TYPED} workspace close note"},
        lambda x: [f"{TYPED} workspace close note", Checked("reason", "filled")],
        lambda x: _vacancy(x).status == Vacancy.Status.CLOSED,
    ),
    "workspace: invite a candidate (message too long)": Refused(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_invite", args=[x.profile_a.pk, x.vacancy_y.pk]),
        lambda x: {"message": f"{TYPED} {LONG * 3}"},
        lambda x: [f"{TYPED} {LONG * 3}"],
        lambda x: Invitation.objects.filter(candidate=x.profile_a, vacancy=x.vacancy_y).exists(),
    ),
    "workspace: ranked list, invite (message too long)": Refused(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_ranked_action", args=[x.vacancy_y.pk, "invite"]),
        lambda x: {"candidate": [x.profile_a.pk], "message": f"{TYPED} {LONG * 3}"},
        lambda x: [f"{TYPED} {LONG * 3}", f'name="candidate" value="{x.profile_a.pk}"'],
        lambda x: Invitation.objects.filter(candidate=x.profile_a, vacancy=x.vacancy_y).exists(),
    ),
    "workspace: ranked list, introduce (anonymised pitch names the candidate)": Refused(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_ranked_action", args=[x.vacancy_y.pk, "introduce"]),
        lambda x: {
            "candidate": [x.profile_a.pk],
            "pitch": f"{TYPED}: Aurelia scaled two marketplaces",
            "presentation": "anonymised",
        },
        lambda x: [
            f"{TYPED}: Aurelia scaled two marketplaces",
            Checked("presentation", "anonymised"),
            f'name="candidate" value="{x.profile_a.pk}"',
        ],
        lambda x: Introduction.objects.filter(vacancy=x.vacancy_y).exists(),
    ),
    "workspace: introduce from the candidate (anonymised pitch names them)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_introduction_new", args=[x.profile_a.pk, x.vacancy_y.pk]),
        lambda x: {"pitch": f"{TYPED}: Quintavalle ran payments", "presentation": "anonymised"},
        lambda x: [f"{TYPED}: Quintavalle ran payments", Checked("presentation", "anonymised")],
        lambda x: Introduction.objects.filter(vacancy=x.vacancy_y).exists(),
    ),
    "workspace: placement details (salary below 1)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_placement_details", args=[x.extra["placement_a"].pk]),
        lambda x: {"start_date": "2031-05-06", "base_salary": "0", "currency": "GBP"},
        lambda x: ["2031-05-06", Selected("currency", "GBP")],
        lambda x: _placement(x).currency == "GBP",
    ),
    "workspace: placement invoice (not a date)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_placement_invoice", args=[x.extra["placement_a"].pk]),
        lambda x: {"number": f"{TYPED}-INV", "invoiced_on": "typed-7316-someday"},
        lambda x: [f"{TYPED}-INV", "typed-7316-someday"],
        lambda x: bool(_placement(x).invoice_number),
    ),
    "workspace: placement paid (not a date)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_placement_paid", args=[x.extra["placement_a"].pk]),
        lambda x: {"paid_on": "typed-7316-someday"},
        lambda x: ["typed-7316-someday"],
        lambda x: _placement(x).paid_on is not None,
        setup=lambda x: Placement.objects.filter(pk=x.extra["placement_a"].pk).update(
            invoice_status="invoiced",
            invoice_number="N-1",
            invoiced_on=x.extra["placement_a"].start_date,
            due_on=x.extra["placement_a"].start_date,
        ),
    ),
    "workspace: placement fell through (not a date)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_placement_fall_through", args=[x.extra["placement_a"].pk]),
        lambda x: {"on": "typed-7316-someday", "resolution": "", "note": f"{TYPED} fell-through note"},
        lambda x: ["typed-7316-someday", f"{TYPED} fell-through note"],
        lambda x: _placement(x).fell_through_on is not None,
    ),
    "workspace: placement back on (not a date)": Refused(
        "recruiter",
        lambda x: reverse("admin:recruitment_placement_back_on", args=[x.extra["placement_a"].pk]),
        lambda x: {"on": "typed-7316-someday"},
        lambda x: ["typed-7316-someday"],
        lambda x: False,
    ),
}


@pytest.mark.parametrize("label", list(FORMS))
def test_a_refused_submission_comes_back_with_what_was_typed(label, client):
    entry = FORMS[label]
    world = w.build_world()
    entry.setup(world)
    user = world.users[entry.role]
    if user is not None:
        client.force_login(user)
    response = client.post(entry.url(world), entry.data(world), follow=True)
    assert response.status_code in (200, 400), f"{label}: {response.status_code}"
    page = response.content.decode()
    for item in entry.typed(world):
        assert_kept(page, item)
    assert not entry.stored(world), f"{label}: the refused submission was stored"
