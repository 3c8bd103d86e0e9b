import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The factories hash a password per user; a fast hasher keeps these tests quick (security is not under test)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
