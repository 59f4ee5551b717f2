"""Routing (policy §4.1): to the Chief Executive; when absent, to the Chair; when both are
absent, to the Directors, the first of whom to take it becomes its reviewer."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from core.errors import Refused
from core.models import AuditEvent, Notice
from escalations.services import take
from tests.factories import escalated

from .escalation_support import WEDNESDAY, absent, board

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def test_with_the_chief_executive_present_it_goes_to_the_chief_executive():
    people = board()
    escalation = escalated()
    assert escalation.routed_to == "chief_executive"
    assert escalation.reviewer == people["ceo"]
    assert escalation.routing_reason == "Routed to the Chief Executive"
    notice = Notice.objects.get()
    assert notice.recipient == people["ceo"]
    assert "hate crime" in notice.subject
    assert notice.url == reverse("moderation_escalation", args=[escalation.pk])
    raised = AuditEvent.objects.get(action="moderation.escalation_raised")
    assert raised.details["routed_to"] == "chief_executive"


def test_an_absence_that_ended_yesterday_does_not_count():
    people = board()
    absent(people["ceo"], date(2026, 11, 20), date(2026, 11, 24))
    assert escalated().reviewer == people["ceo"]


def test_with_the_chief_executive_absent_it_goes_to_the_chair_and_says_why():
    people = board()
    absent(people["ceo"], date(2026, 11, 24), date(2026, 11, 28))
    escalation = escalated()
    assert escalation.routed_to == "chair"
    assert escalation.reviewer == people["chair"]
    assert escalation.routing_reason == "Chief Executive absent 24–28 Nov; routed to the Chair"
    assert [n.recipient for n in Notice.objects.all()] == [people["chair"]]


def test_with_chief_executive_and_chair_absent_it_goes_to_the_directors(client):
    people = board()
    absent(people["ceo"], date(2026, 11, 24), date(2026, 11, 28))
    absent(people["chair"], date(2026, 11, 20), date(2026, 12, 2))
    escalation = escalated()
    assert escalation.routed_to == "directors"
    assert escalation.reviewer is None
    assert escalation.routing_reason == (
        "Chief Executive absent 24–28 Nov; Chair absent 20 Nov–2 Dec; routed to the Directors: "
        "the first to take it reviews it")
    # The Chair is a Director too, but away: only the Directors present are told.
    told = {n.recipient for n in Notice.objects.all()}
    assert told == {people["director"], people["director2"]}

    page = reverse("moderation_escalation", args=[escalation.pk])
    client.force_login(people["director2"])
    assert client.get(page).status_code == 200
    client.force_login(people["director"])
    response = client.get(page)
    assert "I&#x27;ll take this" in response.text or "I'll take this" in response.text
    client.post(reverse("moderation_escalation_take", args=[escalation.pk]))
    escalation.refresh_from_db()
    assert escalation.reviewer == people["director"]
    assert escalation.taken_at is not None
    assert "taken by Dev Patel" in escalation.routing_reason
    assert AuditEvent.objects.filter(action="moderation.escalation_taken").count() == 1

    # After that, only that Director: the other one gets 403 everywhere.
    client.force_login(people["director2"])
    assert client.get(page).status_code == 403
    assert client.get(reverse("moderation_escalation_evidence",
                              args=[escalation.pk])).status_code == 403
    assert client.post(reverse("moderation_escalation_take",
                               args=[escalation.pk])).status_code == 403
    with pytest.raises(Refused, match="Dev Patel took this escalation"):
        take(escalation.pk, people["director2"])
    # The CEO still sees it.
    client.force_login(people["ceo"])
    assert client.get(page).status_code == 200


def test_only_a_director_can_take_and_only_when_it_went_to_the_directors():
    people = board()
    escalation = escalated()
    with pytest.raises(Refused, match="went to the Chief Executive"):
        take(escalation.pk, people["director"])
