import pytest
from django.urls import reverse

from moderation.queue import services
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


def test_the_decided_tab_does_not_say_waiting_and_the_flagged_tab_does(login):
    flagged_item("damn it", "damn")
    decided = flagged_item("darn it", "darn")
    who = moderator()
    services.decide(item_id=decided.pk, actor=who, action="keep", seen=0)
    client = login(who)
    done = client.get(reverse("moderation_queue"), {"tab": "decided"}).content.decode()
    assert "· arrived" in done and "waiting" not in done.split('data-queue')[1]
    flagged = client.get(reverse("moderation_queue")).content.decode()
    assert "· waiting" in flagged
