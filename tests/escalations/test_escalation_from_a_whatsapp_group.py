"""Criminal or hateful content in a WhatsApp group is escalated to the CEO like a comment
(policy §4.1 and the Group Chat Agreement): raised by a moderator from the breach recorded for
it, with the characteristic(s) and the reason; the evidence is the breach as recorded (what was
said, by which member, in which group, when), frozen and hashed; the same routing, notices,
reminders, review, decision, crime reference, list and Board reports, each saying which source
it is."""

import csv
import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEvent, Notice
from escalations.models import Escalation, EvidenceCopy, hash_matches
from escalations.services import add_crime_reference, decide, remind_waiting
from optins import services as optins_services
from optins.models import Membership
from privacy import holdings
from privacy.selectors import user_export
from tests.factories import (
    HATEFUL_GROUP_POST,
    MembershipFactory,
    escalated,
    group_breach,
    group_escalated,
    person,
    whatsapp_group,
)

from .escalation_support import WEDNESDAY, absent, at, board, consulted

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return board() | {"moderator": person(Role.MODERATOR, full_name="Morgan Reed")}


@pytest.fixture
def breach(people):
    membership = MembershipFactory(
        request__person=person(Role.VOLUNTEER, full_name="Val Thompson"))
    with time_machine.travel(WEDNESDAY - timedelta(hours=1), tick=False):
        return group_breach(membership, by=people["moderator"])


def _raise_url(breach):
    return reverse("moderation_escalation_raise_from_breach", args=[breach.pk])


def test_a_moderator_raises_it_from_the_breach_and_the_ceo_is_told(people, breach, login):
    moderator, ceo = people["moderator"], people["ceo"]
    with time_machine.travel(WEDNESDAY, tick=False):
        client = login(moderator)
        member_page = client.get(reverse("optins_member", args=[breach.membership_id])).text
        assert f'href="{_raise_url(breach)}"' in member_page
        form = client.get(_raise_url(breach)).text
        assert HATEFUL_GROUP_POST in form and "Val Thompson" in form and "Volunteers" in form
        response = client.post(_raise_url(breach), {
            "characteristics": ["religion_or_belief"], "note": "Hostility to a faith group."})
    escalation = Escalation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("moderation_escalation", args=[escalation.pk])
    assert (escalation.breach, escalation.item, escalation.decision) == (breach, None, None)
    assert escalation.source == Escalation.Source.WHATSAPP_GROUP
    assert (escalation.reviewer, escalation.raised_by) == (ceo, moderator)
    assert escalation.characteristics == ["religion_or_belief"]
    notice = Notice.objects.get(recipient=ceo, key=f"escalation-{escalation.pk}:raised")
    assert "WhatsApp group" in notice.subject
    assert "Morgan Reed escalated what Val Thompson posted in the Volunteers WhatsApp group" \
        in notice.body
    event = AuditEvent.objects.get(action="moderation.escalation_raised")
    assert (event.details["source"], event.details["breach"], event.details["item"]) == (
        "whatsapp_group", breach.pk, None)
    # The member page now says it was escalated, and links to it (asked while the clock the
    # session was signed in by still holds: a session lasts two weeks).
    with time_machine.travel(WEDNESDAY, tick=False):
        member_page = client.get(reverse("optins_member", args=[breach.membership_id])).text
    assert "Escalated as a possible hate crime" in member_page
    assert f'href="{_raise_url(breach)}"' not in member_page


def test_the_evidence_is_the_group_content_as_recorded_frozen_and_hashed(people, breach, login):
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(breach, by=people["moderator"])
    data = escalation.evidence
    assert data["source"] == "whatsapp_group"
    assert data["text"] == HATEFUL_GROUP_POST  # what was said
    assert data["member"] == "Val Thompson"  # by whom
    assert data["group"] == "Volunteers"  # in which group
    assert data["recorded_at"] == breach.recorded_at.isoformat()  # when
    assert data["rule"] == breach.rule.number and data["recorded_by"] == "Morgan Reed"
    assert escalation.evidence_copy.hash_matches()
    # The member leaves and the number is erased: the evidence stays as it was.
    membership = breach.membership
    optins_services.leave_group(membership.person, membership)
    optins_services.mark_removed(people["moderator"], Membership.objects.get(pk=membership.pk))
    client = login(people["ceo"])
    download = client.get(reverse("moderation_escalation_evidence", args=[escalation.pk]))
    assert hash_matches(download.content.decode(), download["X-Evidence-SHA256"])
    assert json.loads(download.content)["text"] == HATEFUL_GROUP_POST
    page = client.get(reverse("moderation_escalation", args=[escalation.pk])).text
    for shown in ("WhatsApp group", HATEFUL_GROUP_POST, "Val Thompson", "Volunteers WhatsApp group",
                  "✓ Hash verified", "Rule breached"):
        assert shown in page, shown
    assert "other comments" not in page  # the side panel is the member's breaches
    assert "breaches in the Volunteers group" in page


