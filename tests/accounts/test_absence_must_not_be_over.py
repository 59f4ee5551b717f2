"""The CEO's "My absence": an absence already over is refused with a plain message, not
recorded and then hidden from the page."""

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Absence
from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-24 10:00")
def test_an_absence_that_is_already_over_is_refused(login):
    client = login(person(Role.CHIEF_EXECUTIVE))
    response = client.post(reverse("accounts_absence"),
                           {"starts_on": "2026-11-01", "ends_on": "2026-11-10"})
    assert response.status_code == 200
    assert "already over" in response.content.decode()
    assert not Absence.objects.exists()


@time_machine.travel("2026-11-24 10:00")
def test_an_absence_ending_today_is_recorded(login):
    client = login(person(Role.CHIEF_EXECUTIVE))
    response = client.post(reverse("accounts_absence"),
                           {"starts_on": "2026-11-20", "ends_on": "2026-11-24"})
    assert response.status_code == 302
    assert Absence.objects.count() == 1
