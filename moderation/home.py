from accounts.roles import MODERATION_ROLES
from core.registry import NavItem

NAV = [
    NavItem("Channels", "moderation_channels", MODERATION_ROLES),
]
