"""The overdue alerts: comments on personal information or abuse left waiting too long
(policy §4.1, "act promptly"), and actions on a platform that only a person can do, left
undone as long."""

from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from accounts.models import User
from accounts.roles import Role
from core.models import Notice
from core.notices import notify

from .by_hand import steps_for
from .selectors import overdue_items, overdue_platform_actions


def alert_overdue_items(now: datetime | None = None) -> int:
    """Tell the moderators, once per item, about comments on personal information or abuse
    that have waited longer than MODERATION_OVERDUE_MINUTES. Safe to run twice."""
    now = now or timezone.now()
    alerted = Notice.objects.filter(
        key=Concat(Value("item-"), Cast(OuterRef("pk"), CharField()), Value(":overdue"))
    )
    items = (
        overdue_items(now)
        .filter(~Exists(alerted))
        .select_related("channel", "author")
        .order_by("received_at")
    )
    moderators = list(User.objects.with_role(Role.MODERATOR))
    sent = 0
    for item in items:
        created = notify(
            moderators,
            key=f"item-{item.pk}:overdue",
            subject=(
                f"Overdue: a comment on {item.channel} has waited "
                f"{timesince(item.received_at, now)}"
            ),
            body=(
                f"A comment by {item.author} needs a decision: the policy asks the moderator to "
                "act promptly on personal information and abuse."
            ),
            url=reverse("moderation_item", args=[item.pk]),
        )
        sent += bool(created)
    return sent


def alert_overdue_platform_actions(now: datetime | None = None) -> int:
    """Tell the moderators, once per action, about an action on a platform that has waited
    for a person longer than MODERATION_OVERDUE_MINUTES. Safe to run twice."""
    now = now or timezone.now()
    alerted = Notice.objects.filter(
        key=Concat(Value("platform-action-"), Cast(OuterRef("pk"), CharField()),
                   Value(":overdue"))
    )
    actions = (
        overdue_platform_actions(now)
        .filter(~Exists(alerted))
        .select_related("decision__item__channel", "decision__item__author")
        .order_by("created_at", "pk")
    )
    moderators = list(User.objects.with_role(Role.MODERATOR))
    sent = 0
    for action in actions:
        item = action.decision.item
        created = notify(
            moderators,
            key=f"platform-action-{action.pk}:overdue",
            subject=(
                f"Still to do on {item.channel.get_platform_display()}: "
                f"{action.get_kind_display().lower()}, waiting {timesince(action.created_at, now)}"
            ),
            body=steps_for(item.channel.platform, action.kind, item.author.name)
            + " Then press Done on the to-do page.",
            url=reverse("moderation_to_do"),
        )
        sent += bool(created)
    return sent
