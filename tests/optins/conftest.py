import pytest

# The browser fixtures live beside the foundation's browser tests; this app's browser test
# sits with the app's other tests, so it imports them.
from tests.browser.conftest import browser, page, screenshot, sign_in  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests make many people; Argon2 per person would make them slow, and hashing is
    not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
