"""A delivery whose task never ran (broker down, worker killed) is processed by the sweep within
about a minute: every minute, oldest first, with no cap that leaves work behind. An item's clock
starts when its delivery arrived, not when a worker stored it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from moderation import tasks
from moderation.intake.services import process_waiting_deliveries
from moderation.models import Item, WebhookDelivery

from .conftest import website_comment

pytestmark = pytest.mark.django_db(transaction=True)

ARRIVED = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def _arrive_with_the_broker_down(post_channel, website, count: int, start: int = 0):
    for n in range(start, start + count):
        response = post_channel(website, website_comment(f"c-{n}"))
        assert response.status_code == 202


def test_deliveries_accepted_while_the_broker_is_down_are_swept_oldest_first(
    post_channel, website, broker_down,
):
    with time_machine.travel(ARRIVED, tick=False) as clock:
        for n in range(130):  # more than one batch of the sweep
            _arrive_with_the_broker_down(post_channel, website, 1, start=n)
            clock.shift(timedelta(milliseconds=10))
        assert not Item.objects.exists()
        assert tasks.process_waiting_deliveries() == 0  # too soon: their tasks may come

        clock.shift(timedelta(seconds=31))
        assert tasks.process_waiting_deliveries() == 130

    assert not WebhookDelivery.objects.filter(processed_at__isnull=True).exists()
    by_storing = list(Item.objects.order_by("pk").values_list("platform_item_id", flat=True))
    assert by_storing == [f"c-{n}" for n in range(130)]


def test_the_sweep_stops_at_its_time_budget_and_the_next_run_goes_on(post_channel, website,
                                                                   broker_down):
    with time_machine.travel(ARRIVED, tick=False) as clock:
        _arrive_with_the_broker_down(post_channel, website, 3)
        clock.shift(timedelta(minutes=1))
        assert process_waiting_deliveries(budget_seconds=0) == 0
        assert process_waiting_deliveries(budget_seconds=50) == 3


def test_an_items_clock_starts_when_its_delivery_arrived(post_channel, website, broker_down):
    with time_machine.travel(ARRIVED, tick=False) as clock:
        _arrive_with_the_broker_down(post_channel, website, 1)
        clock.shift(timedelta(minutes=9))
        tasks.process_waiting_deliveries()

    item = Item.objects.get()
    assert item.received_at == ARRIVED == WebhookDelivery.objects.get().received_at
    assert item.screened_at == ARRIVED + timedelta(minutes=9)


@pytest.mark.django_db(transaction=False)  # the migrations' schedules, not flushed
def test_the_sweep_runs_every_minute():
    task = PeriodicTask.objects.select_related("interval").get(
        task="moderation.process_waiting_deliveries")
    assert (task.interval.every, task.interval.period) == (1, "minutes")
