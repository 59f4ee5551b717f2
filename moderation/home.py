from accounts.roles import MODERATION_ROLES
from core.registry import NavItem

NAV = [
    NavItem("Channels", "moderation_channels", MODERATION_ROLES, "Moderation"),
]
from .queue_home import QUEUE_NAV, attention  # noqa: E402, F401, I001
NAV = QUEUE_NAV + NAV
from .escalation_home import ESCALATION_NAV, with_escalations  # noqa: E402, I001
NAV, attention = NAV + ESCALATION_NAV, with_escalations(attention)
