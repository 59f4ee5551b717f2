"""The moderation app's part of the navigation and of the home page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from accounts.roles import MODERATION_ROLES, Role
from core.counts import capped_label
from core.registry import Attention, NavItem

from .queue.selectors import waiting_summary

NAV = [
    NavItem("Queue", "moderation_queue", MODERATION_ROLES, "Moderation"),
    NavItem("Blocked authors", "moderation_blocked", MODERATION_ROLES, "Moderation"),
    NavItem("Reply templates", "moderation_reply_templates", (Role.MODERATOR,), "Moderation"),
    NavItem("Channels", "moderation_channels", MODERATION_ROLES, "Moderation"),
]


def attention(user) -> list[Attention]:
    """How many comments wait for a decision and since when; overdue ones stand out."""
    if not user.has_any_role(*MODERATION_ROLES):
        return []
    now = timezone.now()
    summary = waiting_summary(now)
    if not summary["waiting"]:
        return []
    url = reverse("moderation_queue")
    found = []
    if summary["overdue"]:
        n = summary["overdue"]
        found.append(
            Attention(
                f"{capped_label(n)} comment{'s' if n != 1 else ''} about personal information "
                "or abuse "
                f"{'have' if n != 1 else 'has'} waited too long: act promptly.",
                url,
                "danger",
            )
        )
    n = summary["waiting"]
    found.append(
        Attention(
            f"{capped_label(n)} comment{'s' if n != 1 else ''} waiting for a decision; "
            "the oldest arrived "
            f"{timesince(summary['oldest'], now)} ago.",
            url,
            "warning" if summary["overdue"] else "info",
        )
    )
    return found
