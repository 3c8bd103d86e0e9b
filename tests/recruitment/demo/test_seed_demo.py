"""`manage.py seed_demo`: the hand-written demo world for `make run`, and generated data at scale
(small runs here; the 100k/10k run is the benchmark tests/perf/bench_seed.py)."""

import io
import re
from collections import Counter
from itertools import pairwise

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files import File
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import CandidateProfile, User
from accounts.validators import validate_cv_file
from recruitment.demo import seeder as command
from recruitment.demo import world as demo_data
from recruitment.demo.pdf import text_pdf
from recruitment.demo.scale_candidates import SEED_CANDIDATE_DOMAIN
from recruitment.demo.world import DEMO_CANDIDATE_EMAIL, DEMO_PASSWORD, LUMEN_CPO
from recruitment.models import Match, Notification, RecruiterNote
from vacancies.markup import render_markdown
from vacancies.models import Application, ApplicationStageChange, Company, Vacancy, VacancyStatusChange
from vacancies.services import STAGE_TRANSITIONS, vacancy_publish

pytestmark = pytest.mark.django_db

GENERATED = {"email__endswith": f"@{SEED_CANDIDATE_DOMAIN}"}
DEMO_EMPLOYER = "employer@lumenhealth.example"
DEMO_RECRUITER = "recruiter@northstar.example"


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
        "matches": Match.objects.count(),
        "notes": RecruiterNote.objects.count(),
    }


def stored_files(settings):
    return sorted(p.name for p in settings.PRIVATE_STORAGE_ROOT.rglob("*") if p.is_file())


def checked_cv(field_file, name):
    with field_file.open("rb") as fh:
        return validate_cv_file(File(fh, name=name))


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


# --- The demo world ------------------------------------------------------------------------


def test_demo_world_has_the_planned_size_and_every_vacancy_status():
    output = seed()
    assert Company.objects.count() == len(demo_data.COMPANIES)
    assert 8 <= len(demo_data.COMPANIES) <= 9
    assert Vacancy.objects.count() == len(demo_data.VACANCIES)
    assert 16 <= len(demo_data.VACANCIES) <= 18
    assert Counter(Vacancy.objects.values_list("status", flat=True)) == Counter(v.status for v in demo_data.VACANCIES)
    assert Vacancy.objects.filter(status="published").count() >= 12
    for status in ["pending_review", "draft", "rejected", "closed"]:
        assert Vacancy.objects.filter(status=status).exists(), status
    assert CandidateProfile.objects.count() == len(demo_data.CANDIDATES)
    assert 14 <= len(demo_data.CANDIDATES) <= 16
    assert Application.objects.count() == len(demo_data.APPLICATIONS)
    assert 15 <= len(demo_data.APPLICATIONS) <= 25
    assert len(set(Application.objects.values_list("stage", flat=True))) == len(Application.Stage)
    notes = RecruiterNote.objects.all()
    assert len(notes) == len(demo_data.NOTES) >= 3
    assert {note.author.email for note in notes} == {DEMO_RECRUITER}
    for note in notes.exclude(application=None):
        assert note.application.candidate_id == note.candidate.user_id
    assert f"added {len(demo_data.CANDIDATES) + 2} users, {len(demo_data.COMPANIES)} companies" in output


def test_demo_vacancies_are_varied_and_their_status_fields_agree_with_their_trail():
    seed()
    now, today = timezone.now(), timezone.localdate()
    vacancies = Vacancy.objects.prefetch_related("status_changes")
    for vacancy in vacancies:
        vacancy.full_clean()
        trail = list(vacancy.status_changes.all())
        assert (trail[0].from_status, trail[0].to_status) == ("", "draft")
        assert [c.from_status for c in trail[1:]] == [c.to_status for c in trail[:-1]]
        assert trail[-1].to_status == vacancy.status
        assert [c.at for c in trail] == sorted(c.at for c in trail)
        assert trail[-1].at < now
        assert vacancy.created_at == trail[0].at
        assert (vacancy.submitted_at is None) == (vacancy.status == "draft")
        assert (vacancy.published_at is not None) == (vacancy.status in {"published", "closed"})
        assert (vacancy.closed_at is not None) == (vacancy.status == "closed")
        assert bool(vacancy.rejection_reason) == (vacancy.status == "rejected")
        assert (vacancy.close_reason == "filled") == (vacancy.status == "closed")
        for change in trail:
            if change.to_status in {"published", "rejected", "closed"}:
                assert change.by.email == DEMO_RECRUITER
        if vacancy.status == "rejected":
            assert trail[-1].note == vacancy.rejection_reason
        if vacancy.status in {"published", "pending_review", "draft", "rejected"}:
            assert vacancy.closes_on > today  # open ones are open; the others can still be submitted
        if vacancy.status == "published":
            assert vacancy.is_open
        html = render_markdown(vacancy.description)
        assert html.count("<li>") >= 6
        assert "What you will do:" in html
    descriptions = list(vacancies.values_list("description", flat=True))
    assert len(set(descriptions)) == len(descriptions)
    for field, at_least in [("salary_currency", 6), ("country", 8), ("remote_policy", 3), ("role_family", 5)]:
        assert len(set(vacancies.values_list(field, flat=True))) >= at_least, field


