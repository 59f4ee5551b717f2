"""The same comment (channel + platform id) delivered again never makes a second item, even
when two deliveries race: the database's unique constraint decides."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from moderation.intake import services
from moderation.models import Author, Item
from tests.factories import ChannelFactory

from .conftest import website_comment


def _ingest(channel, comment_id="c-1", **extra):
    fields = {"platform_item_id": comment_id, "author_id": "u-1", "author_name": "Sam",
              "text": "Hello", "posted_at": datetime(2026, 11, 24, 14, 5, tzinfo=UTC),
              "source": Item.Source.JSON_WEBHOOK}
    fields.update(extra)
    return services.ingest(channel, **fields)


@pytest.mark.django_db
def test_the_same_comment_ingested_twice_is_one_item():
    channel = ChannelFactory()
    first, created = _ingest(channel)
    again, created_again = _ingest(channel, text="A different text this time")
    assert created and not created_again
    assert again.pk == first.pk
    assert Item.objects.count() == 1
    assert Item.objects.get().text == "Hello"


@pytest.mark.django_db
def test_the_same_comment_id_on_two_channels_is_two_items():
    _ingest(ChannelFactory())
    _ingest(ChannelFactory())
    assert Item.objects.count() == 2


@pytest.mark.django_db
def test_duplicate_webhook_deliveries_make_one_item(post_channel, website):
    batch = {"comments": [website_comment("c-1"), website_comment("c-1"), website_comment("c-2")]}
    post_channel(website, batch)
    post_channel(website, batch)
    assert sorted(Item.objects.values_list("platform_item_id", flat=True)) == ["c-1", "c-2"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_deliveries_make_one_item():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers on one file lock; the race needs PostgreSQL")
    channel = ChannelFactory()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def deliver():
        try:
            barrier.wait()
            results.append(_ingest(channel, "race-1"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Item.objects.filter(platform_item_id="race-1").count() == 1
    assert Author.objects.filter(channel=channel).count() == 1
    assert sum(created for _, created in results) == 1
    assert len({item.pk for item, _ in results}) == 1
