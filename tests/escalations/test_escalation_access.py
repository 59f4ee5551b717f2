"""Only the CEO, the Chair, Directors acting on an escalation and the moderator who raised it
can open it or its evidence; everyone else gets 403, whatever the URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEvent
from escalations.selectors import escalation_list
from tests.factories import escalated, person

from .escalation_support import board

pytestmark = pytest.mark.django_db

GETS = ["moderation_escalation", "moderation_escalation_evidence"]
POSTS = ["moderation_escalation_take", "moderation_escalation_consult",
         "moderation_escalation_police_report", "moderation_escalation_no_report",
         "moderation_escalation_crime_reference"]


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.STAFF, Role.MODERATOR, Role.ADMINISTRATOR])
def test_people_not_on_the_escalation_get_403_on_every_url(client, role):
    board()
    escalation = escalated()
    client.force_login(person(role))
    for name in GETS:
        assert client.get(reverse(name, args=[escalation.pk])).status_code == 403, name
        # A number that does not exist answers the same: nothing is learnt by guessing.
        assert client.get(reverse(name, args=[escalation.pk + 100])).status_code == 403, name
    for name in POSTS:
        assert client.post(reverse(name, args=[escalation.pk]), {
            "reason": "x", "reference": "x"}).status_code == 403, name
    assert not AuditEvent.objects.filter(action="moderation.escalation_evidence_viewed").exists()
    assert not escalation.consultations.exists()
    assert not escalation.is_decided


def test_volunteers_and_staff_cannot_open_the_list_and_other_moderators_see_none_of_it(client):
    board()
    escalated()
    for role in (Role.VOLUNTEER, Role.STAFF):
        client.force_login(person(role))
        assert client.get(reverse("moderation_escalations")).status_code == 403
    client.force_login(person(Role.MODERATOR))
    page = client.get(reverse("moderation_escalations"))
    assert page.status_code == 200
    assert "There are no escalations for you to see" in page.text


def test_the_raising_moderator_sees_it_but_cannot_decide_it(client):
    board()
    raiser = person(Role.MODERATOR)
    escalation = escalated(by=raiser)
    client.force_login(raiser)
    assert client.get(reverse("moderation_escalations")).text.count(
        reverse("moderation_escalation", args=[escalation.pk])) == 1
    page = client.get(reverse("moderation_escalation", args=[escalation.pk]))
    assert page.status_code == 200
    assert "Record the police report" not in page.text
    response = client.post(reverse("moderation_escalation_no_report", args=[escalation.pk]),
                           {"judgement": "not_a_hate_crime", "reason": "Not a crime"})
    assert "Only its reviewer, Chris Evans, can do this" in response.text
    assert not escalation.is_decided


def test_the_chair_may_see_an_escalation_that_went_to_the_chief_executive(client):
    people = board()
    escalation = escalated()
    client.force_login(people["chair"])
    assert client.get(reverse("moderation_escalation", args=[escalation.pk])).status_code == 200
    client.force_login(people["director"])  # a Director not acting on it
    assert client.get(reverse("moderation_escalation", args=[escalation.pk])).status_code == 403


def test_the_list_shows_each_person_only_theirs_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    people = board()
    alice, bob = person(Role.MODERATOR), person(Role.MODERATOR)
    mine = [escalated(by=alice) for _ in range(2)]
    escalated(by=bob)
    assert {e.pk for e in escalation_list(alice)} == {e.pk for e in mine}
    assert escalation_list(people["ceo"]).count() == 3
    assert escalation_list(people["director"]).count() == 0

    client.force_login(people["ceo"])
    client.get(reverse("moderation_escalations"))  # warm the session and the role cache
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("moderation_escalations"))
    for _ in range(5):
        escalated(by=bob)
    with django_assert_num_queries(len(small)):
        page = client.get(reverse("moderation_escalations"))
    assert page.text.count("/moderation/escalations/") >= 8