def test_demo_candidates_have_complete_varied_profiles_and_valid_cvs(settings):
    seed()
    profiles = CandidateProfile.objects.select_related("user").annotate(
        n_skills=Count("skills", distinct=True), n_families=Count("role_families", distinct=True)
    )
    for profile in profiles:
        profile.full_clean()
        assert profile.missing_for_applying() == []
        assert 6 <= profile.years_experience <= 20
        assert profile.n_skills >= 4
        assert profile.n_families >= 1
        assert profile.linkedin_url.startswith("https://www.linkedin.com/in/")
        assert profile.consent_given_at is not None
        assert profile.notice_period_weeks
        assert profile.cv.name.startswith("cvs/")
        assert profile.user.last_name not in profile.cv.name  # a server-generated name
        assert checked_cv(profile.cv, profile.cv_original_name).kind == "pdf"
        with profile.cv.open("rb") as fh:
            assert profile.user.last_name.encode("cp1252") in fh.read()
    assert profiles.filter(open_to_opportunities=True).count() >= len(profiles) - 2
    for field, at_least in [("country", 8), ("salary_currency", 6), ("seniority", 5), ("alert_frequency", 4)]:
        assert len(set(profiles.values_list(field, flat=True))) >= at_least, field
    assert len(stored_files(settings)) == len(profiles) + Application.objects.count()


def test_the_demo_cv_is_a_well_formed_pdf():
    pdf = text_pdf([("F2", 20, "Zoë (Ó) Brien \\ CV"), ("", 10, ""), ("F1", 10, "AI/ML products")], title="A (test)")
    # Every cross-reference entry points at the object it names, and startxref at the table.
    xref_at = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[xref_at:].startswith(b"xref\n0 8\n")
    offsets = re.findall(rb"(\d{10}) 00000 n ", pdf[xref_at:])
    assert len(offsets) == 7
    for number, offset in enumerate(offsets, start=1):
        assert pdf[int(offset) :].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", pdf).group(1))
    stream = pdf.split(b">>\nstream\n", 1)[1]
    assert stream[length:].startswith(b"\nendstream")
    assert b"(Zo\xeb \\(\xd3\\) Brien \\\\ CV)" in pdf  # escaped, WinAnsi-encoded
    assert validate_cv_file(File(io.BytesIO(pdf), name="cv.pdf")).kind == "pdf"


def test_the_demo_employer_sees_a_vacancy_in_every_state_and_real_applicants(client):
    seed()
    employer = User.objects.get(email=DEMO_EMPLOYER)
    theirs = Vacancy.objects.for_employer(employer)
    assert set(theirs.values_list("status", flat=True)) == {"published", "pending_review", "draft", "rejected"}
    client.force_login(employer)
    dashboard = client.get(reverse("employers:dashboard")).content.decode()
    for vacancy in theirs:
        assert vacancy.title in dashboard
    rejected = theirs.get(status="rejected")
    detail = client.get(reverse("employers:vacancy_detail", args=[rejected.pk]))
    assert rejected.rejection_reason in detail.content.decode()

    cpo = Vacancy.objects.get(slug=LUMEN_CPO)
    applications = Application.objects.filter(vacancy=cpo).select_related("candidate")
    assert 4 <= len(applications) <= 5
    assert len({a.stage for a in applications}) >= 4
    page = client.get(reverse("employers:vacancy_applicants", args=[cpo.pk]))
    declined = client.get(reverse("employers:vacancy_applicants", args=[cpo.pk]), {"stage": "rejected"})
    assert page.status_code == declined.status_code == 200
    for application in applications:  # the declined have their own tab
        shown_on = declined if application.stage == Application.Stage.REJECTED else page
        assert application.candidate.get_full_name() in shown_on.content.decode()
    # The employer's own moves (shortlist, decline) are in the trail under their name.
    assert ApplicationStageChange.objects.filter(application__vacancy=cpo, by=employer).exists()


