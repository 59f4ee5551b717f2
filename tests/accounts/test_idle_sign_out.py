"""Moderators, the CEO, the Chair and administrators are signed out after the period without
activity the charity sets (SESSION_IDLE_MINUTES); other roles are not."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "role", [Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.ADMINISTRATOR]
)
def test_a_sensitive_role_is_signed_out_after_the_idle_period(login, settings, role):
    settings.SESSION_IDLE_MINUTES = 20
    someone = person(role)
    with time_machine.travel(START, tick=False) as clock:
        client = login(someone)
        assert client.get(reverse("home")).status_code == 200
        clock.move_to(START + timedelta(minutes=19))
        assert client.get(reverse("home")).status_code == 200
        clock.move_to(START + timedelta(minutes=19 + 21))
        response = client.get("/policies/?x=1")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=/policies/%3Fx%3D1" in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "signed out after 20 minutes without activity" in page
        assert client.get(reverse("home")).status_code == 302


def test_activity_keeps_the_session_open(login, settings):
    settings.SESSION_IDLE_MINUTES = 20
    someone = person(Role.MODERATOR)
    with time_machine.travel(START, tick=False) as clock:
        client = login(someone)
        for minutes in range(0, 100, 15):
            clock.move_to(START + timedelta(minutes=minutes))
            assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF])
def test_other_roles_are_not_signed_out_for_idleness(login, settings, role):
    settings.SESSION_IDLE_MINUTES = 20
    someone = person(role)
    with time_machine.travel(START, tick=False) as clock:
        client = login(someone)
        client.get(reverse("home"))
        clock.move_to(START + timedelta(hours=5))
        assert client.get(reverse("home")).status_code == 200
