"""Demo channels and comments for a local run: enough for the queue to have work in it."""

from datetime import timedelta

from django.utils import timezone

from ..models import Channel, Item
from . import services

CHANNELS = [
    ("facebook", "Healthwatch Sutton on Facebook", "104958162837"),
    ("instagram", "@healthwatchsutton on Instagram", "17841400008460056"),
    ("x", "@HWSutton on X", ""),
    ("website", "healthwatchsutton.org.uk comments", ""),
]

COMMENTS = [
    ("facebook", "demo-fb-1", "Pat Jones", "Thank you for the report on GP waiting times, "
     "really useful.", 300),
    ("facebook", "demo-fb-2", "Lee Morgan", "My mum lives at 14 Mulgrave Road, SM2 6LP and "
     "nobody from the council has visited. Ring me on 07700 900077.", 45),
    ("instagram", "demo-ig-1", "sutton_resident", "You lot are useless idiots, absolute "
     "waste of money", 90),
    ("website", "demo-web-1", "Sam Visitor", "Want to earn £500 a week from home? DM me for "
     "details", 20),
    ("website", "demo-web-2", "Ann Hughes", "The new St Helier parking is a shambles.", 200),
    ("facebook", "demo-fb-3", "Chris Barnes", "Deport all the immigrants, they are vermin",
     10),
]


def seed_channels_and_comments() -> None:
    channels = {}
    for platform, name, account_id in CHANNELS:
        channel, _ = Channel.objects.get_or_create(
            platform=platform, name=name, defaults={"platform_account_id": account_id}
        )
        channels[platform] = channel
    now = timezone.now()
    for platform, comment_id, author, text, minutes_ago in COMMENTS:
        services.ingest(
            channels[platform],
            platform_item_id=comment_id,
            author_id=author.lower().replace(" ", "-"),
            author_name=author,
            text=text,
            posted_at=now - timedelta(minutes=minutes_ago),
            source=Item.Source.JSON_WEBHOOK if platform == "website" else Item.Source.META_WEBHOOK,
        )
