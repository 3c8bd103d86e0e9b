"""The LinkedIn address on a profile: only a real profile address is kept, rebuilt in one canonical form,
and nothing a browser would resolve to another host than Python's URL parser does (the admin shows it
as a link)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import CandidateProfile
from accounts.validators import canonical_linkedin_url
from tests import factories
from tests.accounts.profile.test_profile import profile_data

CANONICAL = "https://www.linkedin.com/in/ada-lovelace/"


@pytest.mark.parametrize(
    "value",
    [
        "https://www.linkedin.com/in/ada-lovelace",
        "https://www.linkedin.com/in/ada-lovelace/",
        "http://www.linkedin.com/in/ada-lovelace",
        "HTTPS://WWW.LINKEDIN.COM/in/ada-lovelace",
        "https://linkedin.com/in/ada-lovelace",
        "https://uk.linkedin.com/in/ada-lovelace",
        "www.linkedin.com/in/ada-lovelace",
        "linkedin.com/in/ada-lovelace/",
        "https://www.linkedin.com:443/in/ada-lovelace",
        "http://www.linkedin.com:80/in/ada-lovelace",
        "https://www.linkedin.com/in/ada-lovelace?trk=public_profile#about",
        "  https://www.linkedin.com/in/ada-lovelace  ",
        "https://www.linkedin.com/in/ada%2Dlovelace",
    ],
)
def test_real_profile_addresses_are_kept_in_the_canonical_form(value):
    assert canonical_linkedin_url(value) == CANONICAL


def test_a_slug_in_another_script_is_kept_percent_encoded():
    assert canonical_linkedin_url("https://www.linkedin.com/in/josé-garcía") == (
        "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/"
    )


PARSER_CONFUSION = [
    "https://evil.example\\@www.linkedin.com/in/x",  # urlsplit: linkedin; browsers: evil.example
    "https://evil.example\\\\@www.linkedin.com/in/ada",
    "https:\\\\evil.example\\www.linkedin.com/in/ada",
    "https://evil.example@www.linkedin.com/in/ada",
    "https://www.linkedin.com@evil.example/in/ada",
    "https://user:pass@www.linkedin.com/in/ada",
    "https://www.linkedin.com%40evil.example/in/ada",
    "https://evil.example#@www.linkedin.com/in/ada",
    "https://evil.example?@www.linkedin.com/in/ada",
    "https://evil.example/\\@www.linkedin.com/in/ada",
    "https://www.linked\tin.com/in/ada",  # tab: dropped by both parsers, refused here
    "https://www.linkedin.com\n.evil.example/in/ada",
    "https://www.linkedin.com\r/in/ada",
    "https://www.linkedin.com/in/ada\x00",
    "https://www.linkedin.com/in/a da",
    "https://www.linkedin.com/in/ada\u200b",  # zero-width space
    "https://www.linkedin.com/in/\u202eada",  # right-to-left override
    "https://www.linkedin.com:8443/in/ada",
    "https://www.linkedin.com:443@evil.example/in/ada",
    "https://www.linkedin.com:/in/ada:1",
    "https:/www.linkedin.com/in/ada",  # browsers read one slash as two
    "https:www.linkedin.com/in/ada",
    "//www.linkedin.com/in/ada",
    "https://www.linkedin.com./in/ada",
    "https://www.linkedin.com.evil.example/in/ada",
    "https://evil.example/www.linkedin.com/in/ada",
    "https://evillinkedin.com/in/ada",
    "https://www.l\u0456nkedin.com/in/ada",  # Cyrillic i
    "https://xn--www-linkedin-com.example/in/ada",
    "https://www.linked%69n.com/in/ada",
    "https://[::1]/in/ada",
    "https://0x7f000001/in/ada",
    "javascript://www.linkedin.com/%0aalert(1)",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://www.linkedin.com/in/ada",
    "https://www.linkedin.com/in/../../evil",
    "https://www.linkedin.com/in/ada/../../redirect?url=https://evil.example",
    "https://www.linkedin.com/in/%2e%2e",
    "https://www.linkedin.com/in/ada%2Fevil",
    "https://www.linkedin.com/in/ada%5C@evil.example",
    "https://www.linkedin.com/in/ada%zz",
    "https://www.linkedin.com/in/%ff%fe",
    "https://www.linkedin.com/company/evil",
    "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fevil.example",
    "https://www.linkedin.com//in/ada",
    "https://www.linkedin.com/in/",
    "https://www.linkedin.com/in/ab",
    "https://www.linkedin.com/in/" + "a" * 101,
    "not a url",
]


@pytest.mark.parametrize("value", PARSER_CONFUSION)
def test_addresses_a_browser_could_read_differently_are_refused(value):
    with pytest.raises(ValidationError):
        canonical_linkedin_url(value)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(max_size=12),
    slug=st.text(max_size=20),
    suffix=st.text(max_size=12),
)
def test_whatever_is_accepted_is_exactly_the_canonical_form(prefix, slug, suffix):
    """Fuzz: any input either fails with a ValidationError or comes back as https://www.linkedin.com/in/<slug>/
    with a slug of letters, digits, '-', '_' and percent escapes only (so every parser reads the same host)."""
    for value in (f"{prefix}https://www.linkedin.com/in/{slug}{suffix}", f"https://{prefix}linkedin.com/in/{slug}"):
        try:
            result = canonical_linkedin_url(value)
        except ValidationError:
            continue
        assert result.startswith("https://www.linkedin.com/in/")
        assert result.endswith("/")
        tail = result.removeprefix("https://www.linkedin.com/in/")[:-1]
        assert tail
        assert all(ch.isascii() and (ch.isalnum() or ch in "-_%") for ch in tail)


# --- Through the profile page, and in the model --------------------------------------------------------


@pytest.mark.django_db
def test_the_backslash_userinfo_address_is_refused_on_the_profile_page(client, candidate):
    profile = candidate.candidate_profile
    client.force_login(candidate)
    attack = "https://evil.example\\@www.linkedin.com/in/x"
    response = client.post(reverse("accounts:profile"), profile_data(profile, linkedin_url=attack))
    assert response.status_code == 400  # the form again, with the field's error
    assert "without spaces, backslashes" in response.content.decode()
    assert CandidateProfile.objects.get(pk=profile.pk).linkedin_url != attack


@pytest.mark.django_db
def test_the_profile_page_stores_the_canonical_address(client, candidate):
    profile = candidate.candidate_profile
    client.force_login(candidate)
    data = profile_data(profile, linkedin_url="HTTP://linkedin.com:80/in/ada-lovelace?trk=x")
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    assert CandidateProfile.objects.get(pk=profile.pk).linkedin_url == CANONICAL


@pytest.mark.django_db
def test_the_model_refuses_a_confusing_address_from_any_form(candidate):
    """The workspace's profile form is a ModelForm: the model field's validator guards it."""
    profile = candidate.candidate_profile
    profile.linkedin_url = "https://evil.example\\@www.linkedin.com/in/x"
    with pytest.raises(ValidationError) as exc:
        profile.full_clean()
    assert "linkedin_url" in exc.value.message_dict


@pytest.mark.django_db
def test_the_migration_rebuilds_stored_addresses_and_clears_confusing_ones(candidate):
    migration = import_module("accounts.migrations.0004_linkedin_url_canonical")
    good = candidate.candidate_profile
    CandidateProfile.objects.filter(pk=good.pk).update(linkedin_url="https://linkedin.com/in/ada-lovelace")
    bad = factories.CandidateUserFactory().candidate_profile
    CandidateProfile.objects.filter(pk=bad.pk).update(linkedin_url="https://evil.example\\@www.linkedin.com/in/x")
    migration.canonicalise_linkedin_urls(apps, None)
    assert CandidateProfile.objects.get(pk=good.pk).linkedin_url == CANONICAL
    assert CandidateProfile.objects.get(pk=bad.pk).linkedin_url == ""
