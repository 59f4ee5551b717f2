"""What the app can do on a channel's Facebook Page or Instagram account, carrying a decision out
there, holding a channel whose token stopped working, and back-filling comments the webhooks
missed. (Connecting a channel: connecting.py.)

Every Graph API call made for a platform action is on the audit trail with the platform's
answer (never the token).
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core import audit
from core.notices import notify

from ..intake.services import ingest, record_edit, record_removal
from ..models import Channel, Item, PlatformAction
from .errors import GraphError, Permanent, TokenInvalid, Transient
from .graph import FacebookPage, GraphAnswer, GraphClient, InstagramAccount
from .models import MetaConnection

log = logging.getLogger(__name__)

PLATFORM_NAMES = {
    Channel.Platform.FACEBOOK: "Facebook", Channel.Platform.INSTAGRAM: "Instagram",
    Channel.Platform.WEBSITE: "the website", Channel.Platform.OTHER: "the platform",
}
# What each platform's API can do for a decision; the rest is done by a person.
CAN_DO = {
    Channel.Platform.FACEBOOK: {
        PlatformAction.Kind.DELETE, PlatformAction.Kind.HIDE, PlatformAction.Kind.BLOCK,
        PlatformAction.Kind.UNBLOCK, PlatformAction.Kind.REPLY,
    },
    Channel.Platform.INSTAGRAM: {
        PlatformAction.Kind.DELETE, PlatformAction.Kind.HIDE, PlatformAction.Kind.REPLY,
    },
}


def connection_of(channel: Channel) -> MetaConnection | None:
    try:
        return channel.meta_connection
    except MetaConnection.DoesNotExist:
        return None


def can_act(channel: Channel, kind: str) -> bool:
    """The app does this itself: the platform has an API for it and the channel is connected
    (even if its token needs renewing: then the action waits, it is not handed to a person)."""
    return kind in CAN_DO.get(channel.platform, ()) and connection_of(channel) is not None


def platform_name(channel: Channel) -> str:
    return PLATFORM_NAMES.get(channel.platform) or channel.get_platform_display()


def why_by_hand(channel: Channel, kind: str) -> str:
    """In plain words, why a person has to do this on the platform."""
    platform = platform_name(channel)
    if kind == PlatformAction.Kind.REPORT:
        return f"{platform} offers apps no way to report a comment."
    if channel.platform not in CAN_DO:
        return f"The app has no way to act on {platform}."
    if kind not in CAN_DO[channel.platform]:
        return f"{platform} offers apps no way to {PlatformAction.Kind(kind).label.lower()}."
    return f"This channel was not connected to its {platform} account when it was decided."


@contextmanager
def reach(connection: MetaConnection) -> Iterator[FacebookPage | InstagramAccount]:
    with GraphClient(connection.access_token) as client:
        if connection.channel.platform == Channel.Platform.FACEBOOK:
            yield FacebookPage(client, connection.page_id)
        else:
            yield InstagramAccount(client, connection.channel.platform_account_id)


def _people_to_tell() -> list[User]:
    return list(User.objects.with_role(Role.MODERATOR, Role.CHIEF_EXECUTIVE))


# --- a token that stopped working ----------------------------------------------------------

@transaction.atomic
def hold_channel(connection_id: int, reason: str) -> bool:
    """Meta stopped accepting the channel's token: its actions wait (they are not failed) and
    the Moderator and the Chief Executive are told, once for this token."""
    connection = (MetaConnection.objects.select_for_update().select_related("channel")
                  .filter(pk=connection_id).first())
    if connection is None or not connection.works:
        return False
    connection.status = MetaConnection.Status.NEEDS_RECONNECTING
    connection.problem = reason.rstrip(".")[:300]
    connection.save(update_fields=["status", "problem"])
    channel = connection.channel
    audit.record(None, "moderation.channel_needs_reconnecting", channel, reason=reason,
                 generation=connection.generation)
    notify(
        _people_to_tell(),
        key=f"meta-token:{channel.pk}:{connection.generation}",
        subject=f"{channel.name} needs reconnecting",
        body=(f"Meta no longer accepts the app's access token for {channel.name} ({reason}). "
              "Hiding, deleting, blocking and private replies there wait until it is connected "
              "again; nothing is lost."),
        url=reverse("moderation_channel_connection", args=[channel.pk]),
    )
    return True


# --- acting -----------------------------------------------------------------------------------

def perform(target: FacebookPage | InstagramAccount, action: PlatformAction) -> GraphAnswer:
    item = action.decision.item
    match action.kind:
        case PlatformAction.Kind.DELETE:
            return target.delete(item.platform_item_id)
        case PlatformAction.Kind.HIDE:
            return target.hide(item.platform_item_id)
        case PlatformAction.Kind.BLOCK:
            return target.block(item.author.platform_author_id)
        case PlatformAction.Kind.UNBLOCK:
            return target.unblock(item.author.platform_author_id)
        case PlatformAction.Kind.REPLY:
            return target.reply_privately(item.platform_item_id, action.reply_text)
    raise Permanent(f"{action.get_kind_display()} cannot be done through the API.")


def call_platform(
    action: PlatformAction, connection: MetaConnection
) -> tuple[str, GraphError | None]:
    """One Graph API call for the action, on the audit trail. Returns the outcome ("done",
    "held", "transient", "failed") and the error if there was one."""
    item = action.decision.item
    try:
        with reach(connection) as target:
            answer = perform(target, action)
    except GraphError as exc:
        audit.record(None, "moderation.platform_call", item, kind=action.kind,
                     platform_action=action.pk, **exc.as_details())
        if isinstance(exc, TokenInvalid):
            return "held", exc
        if isinstance(exc, Transient):
            return "transient", exc
        return "failed", exc
    audit.record(None, "moderation.platform_call", item, kind=action.kind,
                 platform_action=action.pk, **answer.as_details())
    return "done", None


# --- back-fill --------------------------------------------------------------------------------

def backfill(connection_id: int, now: datetime | None = None) -> int:
    """Read the recent posts' comments of a connected channel and take in what the webhooks
    missed, the same way a webhook would: new comments stored (channel + comment id, so never
    twice), changed texts recorded as edits, comments gone from a fully read post as removed."""
    connection = MetaConnection.objects.select_related("channel").filter(pk=connection_id).first()
    if connection is None or not connection.works or not connection.channel.active:
        return 0
    channel = connection.channel
    now = now or timezone.now()
    try:
        with reach(connection) as target:
            posts = target.recent_posts()
    except TokenInvalid as exc:
        hold_channel(connection.pk, exc.reason)
        return 0
    except GraphError as exc:
        log.warning("Back-fill of %s did not run: %s", channel, exc.reason)
        return 0
    ids = [c.id for post in posts for c in post.comments]
    stored = dict(Item.objects.filter(channel=channel, platform_item_id__in=ids)
                  .values_list("platform_item_id", "text"))
    created = 0
    for post in posts:
        for comment in post.comments:
            fields = {
                "platform_item_id": comment.id, "author_id": comment.author_id,
                "author_name": comment.author_name, "text": comment.text,
                "permalink": comment.permalink, "posted_at": comment.posted_at,
                "parent_post_id": post.id, "source": Item.Source.META_WEBHOOK,
            }
            if comment.id not in stored:
                created += ingest(channel, **fields)[1]
            elif stored[comment.id] != comment.text:
                record_edit(channel, edited_at=now, **fields)
        if post.complete:
            gone = (Item.objects.filter(channel=channel, parent_post_id=post.id,
                                        removed_on_platform_at__isnull=True)
                    .exclude(platform_item_id__in=[c.id for c in post.comments])
                    .values_list("platform_item_id", flat=True))
            for platform_item_id in list(gone):
                record_removal(channel, platform_item_id=platform_item_id, removed_at=now)
    MetaConnection.objects.filter(pk=connection.pk).update(backfilled_at=now)
    if created:
        log.warning("Back-fill of %s stored %d comments the webhooks missed", channel, created)
    return created
