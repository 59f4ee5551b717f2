import json

import pytest

from moderation.intake.webhooks import signature_for
from tests.factories import ChannelFactory

META_SECRET = "meta-app-secret-for-tests"
META_TOKEN = "meta-verify-token-for-tests"
PAGE_ID = "104958162837"
INSTAGRAM_ID = "17841400008460056"


@pytest.fixture(autouse=True)
def _meta_settings(settings):
    settings.META_APP_SECRET = META_SECRET
    settings.META_VERIFY_TOKEN = META_TOKEN


@pytest.fixture
def website(db):
    return ChannelFactory(platform="website", name="Website comments")


@pytest.fixture
def facebook(db):
    return ChannelFactory(platform="facebook", name="HWS Facebook", platform_account_id=PAGE_ID)


@pytest.fixture
def instagram(db):
    return ChannelFactory(platform="instagram", name="HWS Instagram",
                          platform_account_id=INSTAGRAM_ID)


@pytest.fixture
def post_meta(client):
    """POST a Meta delivery, signed with the app secret unless told otherwise."""

    def _post(payload, *, body: bytes | None = None, signature: str | None = "sign",
              content_type="application/json"):
        raw = body if body is not None else json.dumps(payload).encode()
        headers = {}
        if signature == "sign":
            headers["X-Hub-Signature-256"] = signature_for(META_SECRET, raw)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return client.post("/webhooks/meta/", raw, content_type=content_type, headers=headers)

    return _post


@pytest.fixture
def post_channel(client):
    """POST to a channel's signed JSON webhook."""

    def _post(channel, payload, *, body: bytes | None = None, signature: str | None = "sign",
              content_type="application/json"):
        raw = body if body is not None else json.dumps(payload).encode()
        headers = {}
        if signature == "sign":
            headers["X-HWS-Signature"] = signature_for(channel.webhook_secret, raw)
        elif signature is not None:
            headers["X-HWS-Signature"] = signature
        return client.post(f"/webhooks/channels/{channel.pk}/", raw, content_type=content_type,
                           headers=headers)

    return _post


def facebook_comment(comment_id="1122334455_9988776655", *, verb="add",
                     message="Great work at the Sutton clinic", page_id=PAGE_ID,
                     author=("5544332211", "Pat Jones"), item="comment"):
    """A Page `feed` change for a comment, in the shape Meta's Webhooks for Pages documents."""
    value = {
        "from": {"id": author[0], "name": author[1]},
        "post": {"status_type": "added_photos", "is_published": True,
                 "updated_time": "2026-11-24T10:15:00+0000", "permalink_url": "",
                 "promotion_status": "inactive", "id": f"{page_id}_1122334455"},
        "message": message,
        "post_id": f"{page_id}_1122334455",
        "comment_id": comment_id,
        "created_time": 1795515300,
        "item": item,
        "parent_id": f"{page_id}_1122334455",
        "verb": verb,
    }
    if verb == "remove":
        value.pop("message")
    return {
        "object": "page",
        "entry": [{"id": page_id, "time": 1795515301, "changes": [{"field": "feed",
                                                                    "value": value}]}],
    }


def instagram_comment(comment_id="17865799348089039", *, text="Is the clinic open on Sunday?",
                      account_id=INSTAGRAM_ID):
    """An Instagram `comments` change, in the shape Meta's Instagram webhooks document."""
    return {
        "object": "instagram",
        "entry": [{
            "id": account_id,
            "time": 1795515301,
            "changes": [{
                "field": "comments",
                "value": {
                    "from": {"id": "232323232", "username": "sutton_resident"},
                    "media": {"id": "123123123", "media_product_type": "FEED"},
                    "id": comment_id,
                    "text": text,
                },
            }],
        }],
    }


def website_comment(comment_id="c-1", **fields):
    comment = {
        "id": comment_id,
        "author_id": "u-42",
        "author_name": "Sam Visitor",
        "text": "The waiting times at St Helier are getting worse.",
        "permalink": "https://www.healthwatchsutton.org.uk/news/waiting-times#c-1",
        "posted_at": "2026-11-24T14:05:00Z",
    }
    comment.update(fields)
    return comment
