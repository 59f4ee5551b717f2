"""A worker killed with kill -9 in the middle of a batch: another starts, the sweep runs, and
every accepted comment is stored exactly once (issue 14, finding 5). The deliveries it was
processing were rolled back with its connections; their tasks, taken from Redis but never
acknowledged, come back only through the sweep."""

import pytest

from moderation.models import WebhookDelivery
from tests.factories import ChannelFactory
from tests.moderation.conftest import website_comment

from .conftest import assert_stored_exactly_once, sweep, wait_until_settled
from .support import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

DELIVERIES = 40
PER_DELIVERY = 40


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(
    redis_server, start_worker, app_on_fault_redis, send, screening_words
):
    website = ChannelFactory(platform="website", name="Website comments")
    sent: list[str] = []
    for n in range(DELIVERIES):
        ids = [f"d{n}-c{k}" for k in range(PER_DELIVERY)]
        response = send.channel(website, {"comments": [
            website_comment(i, text=f"Comment {i}: the pharmacy queue was long") for i in ids]})
        assert response.status_code == 202
        sent.extend(ids)

    first = start_worker()
    processed = WebhookDelivery.objects.filter(processed_at__isnull=False)
    wait_for(processed.exists, timeout=45, every=0.02,
             what=lambda: f"the first worker to process a delivery:\n{first.log()[-2000:]}")
    first.kill()
    done_at_kill = processed.count()
    assert done_at_kill < DELIVERIES, "the batch was over before the kill: make it longer"

    second = start_worker()
    # The killed task took the deliveries gathered behind it down with it (they wait for the
    # sweep); the next delivery's task, on the second worker, takes them all with its own.
    ids = [f"after-kill-c{k}" for k in range(PER_DELIVERY)]
    response = send.channel(website, {"comments": [
        website_comment(i, text=f"Comment {i}: the pharmacy queue was long") for i in ids]})
    assert response.status_code == 202
    sent.extend(ids)
    wait_for(lambda: processed.count() > done_at_kill, timeout=45,
             what=lambda: f"the second worker to go on:\n{second.log()[-2000:]}")
    sweep()
    wait_until_settled(timeout=45)

    assert not WebhookDelivery.objects.filter(failed_at__isnull=False).exists()
    assert_stored_exactly_once(website, sent)
