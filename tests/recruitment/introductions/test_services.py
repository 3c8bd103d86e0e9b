"""Introductions, the services: proposing (and every refusal), the candidate's answer through the signed link,
the client's answer (reveal, Interested, Not a fit) and answers given twice.
Time in each status, the reminder, expiry and old links are in test_introductions_time.py."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from recruitment.emails.declines import APPLICATION_DECLINED
from recruitment.emails.introductions import (
    INTRODUCTION_CONSENT,
    INTRODUCTION_OUTCOME,
    INTRODUCTION_TO_CLIENT,
    RECRUITER_UPDATE,
    client_notifications,
)
from recruitment.models import ContactLogEntry, Notification
from recruitment.models.introductions import Introduction, IntroductionEvent
from recruitment.outbox.render import build_message
from recruitment.services.introductions import (
    introduction_ask,
    introduction_candidate_answer,
    introduction_client_answer,
    introduction_propose,
)
from tests import factories
from tests.support.introductions import (
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    PITCH,
    REASON,
    consent_links_in,
    link,
    staff_outside_the_group,
)
from vacancies.models import Application, ApplicationStageChange
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def rows(kind: str, **filters) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind, **filters).order_by("pk"))


def written() -> tuple[int, int, int, int]:
    return (
        Introduction.objects.count(),
        IntroductionEvent.objects.count(),
        ContactLogEntry.objects.count(),
        Notification.objects.count(),
    )


# --- Proposing ----------------------------------------------------------------------------------


def test_propose_and_ask_now_writes_the_introduction_events_a_contact_row_and_one_consent_email(setting):
    introduction = setting.propose(presentation="full")
    assert introduction.status == Status.AWAITING_CANDIDATE
    assert (introduction.consent_round, introduction.recruiter) == (1, setting.recruiter)
    assert introduction.asked_at is not None
    events = list(introduction.events.values_list("from_status", "to_status", "by"))
    assert events == [
        ("", Status.PROPOSED, setting.recruiter.pk),
        (Status.PROPOSED, Status.AWAITING_CANDIDATE, setting.recruiter.pk),
    ]
    contact = ContactLogEntry.objects.get()
    assert (contact.kind, contact.candidate, contact.vacancy, contact.by) == (
        "introduction",
        setting.profile,
        setting.vacancy,
        setting.recruiter,
    )
    assert PITCH in contact.summary
    [row] = Notification.objects.all()
    assert (row.kind, row.recipient, row.dedupe_key) == (
        INTRODUCTION_CONSENT,
        setting.candidate,
        f"introduction_consent:{introduction.pk}:1",
    )
    message = build_message(row)
    assert message.subject == "May we introduce you to Orrery Health 7731 for Head of Product Intro 7731?"
    assert (introduction.pk, 1) in consent_links_in(message.body)
    assert PITCH in message.body
    assert REASON in message.body
    assert (introduction.pk, 1) in consent_links_in(message.alternatives[0][0])


def test_a_proposal_waits_until_the_recruiter_asks(setting):
    introduction = setting.propose(ask_now=False)
    assert introduction.status == Status.PROPOSED
    assert not Notification.objects.exists()
    ids = introduction_ask(introduction=introduction, by=setting.recruiter)
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE
    assert [row.pk for row in rows(INTRODUCTION_CONSENT)] == ids
    with pytest.raises(WorkflowError, match="Only a proposal"):
        introduction_ask(introduction=introduction, by=setting.recruiter)
    assert Notification.objects.count() == 1


def test_asking_is_for_recruiters_with_the_permission(setting):
    introduction = setting.propose(ask_now=False)
    for user in (staff_outside_the_group(), setting.employer, setting.candidate):
        with pytest.raises(WorkflowError, match="cannot change introductions"):
            introduction_ask(introduction=introduction, by=user)
    introduction.refresh_from_db()
    assert introduction.status == Status.PROPOSED
    assert not Notification.objects.exists()


def _close_vacancy(s):
    type(s.vacancy).objects.filter(pk=s.vacancy.pk).update(status="closed", closed_at=timezone.now())
    s.vacancy.refresh_from_db()


def _applied(s):
    factories.ApplicationFactory(candidate=s.candidate, vacancy=s.vacancy)


def _profile(**change):
    def apply(s):
        type(s.profile).objects.filter(pk=s.profile.pk).update(**change)
        s.profile.refresh_from_db()

    return apply


def _unverified(s):
    EmailAddress.objects.filter(user=s.candidate).update(verified=False)


@pytest.mark.parametrize(
    ("prepare", "words"),
    [
        (_close_vacancy, "is not open"),
        (_applied, "has already applied"),
        (_profile(open_to_opportunities=False), "not open to opportunities"),
        (_profile(consent_given_at=None), "has not consented"),
        (_unverified, "has not verified their email"),
    ],
    ids=["vacancy closed", "already applied", "not open", "no consent", "unverified email"],
)
def test_a_candidate_who_may_not_be_introduced_is_refused_and_nothing_is_written(setting, prepare, words):
    prepare(setting)
    before = written()
    with pytest.raises(WorkflowError, match=words):
        setting.propose()
    assert written() == before


def test_a_second_introduction_for_the_same_vacancy_is_refused(setting):
    setting.propose()
    before = written()
    with pytest.raises(WorkflowError, match="already introduced"):
        setting.propose(presentation="full")
    assert written() == before


@pytest.mark.parametrize(
    ("presentation", "pitch", "words"),
    [
        ("anonymised", "", "Write a short pitch"),
        ("anonymised", "   \n ", "Write a short pitch"),
        ("full", "x" * 2001, "under 2,000"),
        ("full", "A strong\x00 leader", "cannot store"),
        ("anonymised", f"{FIRST_NAME} scaled two marketplaces.", "names the candidate"),
        ("anonymised", f"Ms {LAST_NAME.lower()}, a strong leader", "names the candidate"),
        ("anonymised", f"Write to {EMAIL.upper()} today", "names the candidate"),
        ("anonymised", f"{FIRST_NAME}'s team doubled revenue", "names the candidate"),
        ("anonymised", f"Meet the candidate ({LAST_NAME}): a builder!", "names the candidate"),
        ("anonymised", f"A builder; {FIRST_NAME.upper()}!", "names the candidate"),
        ("anonymised", "See linkedin.com/in/zenobia-quill-7731 for more", "names the candidate"),
        ("sideways", "A strong leader", "full or anonymised"),
    ],
    ids=[
        "empty",
        "blank",
        "over-long",
        "NUL",
        "first name",
        "last name",
        "email",
        "possessive",
        "in brackets",
        "shouted",
        "LinkedIn",
        "unknown presentation",
    ],
)
def test_a_bad_pitch_is_refused_and_nothing_is_written(setting, presentation, pitch, words):
    with pytest.raises(WorkflowError, match=words):
        setting.propose(presentation=presentation, pitch=pitch)
    assert written() == (0, 0, 0, 0)


def test_a_name_inside_another_word_is_not_naming(setting):
    type(setting.candidate).objects.filter(pk=setting.candidate.pk).update(first_name="Ana", last_name="Mark")
    setting.profile.refresh_from_db()
    introduction = setting.propose(pitch="An analytics leader who marketed two platforms; remarkable hiring.")
    assert introduction.status == Status.AWAITING_CANDIDATE


def test_a_full_introduction_may_name_the_candidate(setting):
    introduction = setting.propose(presentation="full", pitch=f"{FIRST_NAME} {LAST_NAME} scaled two marketplaces.")
    assert introduction.status == Status.AWAITING_CANDIDATE


@pytest.mark.parametrize("who", ["staff outside the group", "employer", "candidate"])
def test_only_recruiters_with_the_permission_introduce(setting, who):
    user = {
        "staff outside the group": staff_outside_the_group,
        "employer": lambda: setting.employer,
        "candidate": lambda: setting.candidate,
    }[who]()
    with pytest.raises(WorkflowError, match="cannot introduce"):
        introduction_propose(
            candidate=setting.profile, vacancy=setting.vacancy, by=user, pitch=PITCH, presentation="full"
        )
    assert written() == (0, 0, 0, 0)


# --- The candidate's answer through the signed link -----------------------------------------------


def test_the_link_shows_the_question_and_a_get_changes_nothing(client, setting):
    introduction = setting.propose()
    before = written()
    response = client.get(link(introduction))
    assert response.status_code == 200
    html = response.content.decode()
    assert "May we introduce you to Orrery Health 7731?" in html
    assert PITCH in html
    assert REASON in html
    assert written() == before
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE


def test_accepting_sends_the_introduction_to_each_employer_of_the_company_and_tells_the_recruiter(
    client, setting, eager, django_capture_on_commit_callbacks
):
    introduction = setting.propose()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link(introduction), {"answer": "accept"})
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT
    assert introduction.events.last().by == setting.candidate
    to_client = rows(INTRODUCTION_TO_CLIENT)
    assert sorted(row.recipient_id for row in to_client) == sorted([setting.employer.pk, setting.colleague.pk])
    assert {row.dedupe_key for row in to_client} == {
        f"introduction_to_client:{introduction.pk}:1:{user.pk}" for user in (setting.employer, setting.colleague)
    }
    [update] = rows(RECRUITER_UPDATE)
    assert (update.recipient, update.context["event"]) == (setting.recruiter, "accepted")
    sent_to = sorted(address for message in mail.outbox for address in message.to)
    assert sent_to == sorted([setting.employer.email, setting.colleague.email, setting.recruiter.email])
    assert setting.outsider.email not in sent_to


def test_declining_needs_a_reason_then_tells_the_recruiter(client, setting):
    introduction = setting.propose()
    before = written()
    assert client.post(link(introduction), {"answer": "decline"}).status_code == 400
    assert written() == before
    response = client.post(link(introduction), {"answer": "decline", "reason": "timing", "note": "Back in spring."})
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert (introduction.status, introduction.candidate_reason, introduction.candidate_note) == (
        Status.DECLINED_BY_CANDIDATE,
        "timing",
        "Back in spring.",
    )
    [update] = rows(RECRUITER_UPDATE)
    assert (update.recipient, update.context["event"], update.context["note"]) == (
        setting.recruiter,
        "declined",
        "Back in spring.",
    )
    assert "declined the introduction" in build_message(update).subject
    assert not rows(INTRODUCTION_TO_CLIENT)


def test_the_service_refuses_a_decline_without_a_reason(setting):
    introduction = setting.propose()
    with pytest.raises(WorkflowError, match="Choose a reason"):
        introduction_candidate_answer(introduction=introduction, consent_round=1, accept=False, reason="bogus")
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE


def test_answering_twice_sends_no_second_email(client, setting):
    introduction = setting.propose()
    assert client.post(link(introduction), {"answer": "accept"}).status_code == 302
    before = written()
    response = client.post(link(introduction), {"answer": "accept"}, follow=True)
    assert "answered already" in response.content.decode()
    assert client.post(link(introduction), {"answer": "decline", "reason": "timing"}).status_code == 302
    assert written() == before
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT
    # The outbox's dedupe keys: the same notice written again is no second row.
    assert client_notifications(introduction=introduction) == []
    assert len(rows(INTRODUCTION_TO_CLIENT)) == 2


# --- The client's answer ----------------------------------------------------------------------------


def test_asking_to_reveal_asks_the_candidate_again_and_the_old_link_no_longer_answers(client, setting):
    introduction = setting.with_client()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="reveal", note="Keen.")
    introduction.refresh_from_db()
    assert (introduction.status, introduction.consent_round, introduction.revealed_at) == (
        Status.REVEAL_REQUESTED,
        2,
        None,
    )
    [ask_again] = rows(INTRODUCTION_CONSENT, dedupe_key=f"introduction_consent:{introduction.pk}:2")
    message = build_message(ask_again)
    assert message.subject == "Orrery Health 7731 would like to know who you are"
    assert (introduction.pk, 2) in consent_links_in(message.body)
    assert rows(RECRUITER_UPDATE)[-1].context["event"] == "reveal_requested"
    before = written()
    client.post(link(introduction, 1), {"answer": "accept"})
    introduction.refresh_from_db()
    assert (introduction.status, introduction.revealed_at) == (Status.REVEAL_REQUESTED, None)
    assert written() == before

    assert client.post(link(introduction, 2), {"answer": "accept"}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT
    assert introduction.revealed_at is not None
    assert not introduction.is_anonymised
    revealed = rows(INTRODUCTION_TO_CLIENT, dedupe_key__contains=f":{introduction.pk}:2:")
    assert sorted(row.recipient_id for row in revealed) == sorted([setting.employer.pk, setting.colleague.pk])
    assert {row.context["candidate_name"] for row in revealed} == {f"{FIRST_NAME} {LAST_NAME}"}
    assert rows(RECRUITER_UPDATE)[-1].context["event"] == "revealed"


def test_interested_starts_an_application_at_screening_with_a_copy_of_the_cv(setting):
    introduction = setting.revealed()
    profile = setting.profile
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested", note="Let's talk.")
    introduction.refresh_from_db()
    assert introduction.status == Status.CLIENT_INTERESTED
    application = introduction.application
    assert (application.candidate, application.vacancy, application.stage, application.source) == (
        setting.candidate,
        setting.vacancy,
        Application.Stage.SCREENING,
        "introduced",
    )
    assert application.cv.name != profile.cv.name
    with application.cv.open("rb") as copy, profile.cv.open("rb") as original:
        assert copy.read() == original.read()
    assert application.cv_original_name == "zq-cv.pdf"
    change = ApplicationStageChange.objects.get(application=application)
    assert (change.from_stage, change.to_stage, change.by) == ("", "screening", setting.employer)
    [outcome] = rows(INTRODUCTION_OUTCOME)
    assert (outcome.recipient, outcome.application) == (setting.candidate, application)
    message = build_message(outcome)
    assert reverse("applications:application_detail", args=[application.pk]) in message.body
    assert rows(RECRUITER_UPDATE)[-1].context["event"] == "interested"


def test_interested_in_an_anonymised_candidate_asks_to_reveal_and_their_yes_opens_the_application(setting):
    """Interested in one step (#23 item 7): no second round for the client."""
    introduction = setting.with_client()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested", note="Keen")
    introduction.refresh_from_db()
    assert (introduction.status, introduction.consent_round) == (Status.REVEAL_REQUESTED, 2)
    assert introduction.interested_on_reveal
    assert not Application.objects.exists()  # nothing opens before the candidate agrees
    consent = Notification.objects.filter(kind="introduction_consent").latest("pk")
    assert consent.context["interested"] is True
    assert "is interested" in build_message(consent).body
    assert Notification.objects.filter(kind="recruiter_update", context__event="interested_pending_reveal").exists()

    introduction_candidate_answer(introduction=introduction, consent_round=2, accept=True)
    introduction.refresh_from_db()
    assert introduction.status == Status.CLIENT_INTERESTED
    assert introduction.revealed_at is not None
    application = introduction.application
    assert (application.stage, application.source) == (Application.Stage.SCREENING, Application.Source.INTRODUCED)
    assert application.stage_changes.get().by == setting.employer  # the client who said interested
    assert "Who the candidate is: revealed on" in introduction.client_knows


def test_a_no_to_the_reveal_opens_nothing(setting):
    introduction = setting.with_client()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested")
    introduction_candidate_answer(introduction=introduction, consent_round=2, accept=False, reason="not_interested")
    introduction.refresh_from_db()
    assert introduction.status == Status.DECLINED_BY_CANDIDATE
    assert introduction.is_anonymised
    assert not Application.objects.exists()


def test_a_reveal_whose_application_cannot_open_still_reveals_and_tells_the_recruiter(setting):
    introduction = setting.with_client()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested")
    factories.ApplicationFactory(candidate=setting.candidate, vacancy=setting.vacancy)  # applied meanwhile
    introduction_candidate_answer(introduction=introduction, consent_round=2, accept=True)
    introduction.refresh_from_db()
    assert (introduction.status, introduction.application) == (Status.WITH_CLIENT, None)
    assert introduction.revealed_at is not None
    assert Notification.objects.filter(kind="recruiter_update", context__event="interest_blocked").exists()


def test_a_full_introduction_cannot_be_revealed_and_goes_straight_to_interested(setting):
    introduction = setting.with_client(presentation="full")
    with pytest.raises(WorkflowError, match="already see who"):
        introduction_client_answer(introduction=introduction, by=setting.employer, answer="reveal")
    introduction_client_answer(introduction=introduction, by=setting.colleague, answer="interested")
    introduction.refresh_from_db()
    assert introduction.application.stage == Application.Stage.SCREENING


def test_not_a_fit_needs_a_reason_then_holds_a_kind_decline_for_the_recruiter(setting, settings):
    introduction = setting.with_client()
    before = written()
    with pytest.raises(WorkflowError, match="Choose a reason"):
        introduction_client_answer(introduction=introduction, by=setting.employer, answer="not_a_fit")
    assert written() == before
    introduction_client_answer(
        introduction=introduction, by=setting.employer, answer="not_a_fit", reason="experience", note="Too early."
    )
    introduction.refresh_from_db()
    assert (introduction.status, introduction.client_reason, introduction.client_note) == (
        Status.NOT_A_FIT,
        "experience",
        "Too early.",
    )
    [held] = rows(APPLICATION_DECLINED)
    assert (held.recipient, held.status, held.dedupe_key) == (
        setting.candidate,
        Notification.Status.SCHEDULED,
        f"application_declined:introduction:{introduction.pk}",
    )
    expected = timezone.now() + timedelta(hours=settings.DECLINE_NOTICE_DELAY_HOURS)
    assert abs(held.send_after - expected) < timedelta(minutes=1)
    assert f"Hi {FIRST_NAME}" in held.context["message"]
    assert not Notification.objects.filter(recipient=setting.candidate, status=Notification.Status.PENDING).exclude(
        kind=INTRODUCTION_CONSENT
    )
    assert rows(RECRUITER_UPDATE)[-1].context["event"] == "not_a_fit"


@pytest.mark.parametrize("who", ["outsider", "candidate", "staff outside the group"])
def test_only_the_company_or_a_recruiter_answers_for_the_client(setting, who):
    introduction = setting.with_client()
    user = {"outsider": setting.outsider, "candidate": setting.candidate}.get(who) or staff_outside_the_group()
    before = written()
    with pytest.raises(WorkflowError, match="cannot answer"):
        introduction_client_answer(introduction=introduction, by=user, answer="reveal")
    assert written() == before


def test_the_client_answers_only_while_it_waits_for_them(setting):
    introduction = setting.propose()
    with pytest.raises(WorkflowError, match="not waiting for your answer"):
        introduction_client_answer(introduction=introduction, by=setting.employer, answer="reveal")
    with pytest.raises(WorkflowError, match="Choose an answer"):
        introduction_client_answer(introduction=introduction, by=setting.employer, answer="hire")


def test_interested_twice_starts_one_application_and_sends_one_email(setting):
    introduction = setting.revealed()
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="interested")
    before = written()
    with pytest.raises(WorkflowError, match="not waiting"):
        introduction_client_answer(introduction=introduction, by=setting.colleague, answer="interested")
    assert written() == before
    assert Application.objects.count() == 1
    assert len(rows(INTRODUCTION_OUTCOME)) == 1
