import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests make many people; Argon2 per person would make them slow, and hashing is
    not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The browser fixtures live beside the browser tests; this app's browser test uses them too.
from tests.browser.conftest import browser, page, screenshot, sign_in  # noqa: E402, F401
