from ..models import Channel, PlatformAction
from .graph import FACEBOOK_SCOPES, INSTAGRAM_SCOPES
from .services import CAN_DO, connection_of, platform_name


def connection_page(channel: Channel) -> dict:
    """What the connection page shows: the connection, what Meta allows there, and how many
    actions wait for it."""
    waiting = PlatformAction.objects.filter(
        decision__item__channel=channel, status=PlatformAction.Status.PENDING, by_hand=False
    ).count()
    return {
        "connection": connection_of(channel),
        "connectable": channel.platform in CAN_DO,
        "platform_name": platform_name(channel),
        "scopes": FACEBOOK_SCOPES if channel.platform == Channel.Platform.FACEBOOK
        else INSTAGRAM_SCOPES,
        "waiting": waiting,
    }
