"""The moderation app's part of the navigation and of the home page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from accounts.roles import MODERATION_ROLES, Role
from core.counts import capped_count, capped_label
from core.registry import Attention, NavItem

from .intake.selectors import failed_deliveries
from .queue.selectors import (
    oldest_waiting_for_person,
    overdue_after,
    waiting_for_person_count,
    waiting_for_person_label,
    waiting_summary,
)


def _to_do_badge(user) -> str:
    count = waiting_for_person_count()
    return waiting_for_person_label(count) if count else ""


NAV = [
    NavItem("Queue", "moderation_queue", MODERATION_ROLES, "Moderation"),
    NavItem("To do by hand", "moderation_to_do", MODERATION_ROLES, "Moderation",
            badge=_to_do_badge),
    NavItem("Blocked authors", "moderation_blocked", MODERATION_ROLES, "Moderation"),
    NavItem("Reply templates", "moderation_reply_templates", (Role.MODERATOR,), "Moderation"),
    NavItem("Import a CSV", "moderation_csv_import", (Role.MODERATOR,), "Moderation"),
    NavItem("Log a comment", "moderation_log_comment", MODERATION_ROLES, "Moderation"),
    NavItem("Channels", "moderation_channels", MODERATION_ROLES, "Moderation"),
    NavItem("Failed deliveries", "moderation_failed_deliveries", MODERATION_ROLES, "Moderation"),
]


def attention(user) -> list[Attention]:
    """How many comments wait for a decision and since when, overdue ones standing out; how
    many actions on the platforms wait to be done by hand."""
    if not user.has_any_role(*MODERATION_ROLES):
        return []
    now = timezone.now()
    return _waiting_for_a_decision(now) + _to_do_by_hand(now) + _failed_deliveries()


def _waiting_for_a_decision(now) -> list[Attention]:
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


def _to_do_by_hand(now) -> list[Attention]:
    """Actions on the platforms only a person can do: how many, and since when."""
    count = waiting_for_person_count()
    if not count:
        return []
    oldest = oldest_waiting_for_person()
    waited = now - oldest.created_at
    return [
        Attention(
            f"{waiting_for_person_label(count)} action{'s' if count != 1 else ''} on the "
            f"platforms {'wait' if count != 1 else 'waits'} to be done by hand; the oldest "
            f"for {timesince(oldest.created_at, now)}.",
            reverse("moderation_to_do"),
            "danger" if waited > overdue_after() else "warning",
        )
    ]


def _failed_deliveries() -> list[Attention]:
    """Deliveries with comments that could not be stored: nothing retries them but a person."""
    count = capped_count(failed_deliveries())
    if not count:
        return []
    return [
        Attention(
            f"{capped_label(count)} webhook deliver{'ies' if count != 1 else 'y'} had comments "
            "that could not be stored: look and retry.",
            reverse("moderation_failed_deliveries"),
            "danger",
        )
    ]
