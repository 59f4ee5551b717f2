"""Channels connected to the fake Graph API (tests/moderation/fake_graph.py), and decisions
taken through the services the queue's page calls."""

from moderation.meta.connecting import connect
from moderation.models import Author, PlatformAction
from moderation.queue import services as queue
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.queue_support import moderator

PAGE = "104958162837"
INSTAGRAM = "17841400008460056"
PAGE_TOKEN = "EAAG-page-token-for-tests-0001"
NEW_PAGE_TOKEN = "EAAG-page-token-after-reconnecting-0002"


def connect_facebook(fake, actor=None):
    """A Facebook channel connected to Page PAGE with PAGE_TOKEN."""
    fake.add_page(PAGE, token=PAGE_TOKEN)
    channel = ChannelFactory(platform="facebook", name="HWS Facebook",
                             platform_account_id=PAGE)
    connect(channel, PAGE_TOKEN, actor or moderator())
    return channel


def connect_instagram(fake, actor=None):
    """An Instagram channel connected through its linked Page's token."""
    fake.add_page(PAGE, token=PAGE_TOKEN)
    fake.add_instagram(INSTAGRAM, token=PAGE_TOKEN)
    channel = ChannelFactory(platform="instagram", name="HWS Instagram",
                             platform_account_id=INSTAGRAM)
    connect(channel, PAGE_TOKEN, actor or moderator())
    return channel


def comment_on(fake, channel, comment_id, text="what rubbish, you idiots", author_id="fb-u-9"):
    """A comment that exists on the platform and in the queue."""
    fake.add_comment(comment_id, owner=channel.platform_account_id, text=text,
                     author_id=author_id)
    author = Author.objects.get_or_create(channel=channel, platform_author_id=author_id,
                                          defaults={"name": "Sam Visitor"})[0]
    return flagged_item(text, "idiots", channel=channel, author=author,
                        platform_item_id=comment_id)


def decide(item, action, actor=None, **extra) -> list[PlatformAction]:
    terms = [] if action in ("hide", "keep") else ["inappropriate_material"]
    decision = queue.decide(item_id=item.pk, actor=actor or moderator(), action=action, seen=0,
                            terms=terms, **extra)
    return list(decision.platform_actions.order_by("pk"))
