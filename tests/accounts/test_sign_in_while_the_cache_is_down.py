"""Signing in works while the cache (Redis) is down: rate limits fall back to process memory
(core.cache) instead of answering 500."""

import logging

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import TEST_PASSWORD, person

pytestmark = pytest.mark.django_db(transaction=True)


def test_signing_in_works_while_the_cache_is_down(client, cache_down, caplog):
    volunteer = person(Role.VOLUNTEER)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        response = client.post(reverse("account_login"),
                               {"login": volunteer.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert "cannot be reached" in caplog.text


def test_wrong_passwords_are_still_limited_while_the_cache_is_down(client, cache_down):
    person(Role.VOLUNTEER, email="target@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "target@example.org", "password": "no"})
    response = client.post(reverse("account_login"),
                           {"login": "target@example.org", "password": TEST_PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session

