"""Moderators, the CEO, the Chair and administrators use two-factor authentication: they are
taken to set it up before anything else. Other roles are not asked."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.roles import Role
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, person
from tests.totp import current_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", [Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.ADMINISTRATOR]
)
def test_privileged_roles_without_an_authenticator_are_sent_to_set_one_up(login, role):
    someone = person(role)
    Authenticator.objects.filter(user=someone).delete()
    client = login(someone)
    for url in (reverse("home"), "/policies/", "/moderation/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    # Setting up may first ask for the password again (allauth's reauthentication): that page
    # must open, not bounce back to the set-up page in a loop.
    final = client.get(reverse("mfa_activate_totp"), follow=True)
    assert final.status_code == 200
    assert final.request["PATH_INFO"] in {reverse("mfa_activate_totp"),
                                          reverse("account_reauthenticate")}


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF])
def test_other_roles_are_not_asked_for_two_factor(login, role):
    response = login(person(role)).get(reverse("home"))
    assert response.status_code == 200


def test_a_moderator_with_an_authenticator_must_give_a_code_to_sign_in(client):
    moderator = person(Role.MODERATOR)
    response = client.post(reverse("account_login"),
                           {"login": moderator.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet

    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)})
    assert client.get(reverse("home")).status_code == 200


def test_a_moderator_cannot_switch_two_factor_off(login):
    moderator = person(Role.MODERATOR)
    client = login(moderator)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200  # the form again, with the reason
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()


def test_the_set_up_page_says_why_and_offers_no_menu_that_would_bounce(client):
    moderator = person(Role.MODERATOR)
    Authenticator.objects.filter(user=moderator).delete()
    client.post(reverse("account_login"), {"login": moderator.email, "password": TEST_PASSWORD})
    page = client.get(reverse("home"), follow=True)
    assert page.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert "Your role needs two-factor authentication" in page.content.decode()
    assert page.context["nav"] == []
