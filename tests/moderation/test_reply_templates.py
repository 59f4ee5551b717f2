"""Reply templates and the private reply: what moderators prepare can be sent, and the reply
page is offered only where a reply can follow."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from moderation.models import Decision, PlatformAction, ReplyTemplate
from moderation.queue.forms import REPLY_MAX_LENGTH
from tests.factories import flagged_item, person
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db


def test_a_template_longer_than_a_reply_can_be_is_refused_and_not_saved(client):
    client.force_login(moderator())
    response = client.post(reverse("moderation_reply_template_new"), {
        "name": "Too long", "term": "personal_details", "text": "x" * (REPLY_MAX_LENGTH + 1),
        "active": "on",
    })
    assert response.status_code == 200
    assert f"A reply can be at most {REPLY_MAX_LENGTH:,} characters" in response.text
    assert not ReplyTemplate.objects.filter(name="Too long").exists()


def test_a_template_of_the_longest_reply_is_saved(client):
    client.force_login(moderator())
    client.post(reverse("moderation_reply_template_new"), {
        "name": "Just fits", "term": "personal_details", "text": "x" * REPLY_MAX_LENGTH,
        "active": "on",
    })
    assert ReplyTemplate.objects.filter(name="Just fits").exists()


def test_the_reply_page_is_not_offered_for_a_decision_that_removed_nothing(client):
    item = flagged_item("Ring me on 07700 900461", "07700 900461", term="personal_details",
                        kind="phone", severity=3)
    client.force_login(moderator())
    post_decision(client, item, "keep")
    decision = Decision.objects.get()
    response = client.get(reverse("moderation_reply", args=[decision.pk]), follow=True)
    assert response.request["PATH_INFO"] == reverse("moderation_item", args=[item.pk])
    assert "did not remove the comment" in response.text
    assert 'name="text"' not in response.text


def test_the_reply_page_is_not_offered_twice(client):
    item = flagged_item("Ring me on 07700 900461", "07700 900461", term="personal_details",
                        kind="phone", severity=3)
    client.force_login(moderator())
    post_decision(client, item, "delete", terms=["personal_details"])
    decision = Decision.objects.get()
    url = reverse("moderation_reply", args=[decision.pk])
    client.post(url, {"text": "Please message us."})
    response = client.get(url, follow=True)
    assert "already on record" in response.text
    assert PlatformAction.objects.filter(kind="reply").count() == 1


def test_only_a_moderator_sends_the_reply(client):
    item = flagged_item("Ring me on 07700 900461", "07700 900461", term="personal_details",
                        kind="phone", severity=3)
    client.force_login(moderator())
    post_decision(client, item, "delete", terms=["personal_details"])
    client.force_login(person(Role.CHIEF_EXECUTIVE))
    url = reverse("moderation_reply", args=[Decision.objects.get().pk])
    assert client.post(url, {"text": "Hello"}).status_code == 403
    assert not PlatformAction.objects.filter(kind="reply").exists()
