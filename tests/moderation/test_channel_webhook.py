"""The signed JSON webhook for the website and other sources: one comment or a batch, signed
with the channel's own secret; a bad comment refuses the whole request."""

import json

import pytest

from moderation.intake.webhooks import MAX_BODY_BYTES, signature_for
from moderation.models import Item, WebhookDelivery
from tests.factories import ChannelFactory

from .conftest import website_comment

pytestmark = pytest.mark.django_db


def test_one_signed_comment_becomes_a_screened_item(post_channel, website):
    response = post_channel(website, website_comment(text="You absolute idiot"))
    assert response.status_code == 202
    assert response.json()["accepted"] == 1
    item = Item.objects.get()
    assert item.channel == website
    assert item.platform_item_id == "c-1"
    assert item.author.platform_author_id == "u-42"
    assert item.author.name == "Sam Visitor"
    assert item.permalink == "https://www.healthwatchsutton.org.uk/news/waiting-times#c-1"
    assert item.posted_at.isoformat() == "2026-11-24T14:05:00+00:00"
    assert item.source == Item.Source.JSON_WEBHOOK
    assert item.screened_at is not None
    assert item.severity >= 2
    assert item.findings.exists()


def test_a_batch_becomes_one_item_per_comment(post_channel, website):
    batch = {"comments": [website_comment(f"c-{n}") for n in range(5)]}
    response = post_channel(website, batch)
    assert response.status_code == 202
    assert response.json()["accepted"] == 5
    assert Item.objects.count() == 5


def test_a_bad_comment_refuses_the_request_naming_which_and_why(post_channel, website):
    batch = {"comments": [
        website_comment("good"),
        website_comment("bad-date", posted_at="24/11/2026"),
        website_comment("no-tz", posted_at="2026-11-24T14:05:00"),
        {"id": "missing", "text": "hello"},
        website_comment("bad-link", permalink="javascript:alert(1)"),
    ]}
    response = post_channel(website, batch)
    assert response.status_code == 400
    body = response.json()
    assert "nothing was stored" in body["error"]
    invalid = {entry["id"]: entry["errors"] for entry in body["invalid"]}
    assert set(invalid) == {"bad-date", "no-tz", "missing", "bad-link"}
    assert "ISO 8601" in invalid["bad-date"]["posted_at"]
    assert "time zone" in invalid["no-tz"]["posted_at"]
    assert invalid["missing"] == {"author_id": "is required", "author_name": "is required",
                                  "posted_at": "is required"}
    assert "URL" in invalid["bad-link"]["permalink"]
    assert [entry["index"] for entry in body["invalid"]] == [1, 2, 3, 4]
    assert not Item.objects.exists()
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("signature", [None, "sha256=" + "f" * 64, "nonsense"])
def test_a_missing_or_wrong_signature_is_forbidden_and_nothing_is_stored(
    post_channel, website, signature
):
    response = post_channel(website, website_comment(), signature=signature)
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()
    assert not Item.objects.exists()


def test_another_channels_secret_does_not_sign_for_this_channel(client, website):
    other = ChannelFactory()
    body = json.dumps(website_comment()).encode()
    response = client.post(f"/webhooks/channels/{website.pk}/", body,
                           content_type="application/json",
                           headers={"X-HWS-Signature": signature_for(other.webhook_secret, body)})
    assert response.status_code == 403
    assert not Item.objects.exists()


def test_a_signature_over_a_reserialised_body_is_forbidden(post_channel, website):
    payload = website_comment()
    signed = json.dumps(payload, separators=(",", ":")).encode()
    sent = json.dumps(payload, indent=1).encode()
    response = post_channel(website, None, body=sent,
                            signature=signature_for(website.webhook_secret, signed))
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("body, message", [
    (b'{"id": "c-1", "text": ', "not valid JSON"),
    (b"[1, 2, 3]", "Send one comment object"),
    (b'{"comments": []}', "empty"),
    (b'{"comments": {"id": 1}}', "must be a list"),
    ("{\"id\": \"\u00e9\"}".encode("latin-1"), "not UTF-8"),
])
def test_a_malformed_body_is_a_clear_400_and_nothing_is_stored(
    post_channel, website, body, message
):
    response = post_channel(website, None, body=body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not WebhookDelivery.objects.exists()


def test_a_wrong_content_type_is_415_and_nothing_is_stored(post_channel, website):
    response = post_channel(website, website_comment(), content_type="text/plain")
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()


def test_a_body_over_1_mb_is_413_and_nothing_is_stored(post_channel, website):
    big = website_comment(text="x" * (MAX_BODY_BYTES + 10))
    response = post_channel(website, big)
    assert response.status_code == 413
    assert "1 MB" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()


def test_an_inactive_channel_refuses_comments(post_channel):
    channel = ChannelFactory(active=False)
    response = post_channel(channel, website_comment())
    assert response.status_code == 403
    assert not Item.objects.exists()


def test_an_unknown_channel_is_404(client):
    response = client.post("/webhooks/channels/987654/", b"{}", content_type="application/json")
    assert response.status_code == 404


def test_get_is_not_allowed(client, website):
    assert client.get(f"/webhooks/channels/{website.pk}/").status_code == 405


def test_an_unknown_channel_is_refused_in_json_and_nothing_is_stored(client, website):
    response = client.post("/webhooks/channels/999999/", b'{"id": "1"}',
                           content_type="application/json")
    assert response.status_code == 404
    assert "no channel with this id" in response.json()["error"]
    assert not WebhookDelivery.objects.exists()