def test_the_demo_candidate_has_applications_at_different_stages_with_a_timeline(client):
    seed()
    user = User.objects.get(email=DEMO_CANDIDATE_EMAIL)
    profile = user.candidate_profile
    applications = list(Application.objects.filter(candidate=user).prefetch_related("stage_changes"))
    assert 2 <= len(applications) <= 3
    assert len({a.stage for a in applications}) == len(applications)
    assert {"shortlisted", "interview"} & {a.stage for a in applications}
    assert any(len(a.stage_changes.all()) >= 3 for a in applications)
    with profile.cv.open("rb") as fh:
        profile_cv = fh.read()
    for application in applications:
        assert application.cv.name.startswith("applications/")
        assert application.cv.name != profile.cv.name  # its own copy...
        with application.cv.open("rb") as fh:
            assert fh.read() == profile_cv  # ...of the CV the candidate had when applying
        assert application.cv_original_name == profile.cv_original_name

    client.force_login(user)
    listing = client.get(reverse("applications:application_list")).content.decode()
    for application in applications:
        assert application.vacancy.title in listing
    interview = next(a for a in applications if a.stage == "interview")
    timeline = client.get(interview.get_absolute_url()).content.decode()
    assert timeline.count('<time datetime="') >= len(interview.stage_changes.all())
    cv = client.get(reverse("accounts:cv_download"))
    assert cv.status_code == 200
    assert b"".join(cv.streaming_content) == profile_cv


def test_every_demo_application_history_follows_the_pipeline_in_the_past():
    seed()
    now = timezone.now()
    for application in Application.objects.select_related("vacancy", "candidate").prefetch_related("stage_changes__by"):
        changes = list(application.stage_changes.all())
        first = changes[0]
        assert (first.from_stage, first.to_stage, first.by) == ("", "applied", application.candidate)
        for before, after in pairwise(changes):
            assert after.from_stage == before.to_stage
            assert after.to_stage in STAGE_TRANSITIONS[before.to_stage] | {"withdrawn"}
            assert before.at < after.at
            assert after.by is not None
        assert changes[-1].to_stage == application.stage
        assert application.created_at == first.at
        assert application.stage_changed_at == changes[-1].at < now
        vacancy = application.vacancy
        assert vacancy.published_at < first.at
        if vacancy.closed_at:
            assert changes[-1].at < vacancy.closed_at
        assert checked_cv(application.cv, application.cv_original_name).kind == "pdf"
    assert ApplicationStageChange.objects.filter(at__lt=now - timezone.timedelta(days=14)).exists()
    assert ApplicationStageChange.objects.filter(at__gt=now - timezone.timedelta(days=3)).exists()


def test_seeding_writes_no_notification_and_sends_no_email(settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # anything enqueued would run, and show below
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    assert Application.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_open_demo_vacancies_have_matches_and_the_others_none(client):
    seed()
    for vacancy in Vacancy.objects.all():
        assert vacancy.matches.exists() == vacancy.is_open, vacancy.slug
    user = User.objects.get(email=DEMO_CANDIDATE_EMAIL)
    assert Match.objects.filter(candidate=user.candidate_profile).count() >= 3
    client.force_login(user)
    page = client.get(reverse("matches:match_list")).content.decode()
    assert "Lumen Health" in page


def test_running_the_demo_again_adds_nothing(settings):
    seed()
    before, files = counts(), stored_files(settings)
    output = seed()
    assert counts() == before
    assert stored_files(settings) == files
    assert "everything exists already, nothing added" in output


def test_running_again_keeps_what_people_changed_and_puts_back_a_missing_cv():
    seed()
    recruiter = User.objects.get(email=DEMO_RECRUITER)
    pending = Vacancy.objects.get(status="pending_review")
    vacancy_publish(vacancy=pending, by=recruiter)
    profile = CandidateProfile.objects.get(user__email=DEMO_CANDIDATE_EMAIL)
    profile.headline = "Chief Product Officer, healthtech"
    profile.cv = ""
    profile.save()
    seed()
    pending.refresh_from_db()
    profile.refresh_from_db()
    assert pending.status == "published"
    assert profile.headline == "Chief Product Officer, healthtech"
    assert checked_cv(profile.cv, profile.cv_original_name).kind == "pdf"


def test_a_mistake_in_the_demo_data_is_refused_and_nothing_is_half_written(monkeypatch):
    broken = demo_data.DemoCompany("Nowhere Ltd", "no-such-industry", "1-50", "About.", "perks")
    monkeypatch.setattr(command, "COMPANIES", [*demo_data.COMPANIES, broken])
    with pytest.raises(CommandError, match="no-such-industry"):
        seed()
    assert not User.objects.exists()
    assert not Company.objects.exists()