@pytest.mark.parametrize(("posted", "message"), [
    ({"note": "Hostility."}, "Choose the protected characteristic(s)"),
    ({"characteristics": ["religion_or_belief"], "note": ""}, "Say why it may be a hate crime"),
    ({"characteristics": ["height"], "note": "Hostility."}, "Select a valid choice"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_raised(
        people, breach, login, posted, message):
    response = login(people["moderator"]).post(_raise_url(breach), posted)
    assert response.status_code == 400
    assert message in response.text
    assert not Escalation.objects.exists() and not EvidenceCopy.objects.exists()
    assert not Notice.objects.filter(key__startswith="escalation-").exists()


def test_a_breach_is_escalated_once(people, breach, login):
    first = group_escalated(breach, by=people["moderator"])
    client = login(person(Role.MODERATOR))
    page = client.get(_raise_url(breach)).text
    assert "Morgan Reed escalated this breach on" in page and "<textarea" not in page
    response = client.post(_raise_url(breach), {"characteristics": ["race"], "note": "Again."})
    assert response.status_code == 400
    assert "Morgan Reed escalated this breach on" in response.text
    assert list(Escalation.objects.all()) == [first]


@pytest.mark.parametrize("role", [Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR,
                                  Role.VOLUNTEER, Role.STAFF, Role.ADMINISTRATOR])
def test_only_a_moderator_raises_it_as_for_comments(people, breach, login, role):
    client = login(person(role))
    assert client.get(_raise_url(breach)).status_code == 403
    assert client.post(_raise_url(breach), {"characteristics": ["race"],
                                            "note": "x"}).status_code == 403
    assert not Escalation.objects.exists()


def test_a_missing_breach_is_404_for_a_moderator(people, login):
    assert login(people["moderator"]).get(reverse(
        "moderation_escalation_raise_from_breach", args=[999999])).status_code == 404


def test_the_source_is_exactly_one_of_a_comment_or_a_group_breach(people, breach):
    comment = escalated(by=people["moderator"])
    common = {"raised_by": people["moderator"], "reviewer": people["ceo"],
              "characteristics": ["race"]}
    with pytest.raises(IntegrityError), transaction.atomic():  # both
        Escalation.objects.create(item=comment.item, breach=breach, **common)
    with pytest.raises(IntegrityError), transaction.atomic():  # neither
        Escalation.objects.create(**common)
    with pytest.raises(IntegrityError), transaction.atomic():  # a group one with a decision
        Escalation.objects.create(breach=breach, decision=comment.decision, **common)


def test_routing_is_the_same_the_chair_when_the_ceo_is_absent(people, breach):
    absent(people["ceo"], WEDNESDAY.date(), WEDNESDAY.date() + timedelta(days=2))
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(breach, by=people["moderator"])
    assert (escalation.routed_to, escalation.reviewer) == ("chair", people["chair"])
    assert escalation.routing_reason.startswith("Chief Executive absent 25–27 Nov")


def test_when_the_chair_posted_it_and_the_ceo_is_away_the_other_directors_take_it(
        people, login):
    chair = people["chair"]
    absent(people["ceo"], WEDNESDAY.date(), WEDNESDAY.date())
    membership = MembershipFactory(request__person=chair,
                                   request__group=whatsapp_group("directors"))
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(group_breach(membership, by=people["moderator"]),
                                     by=people["moderator"])
    assert (escalation.routed_to, escalation.reviewer) == ("directors", None)
    assert "Chair involved" in escalation.routing_reason
    told = set(Notice.objects.filter(key=f"escalation-{escalation.pk}:raised")
               .values_list("recipient__full_name", flat=True))
    assert told == {"Dev Patel", "Diane Okafor"}
    # The Chair sees every escalation, but not the one about what they posted, nor is asked
    # on their home page to take it.
    client = login(chair)
    assert "need a Director to take" not in client.get("/").text
    assert "needs a Director to take it" not in client.get("/").text
    assert "needs a Director to take it" in login(people["director"]).get("/").text
    client = login(chair)
    assert client.get(reverse("moderation_escalation", args=[escalation.pk])).status_code == 403
    assert reverse("moderation_escalation", args=[escalation.pk]) not in client.get(
        reverse("moderation_escalations")).text
    assert client.post(reverse("moderation_escalation_take", args=[escalation.pk])
                       ).status_code == 403
    client = login(people["director"])
    assert client.post(reverse("moderation_escalation_take", args=[escalation.pk])
                       ).status_code == 302
    escalation.refresh_from_db()
    assert escalation.reviewer == people["director"]


def test_the_ceo_consults_decides_and_adds_the_crime_reference_and_the_moderator_is_told(
        people, breach, login):
    ceo, moderator = people["ceo"], people["moderator"]
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(breach, by=moderator)
        client = login(ceo)
        refused = client.post(reverse("moderation_escalation_police_report", args=[escalation.pk]),
                              {"reported_on": "2026-11-25", "police_force": "Metropolitan Police",
                               "how": "online"})
        assert "Record the consultation first" in refused.text
        assert not escalation.is_decided
        consulted(escalation, ceo)
        response = client.post(
            reverse("moderation_escalation_police_report", args=[escalation.pk]),
            {"reported_on": "2026-11-25", "police_force": "Metropolitan Police",
             "how": "online"})
        assert response.status_code == 302
        add_crime_reference(escalation.pk, ceo, "6029999/26")
    escalation.refresh_from_db()
    assert escalation.outcome.is_police_report
    assert escalation.crime_reference.reference == "6029999/26"
    told = Notice.objects.get(recipient=moderator, key=f"escalation-{escalation.pk}:decided")
    assert told.body.startswith("You escalated what Val Thompson posted in the Volunteers "
                                "WhatsApp group: Chris Evans reported it to the police")


def test_a_no_report_judgement_works_the_same(people, breach):
    ceo = people["ceo"]
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(breach, by=people["moderator"])
        consulted(escalation, ceo)
        decide(escalation.pk, ceo, outcome="no_report", judgement="not_a_hate_crime",
               reason="Rude, but aimed at no protected group.")
    assert escalation.outcome.judgement == "not_a_hate_crime"


def test_a_waiting_group_escalation_is_chased_like_a_comment(people, breach):
    with time_machine.travel(WEDNESDAY, tick=False):
        escalation = group_escalated(breach, by=people["moderator"])
    assert remind_waiting(at(2026, 11, 26, 10)) == 0
    assert remind_waiting(at(2026, 11, 27, 10, 5)) == 1
    chase = Notice.objects.get(recipient=people["ceo"], key=f"escalation-{escalation.pk}:waiting")
    assert "what Val Thompson posted in the Volunteers WhatsApp group" in chase.body


def test_the_list_says_which_source_each_is_in_a_fixed_number_of_queries(
        people, login, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moderator = people["moderator"]
    escalated(by=moderator)
    group_escalated(by=moderator)
    client = login(people["ceo"])
    client.get(reverse("moderation_escalations"))
    with CaptureQueriesContext(connection) as small:
        page = client.get(reverse("moderation_escalations")).text
    assert page.count("data-source>Comment<") == 1
    assert page.count("data-source>WhatsApp group<") == 1
    assert " in the Volunteers group</a>" in page
    for _ in range(3):
        escalated(by=moderator)
        group_escalated(by=moderator)
    with django_assert_num_queries(len(small)):
        page = client.get(reverse("moderation_escalations")).text
    assert page.count("data-source>WhatsApp group<") == 4
    # The moderator who raised them sees them; another moderator none.
    assert login(person(Role.MODERATOR)).get(reverse("moderation_escalations")).text.count(
        "data-source>") == 0


def test_both_board_reports_count_each_source(people, login):
    with time_machine.travel(at(2026, 11, 2, 9), tick=False):
        escalated(by=people["moderator"])
        group_escalated(by=people["moderator"])
        group_escalated(by=people["moderator"])
    client = login(people["ceo"])
    query = "starts=2026-11-01&ends=2026-11-30"
    page = client.get(reverse("moderation_escalation_report") + "?" + query).text
    assert "By source" in page
    rows = list(csv.reader(io.StringIO(client.get(
        reverse("moderation_escalation_report") + f"?{query}&format=csv").content.decode())))
    assert ["source", "Comment", "1"] in rows and ["source", "WhatsApp group", "2"] in rows
    with time_machine.travel(at(2026, 12, 2, 9), tick=False):
        board_page = client.get(reverse("reports_board") + "?" + query).text
    assert "1 from comments, 2 from WhatsApp groups" in board_page


def test_privacy_keeps_it_apart_from_comments_and_the_member_gets_it_in_a_subject_access(
        people, breach):
    comment = escalated(by=people["moderator"])
    group = group_escalated(breach, by=people["moderator"])
    assert holdings.escalated_item_ids() == {comment.item_id}
    export = user_export(breach.membership.person)
    assert [e["escalation"] for e in export["whatsapp_escalations"]] == [group.pk]
    assert export["whatsapp_escalations"][0]["evidence"]["text"] == HATEFUL_GROUP_POST
