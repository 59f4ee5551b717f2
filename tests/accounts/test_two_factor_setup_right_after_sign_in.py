"""A moderator who has just signed in and is sent to set up two-factor is not asked for the
password they typed seconds ago; someone who signed in long ago still is."""

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.roles import Role
from tests.factories import TEST_PASSWORD, person

pytestmark = pytest.mark.django_db


def _sign_in(client, user):
    response = client.post(reverse("account_login"),
                           {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_setting_up_two_factor_just_after_signing_in_does_not_ask_for_the_password_again(
        client):
    moderator = person(Role.MODERATOR)
    Authenticator.objects.filter(user=moderator).delete()
    _sign_in(client, moderator)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b'name="code"' in page.content
    assert b"<img" in page.content or b"<svg" in page.content  # the QR code to scan


def test_setting_up_two_factor_long_after_signing_in_asks_for_the_password(client, settings):
    settings.SESSION_IDLE_MINUTES = 120  # (a shorter idle period signs them out instead)
    moderator = person(Role.MODERATOR)
    Authenticator.objects.filter(user=moderator).delete()
    with time_machine.travel("2026-11-24 09:00"):
        _sign_in(client, moderator)
    with time_machine.travel("2026-11-24 10:00"):
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_reauthenticate"))
