"""The access matrix: every role against every object page and verb, checked against a table.

Objects belong to candidate A and employer X; candidate B and employer Y are "the others". The
expected outcomes are the EXPECTED table below; REQUESTS says how each row is asked for. One
parametrised test per row checks that row for all seven roles, each role in its own savepoint so that
one role's changes never leak into the next role's cell. Outcomes:

    200    the page answers 200 and shows A's or X's data (the row's marker is in the body)
    own    200 with the visitor's own (or public) data only: the marker of A's/X's data is absent
    login  a redirect to the login page (directly, or through the admin's login)
    302    any other redirect (after a successful POST, or away from a page that does not apply)
    400/403/404/405  that status (a crash would show as 500); 400 is also a form refused by its rules, shown
           again with what was typed (the paid form of a placement not yet invoiced)

Besides the outcome, every cell checks that A's and X's objects are unchanged unless the role may
change them through that row (MAY_CHANGE). Mismatches fail the row with a table of what differed;
pytest's terminal summary ("security figures") shows how many cells were checked and how many differed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.security import world as w
from tests.security.conftest import DETAILS, count

pytestmark = [pytest.mark.django_db]

SUITE = "access matrix"
ROLES = w.ROLES

# Rows are "<object> / <verb> <METHOD>". Columns: anonymous, candidate A, candidate B, employer X,
# employer Y, recruiter (staff in the Recruiters group), superuser.
EXPECTED = """
row                                                  | anon  | A     | B     | X     | Y     | recr  | super
---------------------------------------------------- | ----- | ----- | ----- | ----- | ----- | ----- | -----
home page / view GET                                 | 200   | 200   | 200   | 200   | 200   | 200   | 200
dashboard redirect / view GET                        | login | 302   | 302   | 302   | 302   | 302   | 302
vacancy board / list GET                             | 200   | 200   | 200   | 200   | 200   | 200   | 200
vacancy feed / list GET                              | 200   | 200   | 200   | 200   | 200   | 200   | 200
vacancy public page / view GET                       | 200   | 200   | 200   | 200   | 200   | 200   | 200
draft vacancy public page / view GET                 | 404   | 404   | 404   | 404   | 404   | 404   | 404
match explanation on the vacancy page / view GET     | own   | 200   | own   | own   | own   | own   | own
candidate account (sign-up) / create GET             | 200   | 302   | 302   | 302   | 302   | 302   | 302
employer account (sign-up) / create GET              | 200   | 302   | 302   | 302   | 302   | 302   | 302
candidate dashboard / view GET                       | login | 200   | own   | 403   | 403   | 403   | 403
candidate profile / view GET                         | login | 200   | own   | 403   | 403   | 403   | 403
candidate profile / edit POST                        | login | 302   | 302   | 403   | 403   | 403   | 403
profile CV / create POST                             | login | 302   | 302   | 403   | 403   | 403   | 403
profile CV / download GET                            | login | 200   | own   | 403   | 403   | 403   | 403
profile CV (recruiters' download) / download GET    | login | 404   | 404   | 404   | 404   | 200   | 200
application / list GET                               | login | 200   | own   | 403   | 403   | 403   | 403
application / view GET                               | login | 200   | 404   | 403   | 403   | 403   | 403
application withdraw / view GET                      | login | 200   | 404   | 403   | 403   | 403   | 403
application withdraw / delete POST                   | login | 302   | 404   | 403   | 403   | 403   | 403
application CV / download GET                        | login | 200   | 404   | 200   | 404   | 200   | 200
application CV (in the browser) / view GET           | login | 200   | 404   | 200   | 404   | 200   | 200
application (apply form) / create GET                | login | 302   | 200   | 403   | 403   | 403   | 403
application (apply) / create POST                    | login | 302   | 302   | 403   | 403   | 403   | 403
application to a draft vacancy / create GET          | login | 404   | 404   | 404   | 404   | 404   | 404
employer dashboard / list GET                        | login | 403   | 403   | 200   | own   | 403   | 403
draft vacancy (employer page) / view GET             | login | 404   | 404   | 200   | 404   | 404   | 404
vacancy (employer page) / view GET                   | login | 404   | 404   | 200   | 404   | 404   | 404
vacancy editor / edit GET                            | login | 404   | 404   | 200   | 404   | 404   | 404
vacancy editor / edit POST                           | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy editor / create GET                          | login | 403   | 403   | 200   | 200   | 403   | 403
vacancy editor / create POST                         | login | 403   | 403   | 302   | 302   | 403   | 403
vacancy status (submit) / edit POST                  | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy status (submit) / edit GET                   | login | 405   | 405   | 405   | 405   | 405   | 405
vacancy status (close) / edit POST                   | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy status (withdraw) / edit POST                | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy status (withdraw) / edit GET                 | login | 405   | 405   | 405   | 405   | 405   | 405
vacancy copy (duplicate) / create POST               | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy changes (withdraw) / edit POST               | login | 404   | 404   | 302   | 404   | 404   | 404
vacancy changes (live vacancy editor) / edit GET     | login | 404   | 404   | 200   | 404   | 404   | 404
applicants / list GET                                | login | 404   | 404   | 200   | 404   | 404   | 404
application stage (shortlist/decline) / edit POST    | login | 404   | 404   | 302   | 404   | 404   | 404
application feedback (for the agency) / create POST  | login | 404   | 404   | 302   | 404   | 404   | 404
application feedback (for the agency) / create GET   | login | 405   | 405   | 405   | 405   | 405   | 405
application stage (shortlist/decline) / edit GET     | login | 405   | 405   | 405   | 405   | 405   | 405
company / view GET                                   | login | 403   | 403   | 200   | own   | 403   | 403
company / edit POST                                  | login | 403   | 403   | 302   | 302   | 403   | 403
company invite / create POST                         | login | 403   | 403   | 302   | 302   | 403   | 403
company invite / create GET                          | login | 403   | 403   | 405   | 405   | 403   | 403
company invite (revoke) / edit POST                  | login | 403   | 403   | 302   | 404   | 403   | 403
company member (remove) / delete POST                | login | 403   | 403   | 302   | 404   | 403   | 403
company invitation link / view GET                   | 200   | 302   | 302   | 302   | 302   | 302   | 302
company invitation link (forged) / view GET          | 404   | 404   | 404   | 404   | 404   | 404   | 404
match / list GET                                     | login | 200   | own   | 403   | 403   | 403   | 403
my data / view GET                                   | login | 200   | own   | 403   | 403   | 403   | 403
my data (export) / download GET                      | login | 200   | own   | 403   | 403   | 403   | 403
account (delete) / view GET                          | login | 200   | own   | 403   | 403   | 403   | 403
account (delete) / delete POST                       | login | 302   | 302   | 403   | 403   | 403   | 403
introduction (client list) / list GET                | login | 403   | 403   | 200   | own   | 403   | 403
introduction (client page) / view GET                | login | 403   | 403   | 200   | 404   | 403   | 403
introduction (client answer) / edit POST             | login | 403   | 403   | 302   | 404   | 403   | 403
introduction CV (anonymised) / download GET          | login | 404   | 404   | 404   | 404   | 404   | 404
introduction (candidate page) / view GET             | login | 200   | 404   | 403   | 403   | 403   | 403
introduction (candidate answer) / edit POST          | login | 302   | 404   | 403   | 403   | 403   | 403
introduction consent link (A's token) / view GET     | 200   | 200   | 200   | 200   | 200   | 200   | 200
introduction consent link (A's token) / edit POST    | 302   | 302   | 302   | 302   | 302   | 302   | 302
introduction consent link (forged token) / view GET  | 404   | 404   | 404   | 404   | 404   | 404   | 404
introduction consent link (forged token) / edit POST | 404   | 404   | 404   | 404   | 404   | 404   | 404
interview (client list) / list GET                   | login | 403   | 403   | 200   | own   | 403   | 403
interview (client page) / view GET                   | login | 403   | 403   | 200   | 404   | 403   | 403
interview (client cancel) / edit POST                | login | 403   | 403   | 302   | 404   | 403   | 403
interview (client propose) / view GET                | login | 403   | 403   | 200   | 404   | 403   | 403
interview (client propose) / create POST             | login | 403   | 403   | 400   | 404   | 403   | 403
interview calendar (client, not confirmed) / download GET | login | 403 | 403   | 404   | 404   | 403   | 403
interview (candidate page) / view GET                | login | 200   | 404   | 403   | 403   | 403   | 403
interview (candidate pick) / edit POST               | login | 302   | 404   | 403   | 403   | 403   | 403
interview calendar (candidate, not confirmed) / download GET | login | 404 | 404 | 403 | 403   | 403   | 403
interview pick link (A's token) / view GET           | 200   | 200   | 200   | 200   | 200   | 200   | 200
interview pick link (A's token) / edit POST          | 302   | 302   | 302   | 302   | 302   | 302   | 302
interview pick link (forged token) / view GET        | 404   | 404   | 404   | 404   | 404   | 404   | 404
interview pick link (forged token) / edit POST       | 404   | 404   | 404   | 404   | 404   | 404   | 404
time zone setting / view GET                         | login | 200   | 200   | 200   | 200   | 200   | 200
time zone setting / edit POST                        | login | 302   | 302   | 302   | 302   | 302   | 302
unsubscribe link (A's token) / view GET              | 200   | 200   | 200   | 200   | 200   | 200   | 200
unsubscribe link (A's token) / edit POST             | 200   | 200   | 200   | 200   | 200   | 200   | 200
unsubscribe link (forged token) / view GET           | 404   | 404   | 404   | 404   | 404   | 404   | 404
unsubscribe link (forged token) / edit POST          | 404   | 404   | 404   | 404   | 404   | 404   | 404
admin / view GET                                     | login | 403   | 403   | 403   | 403   | 200   | 200
admin accounts.user / list GET                       | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.user / view GET                       | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.user / create GET                     | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.user / delete GET                     | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.user / password GET                   | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.candidateprofile / list GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin accounts.candidateprofile / view GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin accounts.candidateprofile / create GET         | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.candidateprofile / delete GET         | login | 403   | 403   | 403   | 403   | 403   | 200
admin accounts.rolefamily / list GET                 | login | 403   | 403   | 403   | 403   | 200   | 200
admin accounts.skill / list GET                      | login | 403   | 403   | 403   | 403   | 200   | 200
admin accounts.industry / list GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.company / list GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.company / view GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.company / create GET                 | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.company / delete GET                 | login | 403   | 403   | 403   | 403   | 403   | 200
admin vacancies.vacancy / list GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.vacancy / view GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.vacancy / create GET                 | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.vacancy / delete GET                 | login | 403   | 403   | 403   | 403   | 403   | 200
admin vacancies.companyjoinrequest / list GET       | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.companyjoinrequest / view GET       | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.companyjoinrequest / create GET     | login | 403   | 403   | 403   | 403   | 403   | 403
admin vacancies.companyjoinrequest / delete GET     | login | 403   | 403   | 403   | 403   | 403   | 403
admin vacancies.companyinvite / list GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.companyinvite / view GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.application / list GET               | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.application / view GET               | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.application / history GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancies.application / create GET             | login | 403   | 403   | 403   | 403   | 403   | 403
admin vacancies.application / delete GET             | login | 403   | 403   | 403   | 403   | 403   | 200
admin recruitment.match / list GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.match / view GET                   | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.match / create GET                 | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.match / delete GET                 | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.notification / list GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.notification / view GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.notification / create GET          | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.notification / delete GET          | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.recruiternote / list GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin pipeline / view GET                            | login | 403   | 403   | 403   | 403   | 200   | 200
admin match explanation (vacancy page) / view GET    | login | 403   | 403   | 403   | 403   | 200   | 200
admin match explanation (candidate page) / view GET  | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy matches (recompute) / edit POST        | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy matches (recompute) / edit GET         | login | 403   | 403   | 403   | 403   | 405   | 405
admin vacancy review (publish) / edit POST           | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy review (publish) / edit GET            | login | 403   | 403   | 403   | 403   | 405   | 405
admin vacancy review (reject) / view GET             | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy review (reject) / edit POST            | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy close / view GET                       | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy close / edit POST                      | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy preview (draft) / view GET             | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy page (fields and skills) / edit POST   | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy changes (publish) / edit POST          | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy changes (publish) / edit GET           | login | 403   | 403   | 403   | 403   | 405   | 405
admin vacancy changes (reject) / view GET            | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy changes (reject) / edit POST           | login | 403   | 403   | 403   | 403   | 302   | 302
admin application stage (move) / edit POST           | login | 403   | 403   | 403   | 403   | 302   | 302
admin application stage (move) / edit GET            | login | 403   | 403   | 403   | 403   | 405   | 405
admin application note (in place) / create POST      | login | 403   | 403   | 403   | 403   | 302   | 302
admin candidate invite (to apply) / view GET        | login | 403   | 403   | 403   | 403   | 200   | 200
admin candidate invite (to apply) / create POST     | login | 403   | 403   | 403   | 403   | 302   | 302
admin candidate contact log / create POST            | login | 403   | 403   | 403   | 403   | 302   | 302
admin vacancy ranked candidates / view GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy ranked candidates / edit POST          | login | 403   | 403   | 403   | 403   | 405   | 405
admin vacancy ranked (bulk invite) / view GET        | login | 403   | 403   | 403   | 403   | 200   | 200
admin vacancy ranked (bulk invite) / create POST     | login | 403   | 403   | 403   | 403   | 302   | 302
admin candidate contact log / create GET             | login | 403   | 403   | 403   | 403   | 405   | 405
admin recruitment.introduction / list GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.introduction / view GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.introduction / create GET         | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.introduction / delete GET         | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.pendingoutcome / list GET         | login | 403   | 403   | 403   | 403   | 200   | 200
admin introduce (candidate to client) / view GET    | login | 403   | 403   | 403   | 403   | 200   | 200
admin introduce (candidate to client) / create POST | login | 403   | 403   | 403   | 403   | 302   | 302
admin introduction (ask the candidate) / edit POST  | login | 403   | 403   | 403   | 403   | 302   | 302
admin introduction (withdraw) / edit POST           | login | 403   | 403   | 403   | 403   | 302   | 302
admin introduction (withdraw) / edit GET            | login | 403   | 403   | 403   | 403   | 405   | 405
admin recruitment.interview / list GET              | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.interview / view GET              | login | 403   | 403   | 403   | 403   | 200   | 200
admin interview (propose) / view GET                | login | 403   | 403   | 403   | 403   | 200   | 200
admin interview (propose) / create POST             | login | 403   | 403   | 403   | 403   | 400   | 400
admin interview (cancel) / edit POST                | login | 403   | 403   | 403   | 403   | 302   | 302
admin interview (cancel) / edit GET                 | login | 403   | 403   | 403   | 403   | 405   | 405
admin recruitment.interview / create GET            | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.interview / delete GET            | login | 403   | 403   | 403   | 403   | 403   | 403
admin candidate search / view GET                    | login | 403   | 403   | 403   | 403   | 200   | 200
admin candidate search (save) / create POST          | login | 403   | 403   | 403   | 403   | 302   | 302
admin candidate search (save) / create GET           | login | 403   | 403   | 403   | 403   | 405   | 405
admin saved search (run) / view POST                 | login | 403   | 403   | 403   | 403   | 302   | 404
admin saved search (run) / view GET                  | login | 403   | 403   | 403   | 403   | 405   | 405
admin saved search / delete POST                     | login | 403   | 403   | 403   | 403   | 302   | 404
admin saved search / delete GET                      | login | 403   | 403   | 403   | 403   | 405   | 405
placement (client list) / list GET                   | login | 403   | 403   | 200   | own   | 403   | 403
admin recruitment.placement / list GET               | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.placement / view GET               | login | 403   | 403   | 403   | 403   | 200   | 200
admin recruitment.placement / create GET             | login | 403   | 403   | 403   | 403   | 403   | 403
admin recruitment.placement / delete GET             | login | 403   | 403   | 403   | 403   | 403   | 403
admin placement (salary and start) / edit POST       | login | 403   | 403   | 403   | 403   | 302   | 302
admin placement (invoice) / edit POST                | login | 403   | 403   | 403   | 403   | 302   | 302
admin placement (invoice) / edit GET                 | login | 403   | 403   | 403   | 403   | 405   | 405
admin placement (paid) / edit POST                   | login | 403   | 403   | 403   | 403   | 400   | 400
admin placement (fall through) / edit POST           | login | 403   | 403   | 403   | 403   | 302   | 302
admin placement (back on the market) / edit POST    | login | 403   | 403   | 403   | 403   | 302   | 302
admin reports / view GET                             | login | 403   | 403   | 403   | 403   | 200   | 200
admin reports (revenue CSV) / download GET           | login | 403   | 403   | 403   | 403   | 200   | 200
admin auth.group / list GET                          | login | 403   | 403   | 403   | 403   | 403   | 200
admin sites.site / list GET                          | login | 403   | 403   | 403   | 403   | 403   | 200
admin account.emailaddress / list GET                | login | 403   | 403   | 403   | 403   | 403   | 200
"""

A, X = "candidate_A", "employer_X"


@dataclass(frozen=True)
class url:
    """The address of a named URL, with the object it is about taken from the world."""

    name: str
    obj: Callable[[w.World], Any] | None = None
    attr: str = "pk"

    def __call__(self, world: w.World) -> str:
        if self.attr == "__iter__":  # the object is a tuple of URL arguments
            return reverse(self.name, args=list(self.obj(world)))
        return reverse(self.name, args=[getattr(self.obj(world), self.attr)] if self.obj else [])


@dataclass(frozen=True)
class query_url(url):
    """A named URL with a query string."""

    query: str = ""

    def __call__(self, world: w.World) -> str:
        return f"{super().__call__(world)}?{self.query}"


@dataclass(frozen=True)
class url_with_query(url):
    """A named URL with a query string (e.g. the selection a bulk action's confirm step shows)."""

    query: Callable[[w.World], dict] | None = None

    def __call__(self, world: w.World) -> str:
        return f"{super().__call__(world)}?{urlencode(self.query(world), doseq=True)}"


def ranked_selection(x: w.World) -> dict:
    return {"candidate": [x.profile_a.pk, x.cand_b.candidate_profile.pk]}  # B is not ranked for Y's vacancy


@dataclass(frozen=True)
class Ask:
    """How a row is asked for: the URL, the POST data, the marker of A's/X's data, who may change it."""

    url: url
    data: Callable[[w.World], dict] | None = None
    marker: str | bytes | None = None
    may_change: tuple[str, ...] = ()


def cv_upload(world: w.World) -> dict:
    # The CV is part of the profile form: one save.
    cv = SimpleUploadedFile("new.pdf", w.pdf_with(b"%NEW"), "application/pdf")
    return {**w.profile_data(), "action": "upload_cv", "cv": cv}


def no_data(world: w.World) -> dict:
    return {}


def application_a(x: w.World):
    return x.application_a


def profile_a(x: w.World):
    return x.profile_a


def vacancy_x(x: w.World):
    return x.vacancy_x


def interview_a(x: w.World):
    return x.interview_a


def introduction_a(x: w.World):
    return x.introduction_a


def placement_a(x: w.World):
    return x.extra["placement_a"]


def today_iso(world: w.World) -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def draft_x(x: w.World):
    return x.draft_x


def pending_x(x: w.World):
    return x.extra["pending_x"]


def recruiters_saved_search(x: w.World):
    """The workspace recruiter's own saved search (made inside the cell's transaction, rolled back after)."""
    from recruitment.models import SavedSearch

    search, _ = SavedSearch.objects.get_or_create(
        owner=x.users["recruiter"], name="Leaders in Germany", defaults={"criteria": {"countries": ["DE"]}}
    )
    return search


def invite_token(x: w.World):
    from vacancies.services import company_invite_token

    return (company_invite_token(x.extra["invite_x"]),)


def forged_invite_token(x: w.World):
    token = invite_token(x)[0]
    return (token[:-1] + ("A" if token[-1] != "A" else "B"),)


REQUESTS: dict[str, Ask] = {
    "home page / view GET": Ask(url("home")),
    "dashboard redirect / view GET": Ask(url("dashboard")),
    "vacancy board / list GET": Ask(url("vacancies:vacancy_list")),
    "vacancy feed / list GET": Ask(url("vacancies:feed")),
    "vacancy public page / view GET": Ask(
        url("vacancies:vacancy_detail", vacancy_x, "slug"), marker=w.X_PUBLISHED_TITLE
    ),
    "draft vacancy public page / view GET": Ask(url("vacancies:vacancy_detail", draft_x, "slug")),
    "match explanation on the vacancy page / view GET": Ask(
        url("vacancies:vacancy_detail", vacancy_x, "slug"), marker=w.A_REASON
    ),
    "candidate account (sign-up) / create GET": Ask(url("account_signup")),
    "employer account (sign-up) / create GET": Ask(url("employers:signup")),
    "candidate dashboard / view GET": Ask(url("accounts:dashboard"), marker=w.X_PUBLISHED_TITLE),
    "candidate profile / view GET": Ask(url("accounts:profile"), marker=w.A_HEADLINE),
    "candidate profile / edit POST": Ask(url("accounts:profile"), data=lambda x: w.profile_data(), may_change=(A,)),
    "profile CV / create POST": Ask(url("accounts:profile"), data=cv_upload, may_change=(A,)),
    "profile CV / download GET": Ask(url("accounts:cv_download"), marker=w.A_PROFILE_CV),
    "profile CV (recruiters' download) / download GET": Ask(
        url("candidate_cv", profile_a, "pk"), marker=w.A_PROFILE_CV
    ),
    "application / list GET": Ask(url("applications:application_list"), marker=w.X_PUBLISHED_TITLE),
    "application / view GET": Ask(url("applications:application_detail", application_a), marker=w.A_COVER),
    "application withdraw / view GET": Ask(
        url("applications:application_withdraw", application_a), marker=w.X_PUBLISHED_TITLE
    ),
    "application withdraw / delete POST": Ask(
        url("applications:application_withdraw", application_a), data=no_data, may_change=(A,)
    ),
    "application CV / download GET": Ask(url("vacancies:application_cv", application_a), marker=w.A_APPLICATION_CV),
    "application CV (in the browser) / view GET": Ask(
        url("vacancies:application_cv_view", application_a), marker=w.A_APPLICATION_CV
    ),
    "application feedback (for the agency) / create POST": Ask(
        url("employers:application_feedback", application_a), data=lambda x: {"body": "Strong."}, may_change=(X,)
    ),
    "application feedback (for the agency) / create GET": Ask(url("employers:application_feedback", application_a)),
    "application (apply form) / create GET": Ask(url("vacancies:apply", vacancy_x, "slug")),
    "application (apply) / create POST": Ask(
        url("vacancies:apply", vacancy_x, "slug"), data=lambda x: {"cv_source": "profile", "cover_letter": "Hi"}
    ),
    "application to a draft vacancy / create GET": Ask(url("vacancies:apply", draft_x, "slug")),
    "employer dashboard / list GET": Ask(url("employers:dashboard"), marker=w.X_DRAFT_TITLE),
    "draft vacancy (employer page) / view GET": Ask(url("employers:vacancy_detail", draft_x), marker=w.X_DRAFT_TITLE),
    "vacancy (employer page) / view GET": Ask(url("employers:vacancy_detail", vacancy_x), marker=w.X_PUBLISHED_TITLE),
    "vacancy editor / edit GET": Ask(url("employers:vacancy_edit", draft_x), marker=w.X_DRAFT_TITLE),
    "vacancy editor / edit POST": Ask(
        url("employers:vacancy_edit", draft_x), data=lambda x: w.vacancy_data(), may_change=(X,)
    ),
    "vacancy editor / create GET": Ask(url("employers:vacancy_create")),
    "vacancy editor / create POST": Ask(
        url("employers:vacancy_create"), data=lambda x: w.vacancy_data(), may_change=(X,)
    ),
    "vacancy status (submit) / edit POST": Ask(url("employers:vacancy_submit", draft_x), data=no_data, may_change=(X,)),
    "vacancy status (submit) / edit GET": Ask(url("employers:vacancy_submit", draft_x)),
    "vacancy status (close) / edit POST": Ask(
        url("employers:vacancy_close", vacancy_x),
        data=lambda x: {"reason": "filled", "hired": "elsewhere"},  # a close that goes through (X has applicants)
        may_change=(X,),
    ),
    "vacancy status (withdraw) / edit POST": Ask(
        url("employers:vacancy_withdraw", pending_x), data=no_data, may_change=(X,)
    ),
    "vacancy status (withdraw) / edit GET": Ask(url("employers:vacancy_withdraw", pending_x)),
    "vacancy copy (duplicate) / create POST": Ask(
        url("employers:vacancy_duplicate", lambda x: x.extra["closed_x"]), data=no_data, may_change=(X,)
    ),
    "vacancy changes (withdraw) / edit POST": Ask(
        url("employers:vacancy_revision_withdraw", vacancy_x), data=no_data, may_change=(X,)
    ),
    "vacancy changes (live vacancy editor) / edit GET": Ask(
        url("employers:vacancy_edit", vacancy_x), marker=w.X_REVISED_TITLE
    ),
    "applicants / list GET": Ask(url("employers:vacancy_applicants", vacancy_x), marker=w.A_LAST_NAME),
    "application stage (shortlist/decline) / edit POST": Ask(
        url("employers:application_move", application_a), data=lambda x: {"stage": "shortlisted"}, may_change=(X,)
    ),
    "application stage (shortlist/decline) / edit GET": Ask(url("employers:application_move", application_a)),
    "company / view GET": Ask(url("employers:company"), marker=w.X_COMPANY),
    "company / edit POST": Ask(url("employers:company"), data=lambda x: w.company_data(), may_change=(X,)),
    "company invite / create POST": Ask(
        url("employers:company_invite"), data=lambda x: {"email": "someone-new@example.com"}, may_change=(X,)
    ),
    "company invite / create GET": Ask(url("employers:company_invite")),
    "company invite (revoke) / edit POST": Ask(
        url("employers:company_invite_revoke", lambda x: x.extra["invite_x"]), data=no_data, may_change=(X,)
    ),
    "company member (remove) / delete POST": Ask(
        url("employers:company_member_remove", lambda x: x.extra["colleague_x"]), data=no_data, may_change=(X,)
    ),
    "company invitation link / view GET": Ask(url("employers:join", invite_token, "__iter__"), marker=w.X_COMPANY),
    "company invitation link (forged) / view GET": Ask(url("employers:join", forged_invite_token, "__iter__")),
    "match / list GET": Ask(url("matches:match_list"), marker=w.A_REASON),
    "my data / view GET": Ask(url("privacy:home"), marker=w.A_EMAIL),
    "my data (export) / download GET": Ask(url("privacy:export"), marker=w.A_EMAIL),
    "account (delete) / view GET": Ask(url("privacy:delete"), marker=w.A_EMAIL),
    "account (delete) / delete POST": Ask(
        url("privacy:delete"), data=lambda x: {"password": w.PASSWORD, "confirm": "on"}, may_change=(A,)
    ),
    # The signed token is the credential (mail clients POST without cookies): whoever holds A's link may
    # turn A's alerts off, and nothing else; a tampered token opens nothing.
    "unsubscribe link (A's token) / view GET": Ask(
        url("recruitment:unsubscribe", lambda x: x, "unsubscribe_token_a"), marker=w.A_MASKED_EMAIL
    ),
    "unsubscribe link (A's token) / edit POST": Ask(
        url("recruitment:unsubscribe", lambda x: x, "unsubscribe_token_a"),
        data=no_data,
        marker=w.A_MASKED_EMAIL,
        may_change=ROLES,
    ),
    "unsubscribe link (forged token) / view GET": Ask(url("recruitment:unsubscribe", lambda x: x, "forged_token")),
    "unsubscribe link (forged token) / edit POST": Ask(
        url("recruitment:unsubscribe", lambda x: x, "forged_token"), data=no_data
    ),
    # Introductions: X sees A's anonymised introduction (the pitch, never A's name: see
    # tests/recruitment/introductions/test_privacy.py); Y and everyone else get 404 or their role's 403.
    "introduction (client list) / list GET": Ask(url("employer_introductions:list"), marker=w.A_PITCH),
    "introduction (client page) / view GET": Ask(
        url("employer_introductions:detail", introduction_a), marker=w.A_PITCH
    ),
    "introduction (client answer) / edit POST": Ask(
        url("employer_introductions:detail", introduction_a), data=lambda x: {"answer": "reveal"}
    ),
    "introduction CV (anonymised) / download GET": Ask(url("employer_introductions:cv", introduction_a)),
    "introduction (candidate page) / view GET": Ask(url("my_introductions:detail", introduction_a), marker=w.A_PITCH),
    "introduction (candidate answer) / edit POST": Ask(
        url("my_introductions:detail", introduction_a), data=lambda x: {"answer": "accept"}
    ),
    # Like the unsubscribe link, the signed consent link is the credential: it shows A's question to whoever
    # holds it; this one is answered already, so a POST changes nothing.
    "introduction consent link (A's token) / view GET": Ask(
        url("introductions:consent", lambda x: x, "consent_token_a"), marker=w.A_PITCH
    ),
    "introduction consent link (A's token) / edit POST": Ask(
        url("introductions:consent", lambda x: x, "consent_token_a"), data=lambda x: {"answer": "accept"}
    ),
    "introduction consent link (forged token) / view GET": Ask(
        url("introductions:consent", lambda x: x, "forged_consent_token")
    ),
    "introduction consent link (forged token) / edit POST": Ask(
        url("introductions:consent", lambda x: x, "forged_consent_token"), data=lambda x: {"answer": "accept"}
    ),
    # Interviews: A's application to X's vacancy has three slots proposed.
    "interview (client list) / list GET": Ask(url("employer_interviews:list"), marker=w.A_LAST_NAME),
    "interview (client page) / view GET": Ask(url("employer_interviews:detail", interview_a), marker=w.A_LAST_NAME),
    "interview (client cancel) / edit POST": Ask(
        url("employer_interviews:detail", interview_a), data=lambda x: {"action": "cancel", "note": "Role paused"}
    ),
    "interview (client propose) / view GET": Ask(
        url("employer_interviews:propose", application_a), marker=w.A_LAST_NAME
    ),
    # A's application is at Applied: proposing is refused with the form (400), never a 5xx.
    "interview (client propose) / create POST": Ask(
        url("employer_interviews:propose", application_a),
        data=lambda x: {
            "slot_1": (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00"),
            "time_zone": "Europe/London",
            "round": "first",
            "duration_minutes": "60",
            "video_url": "https://meet.example.com/b",
        },
    ),
    "interview calendar (client, not confirmed) / download GET": Ask(url("employer_interviews:calendar", interview_a)),
    "interview (candidate page) / view GET": Ask(url("my_interviews:detail", interview_a), marker=w.X_PUBLISHED_TITLE),
    "interview (candidate pick) / edit POST": Ask(
        url("my_interviews:detail", interview_a), data=lambda x: {"action": "pick", "slot": x.slot_a.pk}
    ),
    "interview calendar (candidate, not confirmed) / download GET": Ask(url("my_interviews:calendar", interview_a)),
    "interview pick link (A's token) / view GET": Ask(
        url("interviews:pick", lambda x: x, "interview_token_a"), marker=w.X_PUBLISHED_TITLE
    ),
    "interview pick link (A's token) / edit POST": Ask(
        url("interviews:pick", lambda x: x, "interview_token_a"), data=lambda x: {"action": "pick", "slot": x.slot_a.pk}
    ),
    "interview pick link (forged token) / view GET": Ask(url("interviews:pick", lambda x: x, "forged_interview_token")),
    "interview pick link (forged token) / edit POST": Ask(
        url("interviews:pick", lambda x: x, "forged_interview_token"), data=lambda x: {"action": "pick", "slot": "1"}
    ),
    "admin interview (propose) / view GET": Ask(url("admin:recruitment_interview_propose", application_a)),
    # A's application is at Applied: proposing is refused with the form (400).
    "admin interview (propose) / create POST": Ask(
        url("admin:recruitment_interview_propose", application_a),
        data=lambda x: {
            "slot_1": (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00"),
            "time_zone": "Europe/London",
            "round": "first",
            "duration_minutes": "60",
            "video_url": "https://meet.example.com/c",
        },
    ),
    "admin interview (cancel) / edit POST": Ask(
        url("admin:recruitment_interview_act", lambda x: (x.interview_a.pk, "cancel"), "__iter__"),
        data=lambda x: {"note": "Role paused"},
    ),
    "admin interview (cancel) / edit GET": Ask(
        url("admin:recruitment_interview_act", lambda x: (x.interview_a.pk, "cancel"), "__iter__")
    ),
    "time zone setting / view GET": Ask(url("account_settings:time_zone")),
    "time zone setting / edit POST": Ask(
        url("account_settings:time_zone"), data=lambda x: {"time_zone": "Asia/Tokyo"}, may_change=(A,)
    ),
    "admin introduce (candidate to client) / view GET": Ask(
        url("admin:recruitment_introduction_new", lambda x: (x.profile_a.pk, x.vacancy_y.pk), "__iter__"),
        marker=w.A_LAST_NAME,
    ),
    "admin introduce (candidate to client) / create POST": Ask(
        url("admin:recruitment_introduction_new", lambda x: (x.profile_a.pk, x.vacancy_y.pk), "__iter__"),
        data=lambda x: {"pitch": "A strong product leader.", "presentation": "full", "ask_now": "on"},
    ),
    "admin introduction (ask the candidate) / edit POST": Ask(
        url("admin:recruitment_introduction_ask", introduction_a), data=no_data
    ),
    "admin introduction (withdraw) / edit POST": Ask(
        url("admin:recruitment_introduction_withdraw", introduction_a), data=lambda x: {"note": "Role paused."}
    ),
    "admin introduction (withdraw) / edit GET": Ask(url("admin:recruitment_introduction_withdraw", introduction_a)),
    # Placements: X sees its own (with the fee and the invoice), Y none; recruiters act on the record.
    "placement (client list) / list GET": Ask(url("employer_placements:list"), marker=w.X_FEE_SHOWN),
    "admin placement (salary and start) / edit POST": Ask(
        url("admin:recruitment_placement_details", placement_a),
        data=lambda x: {"start_date": today_iso(x), "base_salary": "300000", "currency": "GBP"},
        may_change=("recruiter", "superuser"),
    ),
    "admin placement (invoice) / edit POST": Ask(
        url("admin:recruitment_placement_invoice", placement_a),
        data=lambda x: {"number": "NS-9431", "invoiced_on": today_iso(x)},
        may_change=("recruiter", "superuser"),
    ),
    "admin placement (invoice) / edit GET": Ask(url("admin:recruitment_placement_invoice", placement_a)),
    "admin placement (paid) / edit POST": Ask(
        url("admin:recruitment_placement_paid", placement_a), data=lambda x: {"paid_on": today_iso(x)}
    ),
    "admin placement (back on the market) / edit POST": Ask(
        url("admin:recruitment_placement_back_on", placement_a),
        data=lambda x: {"on": today_iso(x)},
        may_change=("recruiter", "superuser"),
    ),
    "admin placement (fall through) / edit POST": Ask(
        url("admin:recruitment_placement_fall_through", placement_a),
        data=lambda x: {"on": today_iso(x), "resolution": "refund"},
        may_change=("recruiter", "superuser"),
    ),
    "admin reports / view GET": Ask(url("admin:reports"), marker=w.X_COMPANY),
    "admin reports (revenue CSV) / download GET": Ask(
        query_url("admin:reports", query="export=client"), marker=w.X_COMPANY
    ),
    "admin / view GET": Ask(url("admin:index")),
    "admin pipeline / view GET": Ask(url("admin:pipeline")),
    "admin match explanation (vacancy page) / view GET": Ask(
        url("admin:vacancies_vacancy_change", vacancy_x), marker=w.A_REASON
    ),
    "admin match explanation (candidate page) / view GET": Ask(
        url("admin:accounts_candidateprofile_change", lambda x: x.profile_a), marker=w.A_REASON
    ),
    "admin vacancy matches (recompute) / edit POST": Ask(
        url("admin:vacancies_vacancy_recompute", vacancy_x), data=no_data, may_change=("recruiter", "superuser")
    ),
    "admin vacancy matches (recompute) / edit GET": Ask(url("admin:vacancies_vacancy_recompute", vacancy_x)),
    "admin vacancy review (publish) / edit POST": Ask(
        url("admin:vacancies_vacancy_publish", pending_x), data=no_data, may_change=("recruiter", "superuser")
    ),
    "admin vacancy review (publish) / edit GET": Ask(url("admin:vacancies_vacancy_publish", pending_x)),
    "admin vacancy review (reject) / view GET": Ask(
        url("admin:vacancies_vacancy_reject", pending_x), marker=w.X_PENDING_TITLE
    ),
    "admin vacancy review (reject) / edit POST": Ask(
        url("admin:vacancies_vacancy_reject", pending_x),
        data=lambda x: {"reason": "Add the salary currency."},
        may_change=("recruiter", "superuser"),
    ),
    "admin vacancy close / view GET": Ask(url("admin:vacancies_vacancy_close", vacancy_x), marker=w.X_PUBLISHED_TITLE),
    "admin vacancy close / edit POST": Ask(
        url("admin:vacancies_vacancy_close", vacancy_x),
        data=lambda x: {"reason": "withdrawn", "note": "The client paused the search."},
        may_change=("recruiter", "superuser"),
    ),
    "admin vacancy preview (draft) / view GET": Ask(
        url("admin:vacancies_vacancy_preview", draft_x), marker=w.X_DRAFT_TITLE
    ),
    "admin vacancy page (fields and skills) / edit POST": Ask(
        url("admin:vacancies_vacancy_change", draft_x),
        data=lambda x: w.workspace_vacancy_data(x.draft_x, title="Saved in the workspace"),
        may_change=("recruiter", "superuser"),
    ),
    "admin vacancy changes (publish) / edit POST": Ask(
        url("admin:vacancies_vacancy_revision_publish", vacancy_x), data=no_data, may_change=("recruiter", "superuser")
    ),
    "admin vacancy changes (publish) / edit GET": Ask(url("admin:vacancies_vacancy_revision_publish", vacancy_x)),
    "admin vacancy changes (reject) / view GET": Ask(
        url("admin:vacancies_vacancy_revision_reject", vacancy_x), marker=w.X_REVISED_TITLE
    ),
    "admin vacancy changes (reject) / edit POST": Ask(
        url("admin:vacancies_vacancy_revision_reject", vacancy_x),
        data=lambda x: {"reason": "Keep the title."},
        may_change=("recruiter", "superuser"),
    ),
    "admin application stage (move) / edit POST": Ask(
        url("admin:vacancies_application_move", application_a),
        data=lambda x: {"stage": "screening", "note": "Called her."},
        may_change=("recruiter", "superuser"),
    ),
    "admin application stage (move) / edit GET": Ask(url("admin:vacancies_application_move", application_a)),
    "admin application note (in place) / create POST": Ask(
        url("admin:vacancies_application_note", application_a), data=lambda x: {"body": "Strong references."}
    ),
    "admin candidate invite (to apply) / view GET": Ask(
        url("admin:accounts_candidateprofile_invite", lambda x: (x.profile_a.pk, x.vacancy_y.pk), "__iter__"),
        marker=w.A_LAST_NAME,
    ),
    "admin candidate invite (to apply) / create POST": Ask(
        url("admin:accounts_candidateprofile_invite", lambda x: (x.profile_a.pk, x.vacancy_y.pk), "__iter__"),
        data=lambda x: {"message": "Worth a look."},
    ),
    "admin candidate contact log / create POST": Ask(
        url("admin:accounts_candidateprofile_contact", profile_a), data=lambda x: {"kind": "call", "summary": "Rang"}
    ),
    "admin candidate contact log / create GET": Ask(url("admin:accounts_candidateprofile_contact", profile_a)),
    # The candidate search: A (in Germany) is among the results; saving keeps the search in the query
    # string. A saved search is its owner's only: the superuser asking for the recruiter's gets a 404.
    "admin candidate search / view GET": Ask(
        query_url("admin:accounts_candidateprofile_search", query="countries=DE"), marker=w.A_HEADLINE
    ),
    "admin candidate search (save) / create POST": Ask(
        query_url("admin:accounts_candidateprofile_search_save", query="countries=DE"),
        data=lambda x: {"name": "Leaders in Germany"},
    ),
    "admin candidate search (save) / create GET": Ask(url("admin:accounts_candidateprofile_search_save")),
    "admin saved search (run) / view POST": Ask(
        url("admin:accounts_candidateprofile_saved_search_run", recruiters_saved_search), data=no_data
    ),
    "admin saved search (run) / view GET": Ask(
        url("admin:accounts_candidateprofile_saved_search_run", recruiters_saved_search)
    ),
    "admin saved search / delete POST": Ask(
        url("admin:accounts_candidateprofile_saved_search_delete", recruiters_saved_search), data=no_data
    ),
    "admin saved search / delete GET": Ask(
        url("admin:accounts_candidateprofile_saved_search_delete", recruiters_saved_search)
    ),
    "admin vacancy ranked candidates / view GET": Ask(
        url("admin:vacancies_vacancy_ranked", vacancy_x), marker=w.A_REASON
    ),
    "admin vacancy ranked candidates / edit POST": Ask(url("admin:vacancies_vacancy_ranked", vacancy_x), data=no_data),
    # A is ranked for Y's vacancy and has not applied: the GET shows who would be invited, the POST invites.
    "admin vacancy ranked (bulk invite) / view GET": Ask(
        url_with_query(
            "admin:vacancies_vacancy_ranked_action", lambda x: (x.vacancy_y.pk, "invite"), "__iter__", ranked_selection
        ),
        marker=w.A_LAST_NAME,
    ),
    "admin vacancy ranked (bulk invite) / create POST": Ask(
        url("admin:vacancies_vacancy_ranked_action", lambda x: (x.vacancy_y.pk, "invite"), "__iter__"),
        data=lambda x: {**ranked_selection(x), "message": "Worth a look."},
        may_change=("recruiter", "superuser"),
    ),
}

# The admin rows are asked for by convention: "admin <app>.<model> / <verb> GET" opens the model's
# changelist (list), A's or X's object (view, history, delete, password) or the add form (create).
# model -> (A's or X's object, what its changelist shows of A/X, what its change page shows).
Marker = str | bytes | None
ADMIN_OBJECTS: dict[str, tuple[Callable[[w.World], Any] | None, Marker, Marker]] = {
    "accounts.user": (lambda x: x.cand_a, w.A_EMAIL, w.A_EMAIL),
    "accounts.candidateprofile": (lambda x: x.profile_a, w.A_HEADLINE, w.A_HEADLINE),
    "accounts.rolefamily": (None, None, None),
    "accounts.skill": (None, None, None),
    "accounts.industry": (None, None, None),
    "vacancies.company": (lambda x: x.company_x, w.X_COMPANY, w.X_COMPANY),
    "vacancies.vacancy": (vacancy_x, w.X_PUBLISHED_TITLE, w.X_PUBLISHED_TITLE),
    "vacancies.companyjoinrequest": (lambda x: x.extra["join_request_x"], w.X_COMPANY, w.X_COMPANY),
    "vacancies.companyinvite": (lambda x: x.extra["invite_x"], "invitee-9431", "invitee-9431"),
    "vacancies.application": (application_a, w.A_LAST_NAME, w.A_COVER),
    "recruitment.match": (lambda x: x.match_a, w.A_LAST_NAME, w.A_REASON),
    "recruitment.notification": (lambda x: x.notification_a, w.A_EMAIL, w.A_EMAIL),
    "recruitment.recruiternote": (None, None, None),
    "recruitment.introduction": (introduction_a, w.A_LAST_NAME, w.A_PITCH),
    "recruitment.pendingoutcome": (None, None, None),
    "recruitment.interview": (interview_a, w.A_LAST_NAME, w.A_LAST_NAME),
    "recruitment.placement": (placement_a, w.A_LAST_NAME, w.A_LAST_NAME),
    "auth.group": (None, None, None),
    "sites.site": (None, None, None),
    "account.emailaddress": (None, None, None),
}
ADMIN_VIEWS = {"list": "changelist", "view": "change", "history": "history", "create": "add", "delete": "delete"}


def admin_ask(label: str, verb: str) -> Ask:
    app_label, model = label.split(".")
    obj, list_marker, change_marker = ADMIN_OBJECTS[label]
    if verb == "password":
        return Ask(url("admin:auth_user_password_change", obj))
    view = ADMIN_VIEWS[verb]
    needs_object = view in {"change", "history", "delete"}
    marker = {"changelist": list_marker, "change": change_marker}.get(view)
    return Ask(url(f"admin:{app_label}_{model}_{view}", obj if needs_object else None), marker=marker)


@dataclass(frozen=True)
class Row:
    label: str
    method: str
    ask: Ask
    expect: tuple[str, ...]


def parse_table(table: str) -> list[Row]:
    rows = []
    for line in table.strip().splitlines()[2:]:
        label, *outcomes = (cell.strip() for cell in line.split("|"))
        assert len(outcomes) == len(ROLES), line
        method = label.rsplit(" ", 1)[1]
        if label in REQUESTS:
            ask = REQUESTS[label]
        else:
            assert label.startswith("admin "), f"no REQUESTS entry for {label!r}"
            model_label, verb = label.removeprefix("admin ").removesuffix(f" {method}").split(" / ")
            ask = admin_ask(model_label, verb)
        rows.append(Row(label, method, ask, tuple(outcomes)))
    return rows


ROWS = parse_table(EXPECTED)


# --- Running one cell -----------------------------------------------------------------------


def snapshot(world: w.World) -> dict:
    """Everything A and X own, as plain values (with their many-to-many links and whether their CV files
    are still on disk)."""
    from accounts.models import CandidateProfile, User
    from recruitment.models import Match, Notification, Placement
    from vacancies.models import (
        Application,
        ApplicationFeedback,
        ApplicationStageChange,
        Company,
        CompanyInvite,
        CompanyJoinRequest,
        EmployerProfile,
        Vacancy,
        VacancyRevision,
        VacancyStatusChange,
    )

    def rows(queryset):
        return list(queryset.order_by("pk").values())

    def links(manager, **filters):
        return list(manager.through.objects.filter(**filters).order_by("pk").values_list())

    profile_id, company_id = world.profile_a.pk, world.company_x.pk
    profile = CandidateProfile.objects.filter(pk=profile_id).first()
    application = Application.objects.filter(pk=world.application_a.pk).first()
    return {
        # Logging in stamps last_login; that is not a change to A's data.
        "user": [row | {"last_login": None} for row in rows(User.objects.filter(pk=world.cand_a.pk))],
        "profile": rows(CandidateProfile.objects.filter(pk=profile_id)),
        "profile links": [
            links(CandidateProfile.role_families, candidateprofile_id=profile_id),
            links(CandidateProfile.skills, candidateprofile_id=profile_id),
            links(CandidateProfile.industries, candidateprofile_id=profile_id),
        ],
        "profile CV file": bool(profile and profile.cv and profile.cv.storage.exists(profile.cv.name)),
        "application": rows(Application.objects.filter(pk=world.application_a.pk)),
        "application CV file": bool(
            application and application.cv and application.cv.storage.exists(application.cv.name)
        ),
        "employer feedback": rows(ApplicationFeedback.objects.filter(application_id=world.application_a.pk)),
        "stage changes": rows(ApplicationStageChange.objects.filter(application_id=world.application_a.pk)),
        "company": rows(Company.objects.filter(pk=company_id)),
        "team": rows(EmployerProfile.objects.filter(company_id=company_id)),
        "invitations": rows(CompanyInvite.objects.filter(company_id=company_id)),
        "requests to join": rows(CompanyJoinRequest.objects.filter(company_id=company_id)),
        "vacancy revisions": rows(VacancyRevision.objects.filter(vacancy__company_id=company_id)),
        "vacancies": rows(Vacancy.objects.filter(company_id=company_id)),
        "vacancy skills": [
            links(Vacancy.required_skills, vacancy__company_id=company_id),
            links(Vacancy.nice_to_have_skills, vacancy__company_id=company_id),
        ],
        "status changes": rows(VacancyStatusChange.objects.filter(vacancy__company_id=company_id)),
        "match": rows(Match.objects.filter(pk=world.match_a.pk)),
        "notification": rows(Notification.objects.filter(pk=world.notification_a.pk)),
        "placement": rows(Placement.objects.filter(pk=world.extra["placement_a"].pk)),
    }


def classify(client, response, marker: str | bytes | None) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target == reverse("admin:login"):
            # The admin sends outsiders to its login, which is allauth's login or a 403.
            return classify(client, client.get(response["Location"]), marker)
        return "login" if target == w.login_url() else "302"
    if status == 200 and marker is not None:
        needle = marker if isinstance(marker, bytes) else marker.encode()
        return "200" if needle in w.response_bytes(response) else "own"
    return str(status)


# One client for the whole table (building a client's middleware chain is the slow part of a request);
# a crash is an outcome (500), not an abort.
CLIENT = Client(raise_request_exception=False)


def run_cell(world: w.World, access_row: Row, role: str, before: dict) -> tuple[list[str], str]:
    """Send the row's request as `role`; returns (problems, address). Rolled back afterwards, so every
    role starts from the same `before` snapshot."""
    client = CLIENT
    client.cookies.clear()
    cache.clear()  # rate limits and the board cache start empty for every role
    ask = access_row.ask
    with transaction.atomic():
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        address = ask.url(world)
        if access_row.method == "GET":
            response = client.get(address)
        else:
            response = client.post(address, ask.data(world) if ask.data else {})
        actual = classify(client, response, ask.marker)
        changed = sorted(key for key, value in snapshot(world).items() if before[key] != value)
        transaction.set_rollback(True)
    expected = access_row.expect[ROLES.index(role)]
    problems = []
    if actual != expected:
        problems.append(f"expected {expected}, got {actual} (HTTP {response.status_code})")
    if changed and role not in ask.may_change:
        problems.append(f"changed A's/X's data: {', '.join(changed)}")
    return problems, address


def table_param(access_row: Row):
    return pytest.param(access_row, id=access_row.label.replace(" / ", "-").replace(" ", "_"))


@pytest.mark.parametrize("access_row", [table_param(r) for r in ROWS])
def test_access_matrix(access_row: Row):
    """One row of the table (an object and a verb) for all seven roles."""
    world = w.build_world()
    before = snapshot(world)
    table = []
    for role in ROLES:
        problems, address = run_cell(world, access_row, role, before)
        count(SUITE, "cells checked")
        count(SUITE, "mismatches", 0)
        if problems:
            count(SUITE, "mismatches")
            line = f"{access_row.label:<52} {role:<12} {address:<42} {'; '.join(problems)}"
            DETAILS[SUITE].append(line)
            table.append(line)
    if table:
        header = f"{'row':<52} {'role':<12} {'url':<42} what differed"
        pytest.fail("access matrix mismatches\n" + "\n".join([header, *table]), pytrace=False)


# --- The table covers the whole site ---------------------------------------------------------


def test_every_admin_model_has_a_changelist_row():
    """A model added to the admin must get rows in EXPECTED (and so be checked for every role)."""
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    in_table = {r.label.split()[1] for r in ROWS if r.label.startswith("admin ") and " / list " in r.label}
    assert registered == in_table == set(ADMIN_OBJECTS)


def test_every_page_of_the_site_is_in_the_matrix():
    """Every named page outside the admin and allauth's account pages is asked for by some row, so a new
    view can't be left out of the matrix."""

    def names(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from names(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    # allauth's own pages act on the logged-in person only (login, password, email); healthz and the
    # sitemaps hold no one's data (test_health covers healthz). The admin's model pages are covered by
    # the admin rows (see the test above); its own extra pages must have rows here.
    not_object_pages = {"healthz", "sitemap", "sitemap_section"}
    admin_standard = re.compile(
        r"^admin:(index|login|logout|password_change|password_change_done|autocomplete|jsi18n|view_on_site|"
        r"app_list|auth_user_password_change|\w+_(changelist|add|change|delete|history))$"
    )
    site = {
        name
        for name in names(get_resolver().url_patterns)
        if not name.startswith("account_") and name not in not_object_pages and not admin_standard.match(name)
    }
    covered = {r.ask.url.name for r in ROWS}
    assert site - covered == set()


def test_every_request_is_in_the_table():
    assert set(REQUESTS) <= {r.label for r in ROWS}


def test_the_matrix_notices_a_change_and_a_wrong_outcome():
    """The checks can fail: a change by a role not allowed to make it, and an outcome other than expected."""
    world = w.build_world()
    before = snapshot(world)
    edit = REQUESTS["candidate profile / edit POST"]
    strict = Row("profile edit with nobody allowed to change", "POST", Ask(edit.url, data=edit.data), ("302",) * 7)
    problems, _address = run_cell(world, strict, "candidate_A", before)
    assert problems == ["changed A's/X's data: profile, profile links, user"]
    wrong = Row("profile page expected to be refused", "GET", REQUESTS["candidate profile / view GET"], ("404",) * 7)
    problems, _address = run_cell(world, wrong, "candidate_A", before)
    assert problems == ["expected 404, got 200 (HTTP 200)"]
