from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import Notice
from moderation.home import attention
from moderation.queue import services
from moderation.tasks import alert_overdue_items
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db
START = timezone.datetime(2026, 11, 24, 8, 0, tzinfo=timezone.get_current_timezone())


def test_overdue_items_alert_every_moderator_once_per_item(settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    alex, billie = moderator(), moderator()
    with time_machine.travel(START, tick=False) as traveller:
        phone = flagged_item(
            "ring 07700 900461", "07700 900461", term="personal_details", kind="phone", severity=3
        )
        bully = flagged_item("you idiot", "idiot", term="bullying", kind="insult", severity=3)
        mild = flagged_item("a bit rubbish", "rubbish", kind="suspect_word", severity=1)
        decided = flagged_item(
            "call 020 8123 4567", "020 8123 4567", term="personal_details", kind="phone", severity=3
        )
        # Kept: no action on the platform, whose own alert test_to_do_by_hand covers.
        services.decide(item_id=decided.pk, actor=alex, action="keep", seen=0)

        traveller.shift(timedelta(minutes=59))
        assert alert_overdue_items.delay().get() == 0

        traveller.shift(timedelta(minutes=2))
        assert alert_overdue_items.delay().get() == 2
        keys = set(Notice.objects.values_list("recipient_id", "key"))
        assert keys == {
            (who.pk, f"item-{item.pk}:overdue") for who in (alex, billie) for item in (phone, bully)
        }

        traveller.shift(timedelta(minutes=5))
        assert alert_overdue_items.delay().get() == 0
        traveller.shift(timedelta(hours=5))
        assert alert_overdue_items.delay().get() == 0
    assert Notice.objects.count() == 4
    assert not Notice.objects.filter(key=f"item-{mild.pk}:overdue").exists()


def test_the_queue_and_the_home_page_show_what_is_overdue(client, settings):
    settings.MODERATION_OVERDUE_MINUTES = 30
    me = moderator()
    with time_machine.travel(START, tick=False) as traveller:
        flagged_item(
            "ring 07700 900461", "07700 900461", term="personal_details", kind="phone", severity=3
        )
        flagged_item("a bit rubbish", "rubbish", kind="suspect_word", severity=1)
        traveller.shift(timedelta(minutes=45))
        lines = [a.text for a in attention(me)]
        assert lines[0].startswith("1 comment about personal information or abuse has waited")
        assert "2 comments waiting for a decision; the oldest arrived 45\xa0minutes ago" in lines[1]
        client.force_login(me)
        page = client.get(reverse("moderation_queue"))
        assert page.text.count(">Overdue<") == 1


def test_nothing_waiting_means_nothing_on_the_home_page():
    assert attention(moderator()) == []
