"""Single deliveries are gathered so that one task carries many: while a delivery's task is on
its way, a new delivery sends none, and the task takes every delivery waiting when it starts.
Nothing is left behind: a delivery stored once the task has started sends a task of its own."""

import pytest
from django.core.cache import cache

from moderation import tasks
from moderation.intake import webhook_views
from moderation.models import Item, WebhookDelivery

from .conftest import website_comment

pytestmark = pytest.mark.django_db


class Held(list):
    broker_down = False


@pytest.fixture
def sent(monkeypatch, settings):
    """The tasks the webhook sends, held instead of run; with a shared cache (Redis)."""
    settings.REDIS_URL = "redis://shared-cache.invalid/0"  # only its being set matters here
    cache.clear()
    held = Held()

    def _enqueue(task, pk) -> bool:
        held.append(pk)
        return not getattr(held, "broker_down", False)

    monkeypatch.setattr(webhook_views, "enqueue", _enqueue)
    return held


def test_deliveries_arriving_while_a_task_is_on_its_way_ride_with_it(post_channel, website,
                                                                      sent):
    for n in range(5):
        assert post_channel(website, website_comment(f"c-{n}")).status_code == 202
    assert len(sent) == 1  # one task for the five
    assert WebhookDelivery.objects.filter(processed_at__isnull=True).count() == 5

    tasks.process_delivery(sent[0])

    assert sorted(Item.objects.values_list("platform_item_id", flat=True)) == [
        f"c-{n}" for n in range(5)]
    assert not WebhookDelivery.objects.filter(processed_at__isnull=True).exists()


def test_a_delivery_after_the_task_started_sends_its_own(post_channel, website, sent):
    post_channel(website, website_comment("first"))
    tasks.process_delivery(sent[0])
    post_channel(website, website_comment("second"))

    assert len(sent) == 2
    tasks.process_delivery(sent[1])
    assert Item.objects.filter(platform_item_id="second").exists()


def test_without_a_shared_cache_every_delivery_sends_its_task(post_channel, website, sent,
                                                              settings):
    settings.REDIS_URL = ""
    for n in range(3):
        post_channel(website, website_comment(f"c-{n}"))
    assert len(sent) == 3


def test_a_task_that_could_not_be_sent_holds_nothing_back(post_channel, website, sent):
    sent.broker_down = True
    post_channel(website, website_comment("during"))
    sent.broker_down = False
    post_channel(website, website_comment("after"))

    assert len(sent) == 2  # the second tried again: nothing was on its way
    tasks.process_delivery(sent[1])
    assert set(Item.objects.values_list("platform_item_id", flat=True)) == {"during", "after"}


def test_a_task_checks_the_word_lists_version_once_for_all_it_carries(
    post_channel, website, sent, monkeypatch
):
    from moderation.intake import screener

    for n in range(5):
        post_channel(website, website_comment(f"c-{n}"))
    checks = []
    version = screener._version
    monkeypatch.setattr(screener, "_version", lambda: checks.append(1) or version())

    tasks.process_delivery(sent[0])

    assert Item.objects.count() == 5
    assert len(checks) == 1  # not one round trip to the cache a comment
