"""What a client learns of an introduced candidate: for an anonymised introduction, never the name, email,
LinkedIn or CV (pages, emails, file downloads) until the candidate agrees to be revealed; afterwards all of
it. Only the company's own people see its introductions; a candidate sees only their own."""

import logging

import pytest
from django.urls import reverse

from recruitment.emails.introductions import INTRODUCTION_TO_CLIENT
from recruitment.models import Notification
from recruitment.models.introductions import Introduction
from recruitment.models.placements import ClientTerms
from recruitment.outbox.render import build_message
from recruitment.services.introductions import introduction_client_answer
from tests import factories
from tests.support.introductions import EMAIL, FIRST_NAME, LAST_NAME, LINKEDIN, PITCH, SECRETS

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def detail(introduction) -> str:
    return reverse("employer_introductions:detail", args=[introduction.pk])


def cv(introduction) -> str:
    return reverse("employer_introductions:cv", args=[introduction.pk])


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


def client_emails(setting) -> list[str]:
    """Every email written for the company's people, rendered: subject, text and HTML."""
    rows = Notification.objects.filter(recipient__in=[setting.employer, setting.colleague]).order_by("pk")
    assert rows, "the client was sent nothing"
    texts = []
    for row in rows:
        message = build_message(row)
        texts += [message.subject, message.body, message.alternatives[0][0]]
    return texts


def test_an_anonymised_candidate_is_never_named_to_the_client(client, setting):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    pages = {
        "list": client.get(reverse("employer_introductions:list")),
        "detail": client.get(detail(introduction)),
        "dashboard": client.get(reverse("employers:dashboard")),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert leaks(page.content.decode()) == [], name
    html = pages["detail"].content.decode()
    assert f"Candidate {introduction.reference}" in html
    assert PITCH in html
    assert "Director of Product" in html  # the profile itself is shown
    assert cv(introduction) not in html
    assert "1 introduction</strong>" in pages["dashboard"].content.decode()
    for text in client_emails(setting):
        assert leaks(text) == [], text


def test_the_cv_of_an_anonymised_candidate_is_404(client, setting, caplog):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    with caplog.at_level(logging.INFO, logger="security"):
        assert client.get(cv(introduction)).status_code == 404
    assert "cv download" not in caplog.text


def test_asking_to_reveal_still_names_nobody(client, setting):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    assert client.post(detail(introduction), {"answer": "reveal"}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.REVEAL_REQUESTED
    html = client.get(detail(introduction)).content.decode()
    assert "waiting for their answer" in html
    assert leaks(html) == []
    assert leaks(client.get(reverse("employer_introductions:list")).content.decode()) == []
    assert client.get(cv(introduction)).status_code == 404


def test_once_revealed_the_client_sees_who_it_is_and_gets_the_cv(client, setting, caplog):
    introduction = setting.revealed()
    client.force_login(setting.colleague)
    html = client.get(detail(introduction)).content.decode()
    for shown in (FIRST_NAME, LAST_NAME, cv(introduction)):
        assert shown in html
    # Contact goes through the agency unless the client's terms share it (#23 item 9).
    assert EMAIL not in html
    assert LINKEDIN not in html
    ClientTerms.objects.create(company=setting.vacancy.company, share_contact_details=True)
    html = client.get(detail(introduction)).content.decode()
    for shown in (EMAIL, LINKEDIN):
        assert shown in html
    assert f"{FIRST_NAME} {LAST_NAME}" in client.get(reverse("employer_introductions:list")).content.decode()
    revealed = Notification.objects.get(
        recipient=setting.colleague, kind=INTRODUCTION_TO_CLIENT, context__revealed=True
    )
    message = build_message(revealed)
    assert f"{FIRST_NAME} {LAST_NAME}" in message.subject
    assert f"{FIRST_NAME} {LAST_NAME}" in message.body
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(cv(introduction))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    assert "zq-cv.pdf" in response["Content-Disposition"]
    assert f"cv download kind=introduction id={introduction.pk} owner={setting.candidate.pk}" in caplog.text


def test_a_full_introduction_names_the_candidate_from_the_start(client, setting):
    introduction = setting.with_client(presentation="full")
    client.force_login(setting.employer)
    html = client.get(detail(introduction)).content.decode()
    assert FIRST_NAME in html
    assert EMAIL not in html  # contact goes through the agency
    assert client.get(cv(introduction)).status_code == 200
    assert any(f"{FIRST_NAME} {LAST_NAME}" in text for text in client_emails(setting))


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.AWAITING_CANDIDATE, Status.DECLINED_BY_CANDIDATE])
def test_the_client_sees_nothing_the_candidate_has_not_agreed_to(client, setting, status):
    introduction = setting.propose(presentation="full")
    Introduction.objects.filter(pk=introduction.pk).update(status=status)
    client.force_login(setting.employer)
    assert PITCH not in client.get(reverse("employer_introductions:list")).content.decode()
    assert client.get(detail(introduction)).status_code == 404
    assert client.post(detail(introduction), {"answer": "interested"}).status_code == 404
    assert client.get(cv(introduction)).status_code == 404
    assert not Notification.objects.filter(recipient=setting.employer).exists()


def test_an_employer_of_another_company_gets_404_everywhere(client, setting):
    introduction = setting.revealed()
    client.force_login(setting.outsider)
    assert PITCH not in client.get(reverse("employer_introductions:list")).content.decode()
    assert client.get(detail(introduction)).status_code == 404
    assert client.post(detail(introduction), {"answer": "interested"}).status_code == 404
    assert client.get(cv(introduction)).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT


def test_a_candidate_cannot_open_the_client_pages(client, setting):
    introduction = setting.revealed()
    client.force_login(setting.candidate)
    assert client.get(reverse("employer_introductions:list")).status_code == 403
    assert client.get(detail(introduction)).status_code == 403
    assert client.post(detail(introduction), {"answer": "interested"}).status_code == 403
    assert client.get(cv(introduction)).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT


def test_anonymous_visitors_are_sent_to_log_in(client, setting):
    introduction = setting.revealed()
    for url in (reverse("employer_introductions:list"), detail(introduction), cv(introduction)):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_candidate_sees_only_their_own_introductions(client, setting, other_candidate):
    introduction = setting.propose()
    own = reverse("my_introductions:detail", args=[introduction.pk])
    client.force_login(other_candidate)
    assert client.get(own).status_code == 404
    assert client.post(own, {"answer": "accept"}).status_code == 404
    assert client.get(reverse("my_introductions:detail", args=[999_999])).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE
    client.force_login(setting.employer)
    assert client.get(own).status_code == 403
    client.force_login(setting.candidate)
    assert PITCH in client.get(own).content.decode()


def test_the_client_answer_page_for_an_anonymised_candidate_offers_interested_through_a_reveal(client, setting):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    html = client.get(detail(introduction)).content.decode()
    assert 'value="reveal"' in html
    assert "Interested: ask them to reveal, and start the application when they agree" in html
    assert "What you know:</strong> The profile without the name, contact details or CV." in html
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="not_a_fit", reason="skills")
    html = client.get(detail(introduction)).content.decode()
    assert "Answered: not a fit (skills)" in html
    assert leaks(html) == []
