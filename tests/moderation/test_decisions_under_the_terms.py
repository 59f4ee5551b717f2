import pytest
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEvent, Notice
from escalations.models import Escalation
from moderation.models import Block, Decision, PlatformAction
from tests.factories import flagged_item, person
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return flagged_item(
        "Ring me on 07700 900461", "07700 900461", term="personal_details", kind="phone", severity=3
    )


@pytest.mark.parametrize("action", ["delete", "block", "block_delete"])
def test_a_delete_or_block_without_a_term_is_refused_and_changes_nothing(client, item, action):
    client.force_login(moderator())
    response = post_decision(client, item, action, terms=[], follow=True)
    assert "cite at least one of the policy&#x27;s terms" in response.text
    assert not Decision.objects.exists()
    assert not Block.objects.exists()


def test_a_delete_records_who_when_what_and_why(client, item):
    me = moderator()
    client.force_login(me)
    post_decision(client, item, "delete", terms=["personal_details"], note="Phone number")
    decision = Decision.objects.get()
    assert (decision.action, decision.terms, decision.note) == (
        "delete",
        ["personal_details"],
        "Phone number",
    )
    assert decision.decided_by == me and decision.decided_at is not None
    event = AuditEvent.objects.get(action="moderation.decide")
    assert event.details["terms"] == ["personal_details"]


def test_an_unknown_term_is_refused(client, item):
    client.force_login(moderator())
    response = post_decision(client, item, "delete", terms=["being_rude"], follow=True)
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_a_report_needs_the_platforms_reference(client, item):
    client.force_login(moderator())
    response = post_decision(client, item, "report", report_reference="  ", follow=True)
    assert "reference the platform gave" in response.text
    assert not Decision.objects.exists()
    post_decision(client, item, "report", report_reference="FB-REP-7781")
    assert Decision.objects.get().report_reference == "FB-REP-7781"
    assert PlatformAction.objects.get().kind == "report"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.DIRECTOR, Role.STAFF])
def test_people_without_the_moderator_role_cannot_decide(client, item, role):
    client.force_login(person(role))
    response = post_decision(client, item, "keep")
    assert response.status_code == 403
    assert client.get(reverse("moderation_queue")).status_code == 403
    assert not Decision.objects.exists()


def test_the_chief_executive_sees_the_queue_but_decisions_are_the_moderators(client, item):
    client.force_login(person(Role.CHIEF_EXECUTIVE))
    assert client.get(reverse("moderation_queue")).status_code == 200
    assert client.get(reverse("moderation_item", args=[item.pk])).status_code == 200
    assert post_decision(client, item, "keep").status_code == 403


def test_block_with_delete_blocks_the_author_and_lists_them(client, item):
    me = moderator()
    client.force_login(me)
    post_decision(client, item, "block_delete", terms=["personal_details", "bullying"])
    block = Block.objects.get()
    assert block.author == item.author and block.lifted_by is None
    assert sorted(PlatformAction.objects.values_list("kind", flat=True)) == ["block", "delete"]
    page = client.get(reverse("moderation_blocked"))
    assert item.author.name in page.text
    assert "using the page/tool to bully other users" in page.text


def test_unblocking_is_a_decision_with_a_reason(client, item):
    client.force_login(moderator())
    post_decision(client, item, "block", terms=["bullying"])
    block = Block.objects.get()
    client.post(reverse("moderation_unblock", args=[block.pk]), {"reason": ""})
    block.refresh_from_db()
    assert block.lifted_by is None
    client.post(reverse("moderation_unblock", args=[block.pk]), {"reason": "Apologised by email"})
    block.refresh_from_db()
    assert block.lifted_by.action == "unblock"
    assert block.lifted_by.note == "Apologised by email"
    assert "Apologised by email" in client.get(reverse("moderation_blocked")).text


@pytest.mark.parametrize("reason, message", [
    ("", "Nothing was changed: give the reason for unblocking."),
    ("   ", "Nothing was changed: give the reason for unblocking."),
    ("x" * 4001, "Nothing was changed: the reason can be at most 4000 characters (it has 4001)."),
])
def test_an_unblock_reason_that_is_missing_or_too_long_is_refused_saying_which(
        client, item, reason, message):
    client.force_login(moderator())
    post_decision(client, item, "block", terms=["bullying"])
    block = Block.objects.get()
    response = client.post(reverse("moderation_unblock", args=[block.pk]), {"reason": reason},
                           follow=True)
    assert message in response.text
    block.refresh_from_db()
    assert block.lifted_by is None


def test_escalating_records_the_characteristics_and_tells_the_chief_executive(client):
    ceo = person(Role.CHIEF_EXECUTIVE)
    item = flagged_item(
        "go back to where you came from",
        "go back to where you came from",
        term="inappropriate_behaviour",
        kind="hate",
        severity=4,
        characteristic="race",
    )
    client.force_login(moderator())
    post_decision(client, item, "escalate", characteristics=[], follow=True)
    assert not Escalation.objects.exists()
    post_decision(
        client,
        item,
        "escalate",
        characteristics=["race"],
        note="Racist abuse",
        also_delete="on",
        terms=["inappropriate_behaviour"],
    )
    escalation = Escalation.objects.get()
    assert escalation.characteristics == ["race"]
    assert escalation.evidence["text"] == item.text
    notice = Notice.objects.get(recipient=ceo)
    assert "hate crime" in notice.subject
    assert escalation.decision.removes


def test_without_platform_credentials_the_moderator_confirms_it_was_done(client, item):
    me = moderator()
    client.force_login(me)
    post_decision(client, item, "delete", terms=["personal_details"])
    action = PlatformAction.objects.get()
    assert action.by_hand and action.status == "pending"
    page = client.get(reverse("moderation_item", args=[item.pk]))
    assert "The app has no way to act on the website. Do it on the website" in page.text
    client.post(reverse("moderation_confirm_done", args=[action.pk]))
    action.refresh_from_db()
    item.refresh_from_db()
    assert action.status == "done" and action.confirmed_by == me
    assert item.removed_on_platform_at is not None


def test_after_a_removal_for_personal_details_the_private_reply_is_offered(client, item):
    me = moderator()
    client.force_login(me)
    post_decision(client, item, "delete", terms=["personal_details"])
    decision = Decision.objects.get()
    page = client.get(reverse("moderation_item", args=[item.pk]))
    assert reverse("moderation_reply", args=[decision.pk]) in page.text
    reply = client.get(reverse("moderation_reply", args=[decision.pk]))
    assert "in confidence" in reply.text
    client.post(reverse("moderation_reply", args=[decision.pk]), {"text": "Please message us."})
    sent = PlatformAction.objects.get(kind="reply")
    assert sent.status == "done" and sent.confirmed_by == me


def test_after_the_last_flagged_item_the_moderator_lands_on_an_empty_queue(client, item):
    client.force_login(moderator())
    response = post_decision(client, item, "keep", follow=True)
    assert response.request["PATH_INFO"] == reverse("moderation_queue")
    assert "Nothing waiting here" in response.text
