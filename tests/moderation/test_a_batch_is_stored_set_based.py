"""A delivery's new comments are stored together: authors found or made at once, one INSERT for
the items and one for their findings, so the queries do not grow with the batch. Each item still
gets what `ingest` gives one (screening, the safeguarding hook, its arrival time)."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation.intake.services import process_delivery
from moderation.models import Author, Item, WebhookDelivery
from safeguarding.models import Concern

from .conftest import facebook_comment, website_comment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def _delivery(channel, comments):
    return WebhookDelivery.objects.create(
        kind="channel", channel=channel, body=json.dumps({"comments": comments}),
        received_at=NOW)


def _queries_for(channel, count, start):
    comments = [website_comment(f"c-{n}", author_id=f"u-{n % 7}", author_name=f"Name {n % 7}",
                                text="You absolute idiot" if n % 2 else "Thanks for this")
                for n in range(start, start + count)]
    delivery = _delivery(channel, comments)
    with CaptureQueriesContext(connection) as queries:
        assert process_delivery(delivery.pk) == count
    return len(queries)


def test_the_queries_do_not_grow_with_the_batch(website):
    with time_machine.travel(NOW, tick=False):
        _queries_for(website, 1, 1000)  # builds the screener from the word lists
        few = _queries_for(website, 5, 0)
        many = _queries_for(website, 80, 100)
    assert many == few
    assert Item.objects.count() == 86
    assert Author.objects.filter(channel=website).count() == 7
    assert Item.objects.filter(severity__gt=0, findings__isnull=False).distinct().count() == 42
    assert set(Item.objects.values_list("received_at", flat=True)) == {NOW}


def test_repeats_and_comments_already_stored_are_skipped_and_names_follow_the_latest(website):
    with time_machine.travel(NOW, tick=False):
        process_delivery(_delivery(website, [website_comment("c-1")]).pk)
        delivery = _delivery(website, [
            website_comment("c-1"), website_comment("c-2", author_name="Sam Renamed"),
            website_comment("c-2"),
        ])
        assert process_delivery(delivery.pk) == 1
    assert Item.objects.count() == 2
    assert Author.objects.get().name == "Sam Renamed"


def test_each_item_of_a_batch_gets_the_safeguarding_hook(website):
    with time_machine.travel(NOW, tick=False):
        process_delivery(_delivery(website, [
            website_comment("c-1", text="I can't go on, I want to end my life"),
            website_comment("c-2", text="Lovely service at the library"),
        ]).pk)
    assert list(Concern.objects.values_list("item__platform_item_id", flat=True)) == ["c-1"]


def test_new_meta_comments_are_stored_together(post_meta, facebook):
    payload = facebook_comment("1122334455_1")
    for n in range(2, 6):
        payload["entry"][0]["changes"].append(
            facebook_comment(f"1122334455_{n}")["entry"][0]["changes"][0])
    with time_machine.travel(NOW, tick=False):
        assert post_meta(payload).status_code == 200
    assert Item.objects.filter(channel=facebook).count() == 5
    assert WebhookDelivery.objects.get().items_created == 5
