"""An experience told elsewhere (a phone call, an event) is logged on a form."""

from datetime import date

import pytest
from django.urls import reverse

from experiences.models import Experience
from tests.factories import person, service, theme

pytestmark = pytest.mark.django_db


def _data(**changes):
    data = {"source": "phone", "happened_on": "2026-11-20",
            "text": "Caller on 07700 900077 waited 3 hours at A&E",
            "service": service("Hospitals").pk,
            "themes": [theme("Waiting times").pk], "sentiment": "negative"}
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-30 12:00:00+00:00", tick=False)


def test_a_phone_call_is_logged_with_personal_details_masked(login):
    response = login(person("moderator")).post(reverse("experiences_log"), _data())
    assert response.status_code == 302
    e = Experience.objects.get()
    assert (e.source, e.happened_on, e.item) == ("phone", date(2026, 11, 20), None)
    assert e.masked_text == "Caller on [phone] waited 3 hours at A&E"


@pytest.mark.parametrize("change,message", [
    ({"happened_on": "2026-12-25"}, "The date is in the future."),
    ({"source": "comment"}, "Select a valid choice."),
    ({"themes": []}, "Choose at least one theme."),
    ({"text": ""}, "This field is required."),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(login, change, message):
    response = login(person("moderator")).post(reverse("experiences_log"), _data(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Experience.objects.exists()
