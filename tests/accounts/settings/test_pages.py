"""Account settings (email addresses, password) are one click away from every signed-in page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user_fixture", "page"),
    [("candidate", "accounts:dashboard"), ("candidate", "accounts:profile"), ("employer", "employers:dashboard")],
)
def test_the_navigation_links_to_account_settings(client, request, user_fixture, page):
    client.force_login(request.getfixturevalue(user_fixture))
    html = client.get(reverse(page)).content.decode()
    assert f'href="{reverse("account_email")}">Account</a>' in html


@pytest.mark.parametrize("user_fixture", ["candidate", "employer"])
def test_settings_pages_link_to_each_other_and_mark_where_you_are(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    email_page = client.get(reverse("account_email"))
    password_page = client.get(reverse("account_change_password"))
    assert email_page.status_code == password_page.status_code == 200
    for html in (email_page.content.decode(), password_page.content.decode()):
        assert 'aria-label="Account settings"' in html
        assert f'href="{reverse("account_email")}">Email addresses</a>' in html
        assert f'href="{reverse("account_change_password")}">Password</a>' in html
    assert 'aria-current="page" href="/accounts/email/">Email addresses' in email_page.content.decode()
    assert 'aria-current="page" href="/accounts/password/change/">Password' in password_page.content.decode()
