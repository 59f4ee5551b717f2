"""The client's address comes from one place (core.http.client_ip), configured by the number of
proxies we run (TRUSTED_PROXY_COUNT → ALLAUTH_TRUSTED_PROXY_COUNT): rate limits, the audit trail
and signature evidence all see the same address, and a client cannot choose it."""

import pytest
from allauth.core.internal.httpkit import get_client_ip as allauth_get_client_ip
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from core.http import client_ip
from tests.factories import TEST_PASSWORD, person

PROXY = "172.18.0.5"  # the Caddy container, as gunicorn sees it

CASES = [
    # (X-Forwarded-For as received, REMOTE_ADDR)
    ("", PROXY),
    ("203.0.113.9", PROXY),
    ("1.2.3.4, 203.0.113.9", PROXY),
    ("6.6.6.6, 7.7.7.7, 198.51.100.4", PROXY),
    ("2001:db8::7", PROXY),
    ("203.0.113.9:51234", PROXY),
]


def request_with(forwarded: str, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_with("203.0.113.9", remote="198.51.100.1")) == "198.51.100.1"


def test_with_one_proxy_the_entry_it_added_is_taken_and_spoofed_entries_are_not(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with("203.0.113.9")) == "203.0.113.9"
    # The client sent "X-Forwarded-For: 1.2.3.4"; Caddy appended the address it saw.
    assert client_ip(request_with("1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_with_two_proxies_the_second_entry_from_the_right_is_taken(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_with("6.6.6.6, 198.51.100.4, 10.0.0.3")) == "198.51.100.4"


def test_a_request_that_bypassed_the_proxy_uses_the_socket_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with("", remote="10.1.2.3")) == "10.1.2.3"


def test_a_header_shorter_than_the_proxy_count_falls_back_instead_of_failing(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_with("203.0.113.9", remote="10.1.2.3")) == "10.1.2.3"


def test_something_that_is_not_an_address_is_not_recorded(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with("unknown")) is None


@pytest.mark.parametrize("count", [0, 1, 2, 3])
@pytest.mark.parametrize(("forwarded", "remote"), CASES)
def test_the_address_agrees_with_allauths_own_logic(settings, count, forwarded, remote):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    if forwarded and len(forwarded.split(",")) < count:
        pytest.skip("allauth answers ImproperlyConfigured here; see the fallback test")
    request = request_with(forwarded, remote)
    assert client_ip(request) == allauth_get_client_ip(request)


@pytest.mark.django_db
def test_five_wrong_passwords_from_one_client_do_not_lock_out_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person(Role.VOLUNTEER, email="other@example.org")
    for n in range(6):
        client.post(reverse("account_login"),
                    {"login": f"guess{n}@example.org", "password": "wrong"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    attacker = client.post(reverse("account_login"),
                           {"login": "guess9@example.org", "password": "wrong"},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert b"Too many failed login attempts" in attacker.content  # the guesser is held back...
    client.cookies.clear()
    response = client.post(reverse("account_login"),
                           {"login": "other@example.org", "password": TEST_PASSWORD},
                           REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302  # ...the person at another address is not
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_spoofed_x_forwarded_for_does_not_escape_the_rate_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(7):
        response = client.post(reverse("account_login"),
                               {"login": f"guess{n}@example.org", "password": "wrong"},
                               REMOTE_ADDR=PROXY,
                               HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.66")
    assert b"Too many failed login attempts" in response.content

