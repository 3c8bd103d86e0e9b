"""Property-based fuzzing of the placement pages: the revenue reports' period and export, and every form of a
placement's workspace page. Same properties as tests/security/test_fuzz.py: never a 5xx, no markup from the
input unescaped, no off-site redirect."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.security.test_fuzz import check, examples, world  # noqa: F401
from tests.security.test_fuzz_workspace import overrides

pytestmark = [pytest.mark.django_db]

SUITE = "fuzzing the placements"
FORMS = {
    "details": ["start_date", "base_salary", "currency"],
    "invoice": ["number", "invoiced_on"],
    "paid": ["paid_on"],
    "fall_through": ["on", "resolution", "note"],
}


@examples(60)
@given(params=overrides(["start", "end", "export"]))
def test_fuzz_reports_period_and_export(world, params):  # noqa: F811 - the world fixture
    check("reports period", world.users["recruiter"], "GET", reverse("admin:reports"), params, suite=SUITE)


@examples(60)
@given(action=st.sampled_from(sorted(FORMS)), data=st.data())
def test_fuzz_placement_forms(world, action, data):  # noqa: F811 - the world fixture
    params = data.draw(overrides(FORMS[action]))
    address = reverse(f"admin:recruitment_placement_{action}", args=[world.extra["placement_a"].pk])
    check("placement forms", world.users["recruiter"], "POST", address, params, suite=SUITE)
