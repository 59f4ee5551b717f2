"""A comment edited after a decision is screened again; if the new text has findings it comes
back to the queue marked "edited after a decision", showing both texts, with its clock started
again."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Notice
from moderation.models import Item
from moderation.tasks import alert_overdue_items
from tests.moderation.queue_support import moderator, post_decision

from .conftest import facebook_comment

pytestmark = pytest.mark.django_db
START = timezone.datetime(2026, 11, 24, 9, 0, tzinfo=timezone.get_current_timezone())
KEPT = "Lovely staff at the clinic"
EDITED = "Lovely staff. Ring me on 07700 900077, 12 Carshalton Road SM5 3AB"


def _kept_then_edited(client, post_meta, traveller, edited=EDITED):
    me = moderator()
    post_meta(facebook_comment(message=KEPT))
    item = Item.objects.get()
    client.force_login(me)
    post_decision(client, item, "keep")
    traveller.shift(timedelta(hours=3))
    post_meta(facebook_comment(verb="edited", message=edited))
    item.refresh_from_db()
    return me, item


def test_an_edit_with_findings_brings_a_decided_comment_back_marked(client, post_meta, facebook):
    with time_machine.travel(START, tick=False) as traveller:
        me, item = _kept_then_edited(client, post_meta, traveller)
        assert item.reopened_at == START + timedelta(hours=3)
        assert item.decided_text == KEPT
        assert AuditEvent.objects.filter(action="moderation.reopened_after_edit").count() == 1

        flagged = client.get(reverse("moderation_queue"))
        assert "Edited after a decision" in flagged.text
        assert "07700 900077" in flagged.text
        assert "Nothing is waiting" not in flagged.text
        decided = client.get(reverse("moderation_queue"), {"tab": "decided"})
        assert "07700 900077" not in decided.text

        page = client.get(reverse("moderation_item", args=[item.pk]))
        assert "Edited after a decision" in page.text
        assert KEPT in page.text and "Carshalton Road" in page.text
        assert 'id="decide-heading"' in page.text

        # Deciding again settles it: a new decision that corrects the one made on the old text.
        post_decision(client, item, "delete", seen=1, terms=["personal_details"],
                      corrects=item.decisions.get().pk)
        assert item.decisions.count() == 2
        decided = client.get(reverse("moderation_queue"), {"tab": "decided"})
        assert "07700 900077" in decided.text
        page = client.get(reverse("moderation_item", args=[item.pk]))
        assert 'id="decide-heading"' not in page.text


def test_the_clock_of_a_comment_brought_back_starts_again(client, post_meta, facebook, settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    with time_machine.travel(START, tick=False) as traveller:
        me, item = _kept_then_edited(client, post_meta, traveller)
        traveller.shift(timedelta(minutes=59))
        assert alert_overdue_items.delay().get() == 0
        traveller.shift(timedelta(minutes=2))
        assert alert_overdue_items.delay().get() == 1
        assert Notice.objects.filter(recipient=me, key=f"item-{item.pk}:overdue").count() == 1
        assert alert_overdue_items.delay().get() == 0


def test_an_edit_that_screening_finds_clean_leaves_the_decision_standing(
    client, post_meta, facebook
):
    with time_machine.travel(START, tick=False) as traveller:
        _me, item = _kept_then_edited(client, post_meta, traveller, edited="Lovely staff, thanks")
        # Asked at the same moment: the session signed in at START lasts two weeks, not for ever.
        decided = client.get(reverse("moderation_queue"), {"tab": "decided"})
    assert item.reopened_at is None
    assert item.text == "Lovely staff, thanks"
    assert "Lovely staff, thanks" in decided.text


def test_an_edit_before_any_decision_keeps_the_first_clock(client, post_meta, facebook):
    post_meta(facebook_comment(message=KEPT))
    post_meta(facebook_comment(verb="edited", message=EDITED))
    item = Item.objects.get()
    assert item.reopened_at is None and item.decided_text == ""
    assert item.severity == 3
