import pytest
from django.test import Client
from django.urls import path

import recruitment.config.urls

pytestmark = pytest.mark.django_db


def test_404_is_branded(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We can&#x27;t find that page" in response.content or b"We can't find that page" in response.content
    assert b"Browse openings" in response.content


def test_403_is_branded(client, candidate):
    client.force_login(candidate)
    response = client.get("/employers/")
    assert response.status_code == 403
    assert b"isn't for your account" in response.content or b"isn&#x27;t for your account" in response.content


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [*recruitment.config.urls.urlpatterns, path("boom/", boom)]


def test_500_is_branded(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
