"""Meta's webhooks: the subscription handshake, signatures over the raw body, and the comment
changes of Facebook Pages and Instagram becoming screened items."""

import json

import pytest

from moderation.intake.webhooks import signature_for
from moderation.models import Item, WebhookDelivery

from .conftest import (
    META_SECRET,
    META_TOKEN,
    PAGE_ID,
    facebook_comment,
    instagram_comment,
)

pytestmark = pytest.mark.django_db


def test_handshake_with_the_right_token_echoes_the_challenge(client):
    response = client.get("/webhooks/meta/", {"hub.mode": "subscribe",
                                               "hub.verify_token": META_TOKEN,
                                               "hub.challenge": "1158201444"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"1158201444"


@pytest.mark.parametrize("params", [
    {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
    {"hub.mode": "unsubscribe", "hub.verify_token": META_TOKEN, "hub.challenge": "1"},
    {"hub.challenge": "1"},
])
def test_handshake_with_a_wrong_token_or_mode_is_forbidden(client, params):
    response = client.get("/webhooks/meta/", params)
    assert response.status_code == 403
    assert b"1" not in response.content


def test_handshake_is_refused_when_no_verify_token_is_configured(client, settings):
    settings.META_VERIFY_TOKEN = ""
    response = client.get("/webhooks/meta/", {"hub.mode": "subscribe", "hub.verify_token": "",
                                               "hub.challenge": "1"})
    assert response.status_code == 403


def test_a_signed_facebook_comment_becomes_a_screened_item(post_meta, facebook):
    response = post_meta(facebook_comment(message="Call me on 07700 900077 you idiot"))
    assert response.status_code == 200
    item = Item.objects.get()
    assert item.channel == facebook
    assert item.platform_item_id == "1122334455_9988776655"
    assert item.author.name == "Pat Jones"
    assert item.author.platform_author_id == "5544332211"
    assert item.parent_post_id == f"{PAGE_ID}_1122334455"
    assert item.source == Item.Source.META_WEBHOOK
    assert item.permalink.startswith("https://www.facebook.com/")
    assert item.posted_at.year == 2026
    assert item.screened_at is not None
    assert {f.kind for f in item.findings.all()} >= {"phone"}
    assert item.severity == 3
    assert WebhookDelivery.objects.get().processed_at is not None


def test_a_signed_instagram_comment_becomes_an_item(post_meta, instagram):
    response = post_meta(instagram_comment())
    assert response.status_code == 200
    item = Item.objects.get()
    assert item.channel == instagram
    assert item.author.name == "sutton_resident"
    assert item.parent_post_id == "123123123"
    assert item.severity == 0
    assert item.screened_at is not None


@pytest.mark.parametrize("signature", [
    None,
    "sha256=" + "0" * 64,
    "sha1=abc",
    signature_for("some other secret", json.dumps(facebook_comment()).encode()),
])
def test_a_missing_or_wrong_signature_is_forbidden_and_nothing_is_stored(
    post_meta, facebook, signature
):
    response = post_meta(facebook_comment(), signature=signature)
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()
    assert not Item.objects.exists()


def test_a_signature_over_a_reserialised_body_is_forbidden(post_meta, facebook):
    payload = facebook_comment()
    compact = json.dumps(payload, separators=(",", ":")).encode()
    pretty = json.dumps(payload, indent=2).encode()
    # Same JSON, different bytes: the signature is over the raw body, not its meaning.
    response = post_meta(payload, body=pretty, signature=signature_for(META_SECRET, compact))
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


def test_deliveries_are_refused_when_no_app_secret_is_configured(post_meta, facebook, settings):
    settings.META_APP_SECRET = ""
    body = json.dumps(facebook_comment()).encode()
    response = post_meta(None, body=body, signature=signature_for("", body))
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


def test_an_edit_rescreens_and_keeps_the_first_text(post_meta, facebook):
    post_meta(facebook_comment(message="Lovely staff at the clinic"))
    item = Item.objects.get()
    assert item.severity == 0
    post_meta(facebook_comment(verb="edited", message="Lovely staff. Ring me on 07700 900077"))
    item.refresh_from_db()
    assert item.text == "Lovely staff. Ring me on 07700 900077"
    assert item.original_text == "Lovely staff at the clinic"
    assert item.edited_at is not None
    assert item.severity == 3
    assert [f.kind for f in item.findings.all()] == ["phone"]
    assert Item.objects.count() == 1


def test_an_edit_of_a_comment_never_received_stores_it(post_meta, facebook):
    post_meta(facebook_comment(verb="edited", message="Edited before we saw it"))
    item = Item.objects.get()
    assert item.text == "Edited before we saw it"
    assert item.edited_at is not None


def test_a_removal_on_the_platform_is_recorded_and_the_item_kept(post_meta, facebook):
    post_meta(facebook_comment())
    post_meta(facebook_comment(verb="remove"))
    item = Item.objects.get()
    assert item.removed_on_platform_at is not None
    assert item.text == "Great work at the Sutton clinic"


def test_unknown_pages_fields_and_items_are_ignored_not_errors(post_meta, facebook, caplog):
    payloads = [
        facebook_comment(page_id="999999"),
        facebook_comment(item="reaction"),
        {"object": "page", "entry": [{"id": PAGE_ID, "time": 1, "changes": [
            {"field": "mention", "value": {"post_id": "1"}}]}]},
        {"object": "user", "entry": [{"id": "1", "changed_fields": ["photos"]}]},
        {"hello": "world"},
    ]
    for payload in payloads:
        assert post_meta(payload).status_code == 200
    assert not Item.objects.exists()
    assert WebhookDelivery.objects.filter(processed_at__isnull=False).count() == len(payloads)
    assert "ignored" in caplog.text


def test_a_delivery_seen_twice_makes_one_item(post_meta, facebook):
    for _ in range(3):
        assert post_meta(facebook_comment()).status_code == 200
    assert Item.objects.count() == 1


def test_wrong_content_type_is_refused(post_meta, facebook):
    response = post_meta(facebook_comment(), content_type="text/plain")
    assert response.status_code == 415
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("body", [b'{"object":"page","entry":[{"id":', b"[1, 2, 3]", b'"page"'])
def test_a_signed_but_malformed_body_is_refused_and_nothing_is_stored(post_meta, facebook, body):
    response = post_meta(None, body=body)
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()
