"""Each poison input of issue 14 (findings 1, 2 and 6), sent in one delivery beside good
comments, through the signed webhooks with a real worker: either refused before the answer
with a clear JSON message and nothing stored, or accepted with every good comment stored
exactly once and the delivery not left waiting for ever; the queue pages answer afterwards."""

import json

import pytest
from django.urls import reverse

from moderation.models import Item, WebhookDelivery
from tests.factories import ChannelFactory
from tests.moderation.conftest import website_comment
from tests.moderation.queue_support import moderator

from .conftest import assert_stored_exactly_once, sweep, wait_until_settled

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

PAGE_ID = "104958162837"
NESTED = "[" * 100_000 + "]" * 100_000
GOOD = 3


def _good_website(case: str) -> list[dict]:
    return [website_comment(f"{case}-good-{k}", text=f"Good comment {k} on the clinic")
            for k in range(GOOD)]


def _facebook_change(comment_id: str, *, message="Thanks for the update",
                     author=("5544332211", "Pat Jones"), created_time=1795515300) -> dict:
    return {"field": "feed", "value": {
        "from": {"id": author[0], "name": author[1]},
        "message": message,
        "post_id": f"{PAGE_ID}_1122334455",
        "comment_id": comment_id,
        "created_time": created_time,
        "item": "comment",
        "parent_id": f"{PAGE_ID}_1122334455",
        "verb": "add",
    }}


def _meta_body(case: str, poison: dict) -> dict:
    good = [_facebook_change(f"{case}-good-{k}", message=f"Good comment {k}")
            for k in range(GOOD)]
    return {"object": "page", "entry": [
        {"id": PAGE_ID, "time": 1795515301, "changes": [*good[:1], poison, *good[1:]]}]}


# name: (webhook, poison comment or change). The channel webhook takes comment fields, the
# Meta webhook a whole change; "nested" is put in place of the marker after encoding.
WEBSITE = {
    "nul in text": {"text": "Good work\x00 today"},
    "nul in name": {"author_name": "Sam\x00Visitor"},
    "nul in id": {"id": "poison\x00id"},
    "lone surrogate in text": {"text": "Good work \ud800 today"},
    "lone surrogate in name": {"author_name": "Sam \udfff"},
    "lone surrogate in id": {"id": "poison-\ud800"},
    "posted at the end of year 9999 west of UTC": {"posted_at": "9999-12-31T23:59:59-14:00"},
    "posted in year 1 east of UTC": {"posted_at": "0001-01-01T00:00:00+01:00"},
    "100,000 nested brackets": {"extra": "__NESTED__"},
}
META = {
    "nul in text": _facebook_change("poison-nul", message="Hello\x00 there"),
    "lone surrogate in name": _facebook_change("poison-sur", author=("77", "Pat \ud800")),
    "lone surrogate in id": _facebook_change("poison-\udbff"),
    "300-character id": _facebook_change("9" * 300),
    "300-character name": _facebook_change("poison-name", author=("77", "N" * 300)),
    "created_time 1e20": _facebook_change("poison-time", created_time=1e20),
    "created in year 9999 as text": _facebook_change(
        "poison-9999", created_time="9999-12-31T23:59:59-14:00"),
    "text of 20,001 characters": _facebook_change("poison-long", message="a" * 20_001),
    "100,000 nested brackets": {**_facebook_change("poison-nest"), "extra": "__NESTED__"},
}


def _encode(payload: dict) -> bytes:
    return json.dumps(payload).replace('"__NESTED__"', NESTED).encode()


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def _sent_and_answered(kind: str, case: str, send, settings):
    if kind == "website":
        channel = ChannelFactory(platform="website", name="Website comments")
        good = _good_website(case)
        poison = website_comment(f"{case}-poison") | WEBSITE[case]
        body = _encode({"comments": [good[0], poison, *good[1:]]})
        return channel, [c["id"] for c in good], send.channel(channel, body=body)
    channel = ChannelFactory(platform="facebook", name="HWS Facebook",
                             platform_account_id=PAGE_ID)
    body = _encode(_meta_body(case, META[case]))
    return channel, [f"{case}-good-{k}" for k in range(GOOD)], send.meta(body=body)


@pytest.mark.parametrize(("kind", "case"), [
    *(("website", case) for case in WEBSITE),
    *(("meta", case) for case in META),
])
def test_poison_input_is_refused_whole_or_loses_no_good_comment(
    kind, case, worker, app_on_fault_redis, send, client, settings, screening_words
):
    channel, good_ids, response = _sent_and_answered(kind, case, send, settings)

    if response.status_code >= 400:
        assert response.status_code in (400, 413), response.content[:300]
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"], "a refusal says why"
        assert not WebhookDelivery.objects.exists()
        assert not Item.objects.exists()
    else:
        assert response.status_code in (200, 202)
        wait_until_settled(timeout=20)
        sweep()
        wait_until_settled(timeout=10)
        assert_stored_exactly_once(channel, good_ids, others_at_most=1)

    client.force_login(moderator())
    for tab in ("flagged", "clean", "decided"):
        page = client.get(reverse("moderation_queue") + f"?tab={tab}")
        assert page.status_code == 200, tab
    for pk in Item.objects.values_list("pk", flat=True):
        assert client.get(reverse("moderation_item", args=[pk])).status_code == 200
    assert client.get(reverse("moderation_log_comment")).status_code == 200
