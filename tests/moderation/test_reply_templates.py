"""Reply templates: what moderators prepare must be something the reply page can send."""

import pytest
from django.urls import reverse

from moderation.queue_forms import REPLY_MAX_LENGTH
from moderation.queue_models import ReplyTemplate
from tests.moderation.queue_support import moderator

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
