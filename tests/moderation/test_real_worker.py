"""With a real Celery worker (not eager mode): a webhook delivery is stored, queued, and the
worker turns it into a screened Item."""

import time

import pytest

from moderation.models import Item, WebhookDelivery

from .conftest import website_comment


@pytest.mark.django_db(transaction=True)
def test_a_webhook_delivery_becomes_a_screened_item_through_a_real_worker(
    celery_worker, post_channel, website
):
    batch = {"comments": [website_comment("w-1", text="Ring me on 07700 900077"),
                          website_comment("w-2", text="Thank you")]}
    response = post_channel(website, batch)
    assert response.status_code == 202
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if WebhookDelivery.objects.filter(processed_at__isnull=False).exists():
            break
        time.sleep(0.1)
    delivery = WebhookDelivery.objects.get()
    assert delivery.processed_at is not None, "the worker never processed the delivery"
    assert delivery.items_created == 2
    item = Item.objects.get(platform_item_id="w-1")
    assert item.screened_at is not None
    assert item.severity == 3
    assert item.findings.get().kind == "phone"
