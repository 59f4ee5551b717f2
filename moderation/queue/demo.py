"""The queue's part of the demo: a realistic morning for a local run. More comments on the
charity's channels, screened as they arrive, some waiting long enough to be overdue, and one
author already blocked."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User

from ..intake.services import ingest
from ..models import Channel, Decision, Item
from .services import decide

CHANNELS = [
    ("facebook", "Healthwatch Sutton", "104958162837"),
    ("instagram", "@healthwatchsutton", "17841400008460056"),
    ("website", "healthwatchsutton.org.uk comments", ""),
]

# (channel index, comment id, author id, author, minutes ago, text)
COMMENTS = [
    (
        0,
        "fb-1001",
        "fb-u-1",
        "Margaret Ellis",
        190,
        "My mum was left waiting 6 hours at St Helier A&E. Please ring me on 07700 900461, "
        "we live at 14 Rose Hill, SM1 3EX.",
    ),
    (
        0,
        "fb-1002",
        "fb-u-2",
        "Dave Kirby",
        75,
        "The receptionists at the surgery are useless idiots, someone should sort them out",
    ),
    (
        1,
        "ig-2001",
        "ig-u-1",
        "sutton_local",
        40,
        "Get cheap private scans! DM me for a discount code, 50% off this week only",
    ),
    (
        0,
        "fb-1003",
        "fb-u-3",
        "Paul Hughes",
        25,
        "This is a load of sh1t, nobody listens to patients",
    ),
    (
        2,
        "web-3001",
        "web-u-1",
        "A. Patient",
        300,
        "My NHS number is 943 476 5919, can you check why my referral hasn't come through?",
    ),
    (
        1,
        "ig-2002",
        "ig-u-2",
        "carer_sam",
        12,
        "Great to see the new carers' drop-in on Tuesdays. Thank you!",
    ),
    (
        0,
        "fb-1004",
        "fb-u-4",
        "Jo Baker",
        8,
        "When is the next Enter and View report on care homes due?",
    ),
    (
        2,
        "web-3002",
        "web-u-2",
        "Concerned resident",
        55,
        "Email me at jbloggs1962@hotmail.co.uk about the pharmacy closure, I have more to say",
    ),
    (0, "fb-1005", "fb-u-2", "Dave Kirby", 400, "You lot are a disgrace and so is the CEO"),
]


def seed_queue() -> None:
    now = timezone.now()
    channels = []
    for platform, name, account_id in CHANNELS:
        channel = Channel.objects.filter(platform=platform).order_by("pk").first()
        if channel is None:
            channel = Channel.objects.create(
                platform=platform, name=name, platform_account_id=account_id
            )
        channels.append(channel)
    items = {}
    for index, comment_id, author_id, author, minutes, text in COMMENTS:
        channel = channels[index]
        permalink = (
            f"https://www.facebook.com/104958162837/posts/{comment_id}"
            if channel.platform == "facebook"
            else f"https://www.instagram.com/p/{comment_id}/"
            if channel.platform == "instagram"
            else f"https://www.healthwatchsutton.org.uk/news#{comment_id}"
        )
        item, created = ingest(
            channel,
            platform_item_id=comment_id,
            author_id=author_id,
            author_name=author,
            text=text,
            permalink=permalink,
            posted_at=now - timedelta(minutes=minutes + 2),
            source=Item.Source.META_WEBHOOK
            if channel.platform != "website"
            else Item.Source.JSON_WEBHOOK,
        )
        if created:
            Item.objects.filter(pk=item.pk).update(received_at=now - timedelta(minutes=minutes))
        items[comment_id] = item

    moderator = User.objects.filter(email="moderator@example.org").first()
    earlier = items["fb-1005"]
    if moderator is not None and not Decision.objects.filter(item=earlier).exists():

        decide(
            item_id=earlier.pk,
            actor=moderator,
            action=Decision.Action.BLOCK_DELETE,
            seen=0,
            terms=["bullying", "defamatory"],
            note="Repeated personal attacks on staff after a warning.",
        )
