"""The home page tells the reviewer what waits for them, and Directors what nobody has taken;
"Escalations" is in the navigation for the people who may have one to see."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from core.registry import attention, nav_items
from escalations.services import decide
from tests.factories import escalated, person

from .escalation_support import WEDNESDAY, absent, board, consulted

pytestmark = pytest.mark.django_db


def _texts(user):
    return [a.text for a in attention(user) if "escalation" in a.text]


def test_the_reviewer_is_told_one_escalation_waits_for_their_decision():
    people = board()
    escalation = escalated()
    assert _texts(people["ceo"]) == ["1 escalation waits for your decision on a police report."]
    assert _texts(people["director"]) == []
    consulted(escalation, people["ceo"])
    decide(escalation.pk, people["ceo"], outcome="no_report", judgement="not_a_hate_crime",
           reason="Not hostility.")
    assert _texts(people["ceo"]) == []


def test_directors_are_told_about_escalations_nobody_has_taken():
    people = board()
    with time_machine.travel(WEDNESDAY, tick=False):
        absent(people["ceo"], date(2026, 11, 24), date(2026, 11, 28))
        absent(people["chair"], date(2026, 11, 24), date(2026, 11, 28))
        escalated()
        escalated(characteristics=["disability"])
    assert _texts(people["director"]) == [
        "2 escalations routed to the Directors need a Director to take them."]
    assert _texts(person(Role.MODERATOR)) == []


@pytest.mark.parametrize("role, shown", [
    (Role.MODERATOR, True), (Role.CHIEF_EXECUTIVE, True), (Role.CHAIR, True),
    (Role.DIRECTOR, True), (Role.VOLUNTEER, False), (Role.STAFF, False),
])
def test_escalations_in_the_navigation(role, shown):
    labels = [item.label for item in nav_items(person(role))]
    assert ("Escalations" in labels) is shown


def test_the_home_page_shows_the_line(client):
    people = board()
    escalated()
    client.force_login(people["ceo"])
    page = client.get(reverse("home"))
    assert "1 escalation waits for your decision" in page.text
