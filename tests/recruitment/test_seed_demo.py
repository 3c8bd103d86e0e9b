"""`manage.py seed_demo`: the demo accounts, and generated data at scale (small runs here;
the 100k/10k run is the benchmark tests/perf/bench_seed.py)."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import Count

from accounts.models import CandidateProfile, User
from recruitment.management.commands.seed_demo import DEMO_PASSWORD, SEED_CANDIDATE_DOMAIN
from recruitment.models import Match
from vacancies.models import Application, ApplicationStageChange, Company, Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

GENERATED = {"email__endswith": f"@{SEED_CANDIDATE_DOMAIN}"}


def seed(**options):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "profiles": CandidateProfile.objects.count(),
        "skills": CandidateProfile.skills.through.objects.count(),
        "companies": Company.objects.count(),
        "vacancies": Vacancy.objects.count(),
        "status_changes": VacancyStatusChange.objects.count(),
        "applications": Application.objects.count(),
        "stage_changes": ApplicationStageChange.objects.count(),
    }


def test_demo_accounts_and_matches():
    output = seed()
    for email in ["recruiter@northstar.example", "employer@lumenhealth.example", "candidate@northstar.example"]:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
        assert email in output
    recruiter = User.objects.get(email="recruiter@northstar.example")
    assert recruiter.is_recruiter
    assert recruiter.groups.filter(name="Recruiters").exists()
    cpo = Vacancy.objects.get(slug="chief-product-officer-lumen-health")
    camille = CandidateProfile.objects.get(user__email="candidate@northstar.example")
    assert Match.objects.get(vacancy=cpo, candidate=camille).score >= 70


def test_generated_data_is_varied_and_complete():
    output = seed(candidates=40, vacancies=24, batch_size=9)
    users = User.objects.filter(**GENERATED)
    assert users.count() == 40
    assert set(users.values_list("role", flat=True)) == {"candidate"}
    assert EmailAddress.objects.filter(user__in=users, verified=True, primary=True).count() == 40
    assert users.first().check_password(DEMO_PASSWORD)  # the one shared hash works
    profiles = CandidateProfile.objects.filter(user__in=users).annotate(
        n_families=Count("role_families", distinct=True),
        n_skills=Count("skills", distinct=True),
        n_industries=Count("industries", distinct=True),
    )
    assert profiles.count() == 40
    for p in profiles:
        assert 1 <= p.n_families <= 2
        assert 4 <= p.n_skills <= 9
        assert 1 <= p.n_industries <= 3
        assert p.headline
        assert p.city
        assert 3 <= p.years_experience <= 30
        assert p.salary_floor > 0
        p.full_clean()
    assert len(set(profiles.values_list("country", flat=True))) >= 4
    assert len(set(profiles.values_list("seniority", flat=True))) >= 3
    assert len(set(profiles.values_list("remote_preference", flat=True))) >= 3
    assert len(set(profiles.values_list("salary_currency", flat=True))) >= 2

    vacancies = Vacancy.objects.filter(slug__regex=r"-v[0-9]{6}$")
    assert vacancies.count() == 24
    assert Company.objects.filter(slug__regex=r"-c[0-9]{5}$").count() == 5
    assert len(set(vacancies.values_list("status", flat=True))) >= 3
    for vacancy in vacancies.annotate(n_required=Count("required_skills")):
        assert 3 <= vacancy.n_required <= 5
        assert 0 < vacancy.salary_min <= vacancy.salary_max
        history = list(vacancy.status_changes.values_list("to_status", flat=True))
        assert history[0] == "draft"
        assert history[-1] == vacancy.status
        assert (vacancy.published_at is not None) == ("published" in history)
        vacancy.full_clean()

    applications = Application.objects.filter(vacancy__in=vacancies).select_related("vacancy")
    assert applications.exists()
    for application in applications:
        assert application.vacancy.published_at is not None
        assert application.created_at >= application.vacancy.published_at
        stages = list(application.stage_changes.values_list("to_stage", flat=True))
        assert stages[0] == "applied"
        assert stages[-1] == application.stage

    assert re.search(r"candidates +40 / 40", output)
    assert re.search(r"vacancies +24 / 24", output)
    assert "Generated 40 candidates, 5 companies, 24 vacancies" in output


def test_running_again_adds_nothing_and_a_larger_number_tops_up():
    seed(candidates=25, vacancies=12, batch_size=10)
    before = counts()
    output = seed(candidates=25, vacancies=12, batch_size=10)
    assert counts() == before
    assert "25 generated already, nothing to add" in output
    seed(candidates=31, vacancies=12, batch_size=10)
    assert User.objects.filter(**GENERATED).count() == 31
    assert Vacancy.objects.count() == before["vacancies"]


def test_the_same_seed_gives_the_same_data():
    def snapshot():
        return list(
            CandidateProfile.objects.filter(user__email__endswith=SEED_CANDIDATE_DOMAIN)
            .order_by("user__email")
            .values_list("user__email", "headline", "years_experience", "city", "salary_floor")
        )

    seed(candidates=15, batch_size=6)
    first = snapshot()
    User.objects.filter(**GENERATED).delete()
    seed(candidates=15, batch_size=6)
    assert snapshot() == first
    User.objects.filter(**GENERATED).delete()
    seed(candidates=15, batch_size=6, seed=7)
    assert snapshot() != first


@pytest.mark.parametrize("options", [{"candidates": -1}, {"vacancies": -5}, {"candidates": 10, "batch_size": 0}])
def test_bad_numbers_are_refused(options):
    with pytest.raises(CommandError):
        seed(**options)
    assert not User.objects.filter(**GENERATED).exists()
