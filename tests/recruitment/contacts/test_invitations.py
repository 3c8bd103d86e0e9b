"""Invite to apply: the service (invitation, contact-log row, outbox email), its refusals, the workspace's
invite page, the candidate's dashboard card, and the contact timeline on the candidate's page."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from recruitment.emails.alerts import MATCH_ALERT
from recruitment.models import ContactLogEntry, Invitation, Notification
from recruitment.outbox.render import build_message
from recruitment.selectors.matches import contact_timeline
from recruitment.services.contacts import invitation_send
from tests import factories
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db

REASON = "Led product at two regulated scale-ups 5521"
BREAKDOWN = [{"label": "Industry", "status": "met", "points": 30, "max_points": 30, "reason": REASON}]


@pytest.fixture
def fit(candidate):
    """An open vacancy and the candidate's stored match for it."""
    vacancy = factories.PublishedVacancyFactory(title="Head of Product Invite 5521", company__name="Orrery Health")
    factories.MatchFactory(candidate=candidate.candidate_profile, vacancy=vacancy, score=84, breakdown=BREAKDOWN)
    return candidate.candidate_profile, vacancy


def nothing_written() -> bool:
    return not (Invitation.objects.exists() or ContactLogEntry.objects.exists() or Notification.objects.exists())


# --- The service ------------------------------------------------------------------------------


def test_invitation_writes_the_invitation_a_contact_row_and_an_email(fit, recruiter):
    profile, vacancy = fit
    sent = invitation_send(candidate=profile, vacancy=vacancy, by=recruiter, message="Your fintech years fit.")
    invitation = sent.invitation
    assert (invitation.candidate, invitation.vacancy, invitation.recruiter) == (profile, vacancy, recruiter)
    contact = ContactLogEntry.objects.get()
    assert (contact.kind, contact.by, contact.vacancy, contact.candidate) == ("invitation", recruiter, vacancy, profile)
    row = Notification.objects.get()
    assert sent.notification_ids == [row.pk]
    assert (row.kind, row.dedupe_key, row.recipient) == (
        "invitation",
        f"invitation:{profile.pk}:{vacancy.pk}",
        profile.user,
    )
    message = build_message(row)
    assert message.subject.endswith("thinks you fit Head of Product Invite 5521 at Orrery Health")
    apply_url = reverse("vacancies:apply", args=[vacancy.slug])
    assert apply_url in message.body
    assert REASON in message.body
    assert "Your fintech years fit." in message.body
    html = message.alternatives[0][0]
    assert apply_url in html
    assert REASON in html
    assert "List-Unsubscribe" not in message.extra_headers  # a personal message, not a mass mailing


def _refused(**kwargs) -> str:
    with pytest.raises(WorkflowError) as info:
        invitation_send(**kwargs)
    assert nothing_written() or Invitation.objects.count() == 1
    return str(info.value)


def test_a_second_invitation_is_refused(fit, recruiter):
    profile, vacancy = fit
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter)
    message = _refused(candidate=profile, vacancy=vacancy, by=recruiter)
    assert "already invited" in message
    assert Notification.objects.count() == 1


def test_a_candidate_who_applied_is_not_invited(fit, recruiter):
    profile, vacancy = fit
    factories.ApplicationFactory(candidate=profile.user, vacancy=vacancy)
    Notification.objects.all().delete()
    assert "already applied" in _refused(candidate=profile, vacancy=vacancy, by=recruiter)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"open_to_opportunities": False}, "not open to opportunities"),
        ({"consent_given_at": None}, "has not consented"),
    ],
)
def test_closed_or_unconsenting_candidates_are_not_invited(fit, recruiter, change, words):
    profile, vacancy = fit
    type(profile).objects.filter(pk=profile.pk).update(**change)
    profile.refresh_from_db()
    assert words in _refused(candidate=profile, vacancy=vacancy, by=recruiter)
    assert nothing_written()


def test_a_closed_vacancy_takes_no_invitations(candidate, recruiter):
    vacancy = factories.ClosedVacancyFactory()
    assert "not open" in _refused(candidate=candidate.candidate_profile, vacancy=vacancy, by=recruiter)
    assert nothing_written()


def test_only_recruiters_with_the_permission_invite(fit):
    profile, vacancy = fit
    outsider = factories.UserFactory(role="recruiter", is_staff=True)
    assert "cannot invite" in _refused(candidate=profile, vacancy=vacancy, by=outsider)
    assert nothing_written()


def test_a_long_message_is_refused(fit, recruiter):
    profile, vacancy = fit
    assert "2,000" in _refused(candidate=profile, vacancy=vacancy, by=recruiter, message="x" * 2001)
    assert nothing_written()


# --- The workspace ----------------------------------------------------------------------------


def test_candidate_page_offers_invite_then_shows_invited(
    client, recruiter, fit, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    profile, vacancy = fit
    client.force_login(recruiter)
    page = reverse("admin:accounts_candidateprofile_change", args=[profile.pk])
    invite = reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, vacancy.pk])
    assert invite in client.get(page).content.decode()
    confirm = client.get(invite)
    assert confirm.status_code == 200
    assert REASON in confirm.content.decode()
    assert nothing_written()  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite, {"message": "Worth a look."})
    assert response.status_code == 302
    assert Invitation.objects.get().message == "Worth a look."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [profile.user.email]
    html = client.get(page).content.decode()
    assert invite not in html
    assert "Invited " in html


