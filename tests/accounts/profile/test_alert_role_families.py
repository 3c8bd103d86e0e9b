"""Which role families alert a candidate: the agency's (shown on the profile form) plus the target roles they
opt in to; bad input is refused and nothing is saved."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import CandidateProfile, RoleFamily
from tests import factories
from tests.accounts.profile.test_profile import profile_data

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def family(slug):
    return factories.role_family(slug)


@pytest.fixture
def candidate_profile():
    user = factories.UserFactory(role="candidate", first_name="Ada", last_name="Lovelace")
    return CandidateProfile.objects.create(user=user)


def test_the_form_says_which_roles_alert_and_offers_the_others(client, candidate_profile):
    client.force_login(candidate_profile.user)
    response = client.get(PROFILE_URL)
    page = response.content.decode()
    assert "Alerts cover Chief Product Officer and Head of Product openings" in page
    offered = {f.slug for f in response.context["form"].fields["extra_alert_role_families"].queryset}
    assert "vp-product" in offered
    assert "director-of-product" in offered
    assert "chief-product-officer" not in offered
    assert "Also alert me for these roles" in page


def test_a_candidate_opts_in_to_vp_alerts(client, candidate_profile):
    client.force_login(candidate_profile.user)
    response = client.post(
        PROFILE_URL, profile_data(candidate_profile, extra_alert_role_families=[family("vp-product").pk])
    )
    assert response.status_code == 302
    assert list(candidate_profile.extra_alert_role_families.all()) == [family("vp-product")]
    form = client.get(PROFILE_URL).context["form"]
    assert form.initial["extra_alert_role_families"] == [family("vp-product")]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["director-of-product"], "Pick only roles you are looking for"),
        (["chief-product-officer"], "valid choice"),
        ([987654], "valid choice"),
        (["not-a-number"], "valid value"),
    ],
    ids=["not-a-target", "alerted-anyway", "unknown-id", "garbage"],
)
def test_bad_opt_ins_are_refused_and_nothing_is_saved(client, candidate_profile, extra, message):
    client.force_login(candidate_profile.user)
    slugs = set(RoleFamily.objects.values_list("slug", flat=True))
    values = [family(v).pk if v in slugs else v for v in extra]
    response = client.post(PROFILE_URL, profile_data(candidate_profile, extra_alert_role_families=values))
    assert response.status_code == 400
    errors = response.context["form"].errors["extra_alert_role_families"]
    assert any(message in error for error in errors), errors
    candidate_profile.refresh_from_db()
    assert not candidate_profile.extra_alert_role_families.exists()
    assert candidate_profile.headline == ""


def test_dropping_a_target_role_drops_its_opt_in():
    profile = factories.CandidateProfileFactory()
    profile.role_families.set([family("vp-product")])
    services.candidate_profile_update(
        profile=profile, by=profile.user, data={}, extra_alert_role_families=[family("vp-product")]
    )
    assert list(profile.extra_alert_role_families.all()) == [family("vp-product")]
    services.candidate_profile_update(
        profile=profile, by=profile.user, data={}, m2m={"role_families": [family("head-of-product")]}
    )
    assert not profile.extra_alert_role_families.exists()


def test_the_service_never_stores_the_agency_families_or_non_targets():
    profile = factories.CandidateProfileFactory()
    profile.role_families.set(RoleFamily.objects.filter(slug__in=["chief-product-officer", "vp-product"]))
    services.candidate_profile_update(
        profile=profile,
        by=profile.user,
        data={},
        extra_alert_role_families=[
            family("chief-product-officer"),
            family("vp-product"),
            family("director-of-product"),
        ],
    )
    assert list(profile.extra_alert_role_families.all()) == [family("vp-product")]
