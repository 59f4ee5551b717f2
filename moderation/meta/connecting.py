"""Connecting a channel to its Facebook Page or Instagram account with a Page access token that
Meta has confirmed, and sending everything that waited for it."""

import logging

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from core import audit
from core.errors import Refused

from ..models import Channel, PlatformAction
from ..tasks import carry_out_platform_action
from .errors import GraphError, Permanent, Transient
from .graph import FacebookPage, GraphClient, InstagramAccount, app_token
from .models import MetaConnection
from .services import CAN_DO

log = logging.getLogger(__name__)


@transaction.atomic
@sensitive_variables("token")
def connect(channel: Channel, token: str, actor) -> MetaConnection:
    """Keep a Page access token for the channel after Meta has confirmed it works for this
    Page, subscribe the Page to the app's webhook, and send everything that waited for it."""
    token = token.strip()
    if channel.platform not in CAN_DO:
        raise Refused("Only Facebook Page and Instagram channels connect to Meta.")
    if not channel.platform_account_id:
        raise Refused("Give the channel its Page or Instagram account id first.")
    if not token:
        raise Refused("Paste the Page access token. Nothing was changed.")
    with GraphClient(token) as client:
        try:
            info = client.check_token(app_token())
            if not info.valid:
                problem = (info.problem or "invalid").rstrip(".")
                raise Refused(f"Meta does not accept this token: {problem}. Nothing was changed.")
            if info.type and info.type != "PAGE":
                raise Refused("This is not a Page access token: give the token of the Page "
                              "itself (a system user's Page token, or connect with Facebook). "
                              "Nothing was changed.")
            page_id = info.profile_id or channel.platform_account_id
            if channel.platform == Channel.Platform.FACEBOOK:
                if page_id != channel.platform_account_id:
                    raise Refused(f"This token is for Page {page_id}, not for this channel's "
                                  f"Page {channel.platform_account_id}. Nothing was changed.")
                target = FacebookPage(client, page_id)
            else:
                target = InstagramAccount(client, channel.platform_account_id)
            name = target.name()
            subscribed = _subscribe(FacebookPage(client, page_id))
        except Transient as exc:
            raise Refused(f"Meta did not answer: {exc.sentence} Nothing was changed; try "
                          "again in a few minutes.") from None
        except GraphError as exc:
            raise Refused(f"Meta refused: {exc.sentence} Nothing was changed.") from None
    connection = MetaConnection.objects.select_for_update().filter(channel=channel).first()
    generation = connection.generation + 1 if connection else 1
    connection, _ = MetaConnection.objects.update_or_create(channel=channel, defaults={
        "access_token": token, "page_id": page_id, "account_name": name,
        "missing_scopes": info.missing(target.needed_scopes), "expires_at": info.expires_at,
        "subscribed": subscribed, "status": MetaConnection.Status.CONNECTED, "problem": "",
        "generation": generation, "connected_by": actor, "connected_at": timezone.now(),
    })
    held = _release_held(channel)
    audit.record(actor, "moderation.channel_connected", channel, account=name, page_id=page_id,
                 missing_scopes=connection.missing_scopes, subscribed=subscribed,
                 expires_at=info.expires_at.isoformat() if info.expires_at else "never",
                 released_actions=held)
    return connection


def _subscribe(page: FacebookPage) -> bool:
    try:
        page.subscribe()
    except Permanent as exc:
        log.warning("Could not subscribe Page %s to the webhook: %s", page.page_id, exc.reason)
        return False
    return True


def _release_held(channel: Channel) -> int:
    held = list(PlatformAction.objects.filter(
        decision__item__channel=channel, status=PlatformAction.Status.PENDING, by_hand=False,
    ).values_list("pk", flat=True))
    for pk in held:
        carry_out_platform_action.delay_on_commit(pk)
    return len(held)