@pytest.mark.parametrize("message", ["x" * 2001, "\x00", ["a", "b" * 3000]])
def test_hostile_invitation_messages_never_crash(client, recruiter, fit, message):
    profile, vacancy = fit
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, vacancy.pk]), {"message": message}
    )
    assert response.status_code == 400
    assert nothing_written()


def test_invite_page_explains_a_refusal(client, recruiter, fit):
    profile, vacancy = fit
    factories.ApplicationFactory(candidate=profile.user, vacancy=vacancy)
    client.force_login(recruiter)
    url = reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, vacancy.pk])
    assert "already applied" in client.get(url).content.decode()
    client.post(url, {"message": ""})
    assert not Invitation.objects.exists()


def test_invite_urls_for_missing_objects_are_404(client, recruiter, fit):
    profile, vacancy = fit
    client.force_login(recruiter)
    assert client.get(reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, 999999])).status_code == 404
    assert client.get(reverse("admin:accounts_candidateprofile_invite", args=[999999, vacancy.pk])).status_code == 404


def test_staff_outside_the_group_may_not_invite_or_log(client, fit):
    profile, vacancy = fit
    client.force_login(factories.UserFactory(role="recruiter", is_staff=True))
    invite = reverse("admin:accounts_candidateprofile_invite", args=[profile.pk, vacancy.pk])
    assert client.get(invite).status_code == 403
    assert client.post(invite, {"message": ""}).status_code == 403
    contact = reverse("admin:accounts_candidateprofile_contact", args=[profile.pk])
    assert client.post(contact, {"kind": "call", "summary": "x"}).status_code == 403
    assert nothing_written()


# --- The candidate's dashboard ------------------------------------------------------------------


def test_dashboard_shows_the_invitation_with_its_reasons_and_the_apply_link(client, candidate, recruiter, fit):
    profile, vacancy = fit
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter, message="We think this is you.")
    client.force_login(candidate)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "thinks you fit" in html
    assert "Head of Product Invite 5521" in html
    assert "Orrery Health" in html
    assert REASON in html
    assert f'href="{reverse("vacancies:apply", args=[vacancy.slug])}"' in html
    factories.ApplicationFactory(candidate=candidate, vacancy=vacancy)
    assert "thinks you fit" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_dashboard_query_count_does_not_grow_with_invitations(client, candidate, recruiter, django_assert_num_queries):
    profile = candidate.candidate_profile
    first = factories.PublishedVacancyFactory()
    factories.MatchFactory(candidate=profile, vacancy=first, breakdown=BREAKDOWN)
    invitation_send(candidate=profile, vacancy=first, by=recruiter)
    client.force_login(candidate)
    client.get(reverse("accounts:dashboard"))
    # introductions and interviews waiting, open invitations, their matches, the applied marks
    with django_assert_num_queries(14) as few:
        client.get(reverse("accounts:dashboard"))
    for _ in range(4):
        vacancy = factories.PublishedVacancyFactory()
        factories.MatchFactory(candidate=profile, vacancy=vacancy, breakdown=BREAKDOWN)
        invitation_send(candidate=profile, vacancy=vacancy, by=recruiter)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(reverse("accounts:dashboard")).content.decode()
    assert html.count("thinks you fit") == 3


def test_another_candidate_does_not_see_the_invitation(client, other_candidate, recruiter, fit):
    profile, vacancy = fit
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter)
    client.force_login(other_candidate)
    assert "thinks you fit" not in client.get(reverse("accounts:dashboard")).content.decode()


# --- The contact log --------------------------------------------------------------------------


def test_timeline_merges_contacts_emails_and_notes_newest_first(client, recruiter, fit):
    profile, vacancy = fit
    factories.RecruiterNoteFactory(candidate=profile, body="Note 1 <script>")
    factories.NotificationFactory(recipient=profile.user, kind=MATCH_ALERT, vacancy=vacancy)
    invitation_send(candidate=profile, vacancy=vacancy, by=recruiter)
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:accounts_candidateprofile_contact", args=[profile.pk]), {"kind": "call", "summary": "Rang her"}
    )
    assert response.status_code == 302
    items = contact_timeline(profile=profile)
    assert [i.kind for i in items][:2] == ["contact", "email"]  # the call, then the invitation's email
    assert {i.label for i in items} >= {
        "Call",
        "Invited to apply",
        "Email: Match alert",
        "Email: Invitation to apply",
        "Note",
    }
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    html = client.get(reverse("admin:accounts_candidateprofile_change", args=[profile.pk])).content.decode()
    assert "Rang her" in html
    assert "Note 1 &lt;script&gt;" in html


def test_timeline_query_count_is_pinned(recruiter, fit, django_assert_num_queries):
    profile, vacancy = fit
    for n in range(6):
        factories.RecruiterNoteFactory(candidate=profile, body=f"note {n}")
        factories.NotificationFactory(recipient=profile.user, vacancy=vacancy, created_at=timezone.now())
        ContactLogEntry.objects.create(candidate=profile, kind="call", by=recruiter, vacancy=vacancy)
    with django_assert_num_queries(3):
        items = contact_timeline(profile=profile)
    assert len(items) == 18


@pytest.mark.parametrize(
    "data",
    [{"kind": "invitation"}, {"kind": "nope"}, {"kind": "call", "summary": "x" * 5001}, {}, {"kind": ["call", "x"]}],
)
def test_hostile_contact_logs_are_refused(client, recruiter, fit, data):
    profile, _vacancy = fit
    client.force_login(recruiter)
    response = client.post(reverse("admin:accounts_candidateprofile_contact", args=[profile.pk]), data)
    assert response.status_code == 302
    assert not ContactLogEntry.objects.exists()
