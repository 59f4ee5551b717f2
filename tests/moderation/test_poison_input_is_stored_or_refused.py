"""Every value a webhook accepts can be stored: what the database cannot hold is made storable
(NUL removed, lone surrogates replaced) or refused before the answer that accepts it, with a
message the sender can act on. Nothing answered 202 / EVENT_RECEIVED is left unstored."""

import json
from datetime import UTC, datetime

import pytest
import time_machine

from moderation.models import Item, WebhookDelivery

from .conftest import PAGE_ID, facebook_comment, website_comment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _raw(payload) -> bytes:
    # json.dumps writes "\u0000" and "\ud800" as escapes, as a sender's JSON library would.
    return json.dumps(payload).encode()


def _every_delivery_done():
    assert not WebhookDelivery.objects.filter(processed_at__isnull=True).exists()


def test_nul_and_lone_surrogates_in_a_signed_comment_are_made_storable(post_channel, website):
    comment = website_comment("id\x00-1\ud800", author_id="u\x00-42",
                              author_name="Sam\x00 \ud800Visitor",
                              text="Bad\x00 text \udfff here")
    response = post_channel(website, None, body=_raw(comment))

    assert response.status_code == 202
    item = Item.objects.get()
    assert item.platform_item_id == "id-1\ufffd"
    assert item.author.platform_author_id == "u-42"
    assert item.author.name == "Sam \ufffdVisitor"
    assert item.text == "Bad text \ufffd here"
    _every_delivery_done()


def test_nul_and_lone_surrogates_in_a_meta_comment_are_made_storable(post_meta, facebook):
    payload = facebook_comment(message="Hello\x00 \ud800 there", author=("55\x0044", "Pat\x00"))

    response = post_meta(None, body=_raw(payload))

    assert response.status_code == 200
    item = Item.objects.get()
    assert item.text == "Hello \ufffd there"
    assert item.author.platform_author_id == "5544"
    assert item.author.name == "Pat"
    _every_delivery_done()


def test_a_meta_comment_with_an_id_too_long_is_skipped_and_the_others_are_stored(
    post_meta, facebook, caplog,
):
    payload = facebook_comment(f"{PAGE_ID}_{'9' * 300}")
    good = facebook_comment("1122334455_1")["entry"][0]["changes"][0]
    payload["entry"][0]["changes"].append(good)

    response = post_meta(payload)

    assert response.status_code == 200
    assert list(Item.objects.values_list("platform_item_id", flat=True)) == ["1122334455_1"]
    assert "longer than 255 characters" in caplog.text
    _every_delivery_done()


def test_a_meta_name_too_long_is_cut_to_fit(post_meta, facebook):
    response = post_meta(facebook_comment(author=("5544332211", "N" * 300)))

    assert response.status_code == 200
    assert Item.objects.get().author.name == "N" * 255


def test_meta_comment_text_over_20000_characters_is_refused_with_413(post_meta, facebook):
    response = post_meta(facebook_comment(message="x" * 20_001))

    assert response.status_code == 413
    assert "20000 characters" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()
    assert not Item.objects.exists()


@pytest.mark.parametrize("created_time", [1e20, -1e20, 0, 946684799, "9999-12-31T23:59:59-14:00"])
def test_a_meta_comment_with_an_impossible_date_is_stored_at_its_arrival_with_a_note(
    post_meta, facebook, created_time,
):
    payload = facebook_comment()
    payload["entry"][0]["changes"][0]["value"]["created_time"] = created_time

    response = post_meta(payload)

    assert response.status_code == 200
    item = Item.objects.get()
    assert item.posted_at == NOW == item.received_at
    assert "Meta sent the time" in item.note and "arrived" in item.note
    _every_delivery_done()
    # Its pages answer: the date no longer breaks them.
    assert item.posted_at.year == 2026


@pytest.mark.parametrize("posted_at", [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+01:00",
    "1999-12-31T23:59:59Z",
    "2026-11-25T15:00:01Z",  # more than a day after it arrived
])
def test_a_signed_comment_dated_outside_2000_to_tomorrow_is_refused_and_nothing_stored(
    post_channel, website, posted_at,
):
    batch = {"comments": [website_comment("good"),
                          website_comment("bad-date", posted_at=posted_at)]}

    response = post_channel(website, batch)

    assert response.status_code == 400
    body = response.json()
    assert "nothing was stored" in body["error"]
    (invalid,) = body["invalid"]
    assert invalid["id"] == "bad-date" and "posted_at" in invalid["errors"]
    assert not WebhookDelivery.objects.exists()


def test_a_signed_comment_dated_up_to_a_day_ahead_is_accepted(post_channel, website):
    response = post_channel(website, website_comment(posted_at="2026-11-25T14:59:00Z"))
    assert response.status_code == 202
    assert Item.objects.count() == 1


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("depth", [33, 100_000])
def test_deeply_nested_json_is_a_json_400_on_both_webhooks(
    post_channel, post_meta, website, depth,
):
    body = b'{"comments": ' + _nested(depth) + b"}"
    for response in (post_channel(website, None, body=body), post_meta(None, body=body)):
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "more than 32 deep" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()


def test_a_number_python_will_not_read_is_a_json_400_on_both_webhooks(
    post_channel, post_meta, website,
):
    body = b'{"comments": [{"id": ' + b"7" * 5000 + b"}]}"
    for response in (post_channel(website, None, body=body), post_meta(None, body=body)):
        assert response.status_code == 400
        assert "cannot be read" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()


def test_brackets_inside_strings_do_not_count_as_nesting(post_channel, website):
    response = post_channel(website, website_comment(text="[[[[" * 40 + "{{{{" * 40))
    assert response.status_code == 202
