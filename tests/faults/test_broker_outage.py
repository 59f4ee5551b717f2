"""Redis, the broker, stops while deliveries arrive: they are still answered 202, and once it
is back every accepted comment reaches the queue exactly once (issue 14, finding 5).

Redis here keeps nothing on disk, so the tasks it held die with it: only the deliveries stored
before the 202, and the sweep, bring those comments in."""

import pytest

from moderation.models import WebhookDelivery
from tests.factories import ChannelFactory
from tests.moderation.conftest import website_comment

from .conftest import assert_stored_exactly_once, sweep, wait_until_settled
from .support import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

PER_DELIVERY = 5


def test_deliveries_during_a_broker_outage_are_answered_and_each_comment_stored_once(
    redis_server, start_worker, app_on_fault_redis, send, screening_words
):
    website = ChannelFactory(platform="website", name="Website comments")
    worker = start_worker()
    sent: list[str] = []

    def deliver(phase: str, count: int) -> None:
        for n in range(count):
            ids = [f"{phase}-{n}-{k}" for k in range(PER_DELIVERY)]
            response = send.channel(website, {"comments": [
                website_comment(i, text=f"Comment {i} about GP waiting times") for i in ids]})
            assert response.status_code == 202, (phase, response.content)
            assert response.json()["accepted"] == PER_DELIVERY
            sent.extend(ids)

    deliver("before", 6)
    redis_server.stop()
    deliver("during", 8)  # every one still answered 202: stored, its task not sent
    assert WebhookDelivery.objects.count() == 14
    redis_server.start()
    # The worker reconnects by itself, or exits (kombu 5.7 can, with "Unrecoverable error:
    # AttributeError" from restore_unacked, when Redis drops while a task is unacknowledged):
    # then it is started again, as docker-compose's `restart: unless-stopped` does.
    wait_for(lambda: worker.exited() or worker.log().count("Connected to redis") > 1,
             timeout=45, what=lambda: f"the worker to reconnect or exit:\n{worker.log()[-2000:]}")
    if worker.exited():
        worker = start_worker()
    deliver("after", 6)

    # It takes what is sent from now on ...
    wait_for(lambda: WebhookDelivery.objects.filter(
        pk__in=WebhookDelivery.objects.order_by("-pk").values("pk")[:6],
        processed_at__isnull=False).count() == 6,
        timeout=45, what=lambda: f"the worker to take deliveries again:\n{worker.log()[-2000:]}")
    # ... and the sweep brings in what the outage left behind.
    sweep()
    wait_until_settled(timeout=30)

    assert not WebhookDelivery.objects.filter(failed_at__isnull=False).exists()
    assert_stored_exactly_once(website, sent)
