from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import Notice
from moderation.home import attention
from moderation.models import Item
from moderation.queue import services
from moderation.tasks import alert_overdue_items
from tests.factories import flagged_item, person
from tests.moderation.queue_support import moderator

from .conftest import facebook_comment

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


@pytest.mark.parametrize("text", ["F*** off Healthwatch", "useless idiots the lot of you"])
def test_profanity_or_insults_aimed_at_someone_are_abuse_for_the_clock(
    text, post_meta, facebook, settings
):
    settings.MODERATION_OVERDUE_MINUTES = 60
    me = moderator()
    with time_machine.travel(START, tick=False) as traveller:
        post_meta(facebook_comment(message=text))
        post_meta(facebook_comment(comment_id="2", message="f***ing brilliant clinic, thank you"))
        traveller.shift(timedelta(minutes=61))
        assert alert_overdue_items.delay().get() == 1
    aimed = Item.objects.get(text=text)
    assert list(Notice.objects.values_list("recipient", "key")) == [
        (me.pk, f"item-{aimed.pk}:overdue")
    ]


def test_an_item_overdue_twice_over_is_raised_with_the_chief_executive_once(settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    moderator()
    ceo = person(Role.CHIEF_EXECUTIVE)
    with time_machine.travel(START, tick=False) as traveller:
        phone = flagged_item(
            "ring 07700 900461", "07700 900461", term="personal_details", kind="phone", severity=3
        )
        traveller.shift(timedelta(minutes=119))
        alert_overdue_items.delay().get()
        assert not Notice.objects.filter(recipient=ceo).exists()
        traveller.shift(timedelta(minutes=2))
        alert_overdue_items.delay().get()
        traveller.shift(timedelta(hours=6))
        alert_overdue_items.delay().get()
    raised = Notice.objects.get(recipient=ceo)
    assert raised.key == f"item-{phone.pk}:overdue-twice"
    assert raised.subject.startswith("Still undecided after 2")
    assert raised.url == reverse("moderation_item", args=[phone.pk])
