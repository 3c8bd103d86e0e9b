"""The candidate admin: search, filters, the candidate page (applications, matches, notes, CV)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import CandidateProfile
from recruitment.models import RecruiterNote
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:accounts_candidateprofile_changelist"


def profile(**kwargs):
    user_kwargs = {k[5:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("user_")}
    families = kwargs.pop("families", [])
    skill_slugs = kwargs.pop("skills", [])
    industries = kwargs.pop("industries", [])
    result = factories.CandidateProfileFactory(user=factories.UserFactory(**user_kwargs), **kwargs)
    result.role_families.set([factories.role_family(s) for s in families])
    result.skills.set(factories.skills(*skill_slugs))
    result.industries.set([factories.industry(s) for s in industries])
    return result


def results(client, **query):
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_search_by_name_email_headline_and_skill(client, recruiter):
    ada = profile(user_first_name="Ada", user_last_name="Quist", headline="Payments CPO", skills=["pl-ownership"])
    bob = profile(user_first_name="Bob", user_email="bob@brightpay.example", headline="Growth lead")
    client.force_login(recruiter)
    assert results(client, q="quist") == {ada}
    assert results(client, q="brightpay") == {bob}
    assert results(client, q="payments cpo") == {ada}
    assert results(client, q="P&L ownership") == {ada}


def test_filters(client, recruiter):
    cpo = profile(
        years_experience=16,
        seniority="executive",
        families=["chief-product-officer"],
        industries=["healthcare"],
        remote_preference="remote",
    )
    gpm = profile(
        years_experience=6,
        seniority="principal",
        families=["group-product-manager"],
        industries=["fintech-and-financial-services"],
        remote_preference="onsite",
        open_to_opportunities=False,
    )
    unknown = profile(years_experience=None)
    client.force_login(recruiter)
    cpo_family = factories.role_family("chief-product-officer")
    assert results(client, role_families__id__exact=cpo_family.pk) == {cpo}
    assert results(client, seniority__exact="principal") == {gpm}
    assert results(client, years="15-19") == {cpo}
    assert results(client, years="5-9") == {gpm}
    assert results(client, years="unknown") == {unknown}
    assert results(client, industries__id__exact=factories.industry("healthcare").pk) == {cpo}
    assert results(client, remote_preference__exact="onsite") == {gpm}
    assert results(client, open_to_opportunities__exact="0") == {gpm}


def test_an_unknown_years_band_shows_everyone(client, recruiter):
    a, b = profile(years_experience=3), profile(years_experience=25)
    client.force_login(recruiter)
    assert results(client, years="lots") == {a, b}
    assert results(client, years="20+") == {b}
    assert results(client, years="0-4") == {a}


def test_candidate_page_shows_applications_matches_notes_and_cv(client, recruiter, candidate):
    profile_ = candidate.candidate_profile
    application = factories.ApplicationFactory(candidate=candidate, vacancy__title="VP Product <Platform>")
    match = factories.MatchFactory(
        candidate=profile_,
        score=77,
        breakdown=[
            {
                "criterion": "industry",
                "label": "Industry",
                "status": "missed",
                "points": 0,
                "max_points": 10,
                "reason": "No healthcare experience",
            }
        ],
    )
    foreign_match = factories.MatchFactory(score=88)
    note = factories.RecruiterNoteFactory(candidate=profile_, body="Prefers <b>remote</b> roles")
    client.force_login(recruiter)
    response = client.get(reverse("admin:accounts_candidateprofile_change", args=[profile_.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("admin:vacancies_application_change", args=[application.pk]) in html
    assert "VP Product &lt;Platform&gt;" in html
    assert reverse("admin:vacancies_vacancy_change", args=[match.vacancy_id]) in html
    assert reverse("admin:vacancies_vacancy_change", args=[foreign_match.vacancy_id]) not in html
    assert "No healthcare experience" in html
    assert "Prefers &lt;b&gt;remote&lt;/b&gt; roles" in html
    assert str(note.author) in html
    assert "cv.pdf" in html  # the CV is on file (a download link once the CV view exists)


def _note_post(profile_, body, **extra):
    return {
        "recruiter_notes-TOTAL_FORMS": 1,
        "recruiter_notes-INITIAL_FORMS": 0,
        "recruiter_notes-0-body": body,
        **extra,
    }


def test_recruiter_adds_a_note_and_is_its_author(client, recruiter, candidate):
    profile_ = candidate.candidate_profile
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_change", args=[profile_.pk])
    response = client.post(url, _note_post(profile_, "Met at ProductCon; open to CPO roles."))
    assert response.status_code == 302
    note = RecruiterNote.objects.get(candidate=profile_)
    assert note.author == recruiter
    assert note.body == "Met at ProductCon; open to CPO roles."
    assert note.application is None


def test_recruiter_cannot_rewrite_the_candidates_profile(client, recruiter, candidate):
    profile_ = candidate.candidate_profile
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_change", args=[profile_.pk])
    response = client.post(url, _note_post(profile_, "", headline="Hacked", salary_floor=1))
    assert response.status_code == 302
    profile_.refresh_from_db()
    assert profile_.headline == "Product leader for B2B SaaS"
    assert profile_.salary_floor == 100_000
    assert not RecruiterNote.objects.exists()


def test_a_note_too_long_is_refused(client, recruiter, candidate):
    profile_ = candidate.candidate_profile
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_change", args=[profile_.pk])
    response = client.post(url, _note_post(profile_, "x" * 5001))
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert not RecruiterNote.objects.exists()


def test_existing_notes_are_read_only(client, candidate):
    author = factories.RecruiterFactory()
    other = factories.RecruiterFactory()
    note = factories.RecruiterNoteFactory(candidate=candidate.candidate_profile, author=author, body="Original")
    client.force_login(other)
    url = reverse("admin:accounts_candidateprofile_change", args=[candidate.candidate_profile.pk])
    data = {
        "recruiter_notes-TOTAL_FORMS": 1,
        "recruiter_notes-INITIAL_FORMS": 1,
        "recruiter_notes-0-id": note.pk,
        "recruiter_notes-0-candidate": candidate.candidate_profile.pk,
        "recruiter_notes-0-body": "Rewritten",
    }
    client.post(url, data)
    note.refresh_from_db()
    assert note.body == "Original"
    assert note.author == author
    # ...and on the notes list, someone else's note cannot be edited either.
    response = client.post(reverse("admin:recruitment_recruiternote_change", args=[note.pk]), {"body": "Rewritten"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.body == "Original"


def test_recruiters_cannot_add_or_delete_candidates(client, recruiter, candidate):
    client.force_login(recruiter)
    assert client.get(reverse("admin:accounts_candidateprofile_add")).status_code == 403
    url = reverse("admin:accounts_candidateprofile_delete", args=[candidate.candidate_profile.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert CandidateProfile.objects.filter(pk=candidate.candidate_profile.pk).exists()


def test_changelist_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    profile(families=["vp-product"])
    client.get(reverse(CHANGELIST))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(CHANGELIST)).status_code == 200
    few = len(ctx.captured_queries)
    for slug in ["head-of-product", "chief-product-officer", "vp-product", "director-of-product"]:
        profile(families=[slug, "vp-product"], skills=["payments"], industries=["healthcare"])
    with django_assert_num_queries(few):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 5


def test_candidate_page_query_count_does_not_grow(client, recruiter, candidate, django_assert_num_queries):
    profile_ = candidate.candidate_profile
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_change", args=[profile_.pk])
    factories.MatchFactory(candidate=profile_)
    factories.ApplicationFactory(candidate=candidate)
    factories.RecruiterNoteFactory(candidate=profile_)
    client.get(url)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    few = len(ctx.captured_queries)
    for _ in range(3):
        factories.MatchFactory(candidate=profile_)
        application = factories.ApplicationFactory(candidate=candidate)
        factories.RecruiterNoteFactory(candidate=profile_, author=recruiter, application=application)
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200
