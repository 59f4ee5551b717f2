"""Passkeys (WebAuthn) are offered beside the authenticator app, and count as the two-factor
authentication the sensitive roles must have."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_offers_a_passkey(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "passkey" in page.lower()


def test_the_two_factor_page_offers_a_passkey_beside_the_app(login):
    page = login(person(Role.MODERATOR)).get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_deactivate_totp") in page  # the authenticator app, already set up
    assert reverse("mfa_add_webauthn") in page


def test_a_moderator_without_any_authenticator_may_open_the_passkey_page(login):
    moderator = person(Role.MODERATOR)
    Authenticator.objects.filter(user=moderator).delete()
    client = login(moderator)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_add_webauthn"))
    # allauth may first ask for the password again; it never bounces back to the app set-up.
    assert response.status_code == 200 or response["Location"].startswith(
        reverse("account_reauthenticate"))


def test_a_passkey_counts_as_two_factor(login):
    moderator = person(Role.MODERATOR)
    Authenticator.objects.filter(user=moderator).update(type=Authenticator.Type.WEBAUTHN,
                                                        data={"name": "Laptop"})
    assert login(moderator).get(reverse("home")).status_code == 200
