from accounts.roles import MODERATION_ROLES
from core.registry import NavItem

NAV = [
    NavItem("Trends", "experiences_trends", MODERATION_ROLES, "Experiences"),
    NavItem("Log an experience", "experiences_log", MODERATION_ROLES, "Experiences"),
]
