"""What a decision asks of a platform the app cannot reach is a to-do the moderator confirms,
once. (Acting through the Graph API: test_platform_actions_on_meta.py.)"""

import pytest

from core.errors import Refused
from moderation.models import PlatformAction
from moderation.queue import services
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def facebook_item():
    channel = ChannelFactory(platform="facebook")
    return flagged_item("what rubbish", "rubbish", channel=channel)


def _delete(item):
    services.decide(
        item_id=item.pk,
        actor=moderator(),
        action="delete",
        seen=0,
        terms=["inappropriate_material"],
    )
    return PlatformAction.objects.get()


def test_on_a_channel_not_connected_the_action_waits_for_a_person(facebook_item):
    action = _delete(facebook_item)
    assert (action.status, action.by_hand) == ("pending", True)


def test_confirming_marks_it_done_and_the_comment_removed(facebook_item):
    action = _delete(facebook_item)
    services.confirm_done(action.pk, moderator())
    action.refresh_from_db()
    facebook_item.refresh_from_db()
    assert action.status == "done"
    assert facebook_item.removed_on_platform_at == action.completed_at


def test_confirming_twice_is_refused(facebook_item):
    action = _delete(facebook_item)
    me = moderator()
    services.confirm_done(action.pk, me)
    with pytest.raises(Refused):
        services.confirm_done(action.pk, me)
