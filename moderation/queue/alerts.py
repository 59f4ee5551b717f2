"""The overdue alerts: comments on personal information or abuse left waiting too long
(policy §4.1, "act promptly"): the moderators are told once the limit has passed, the Chief
Executive once it has passed twice over; and actions on a platform that only a person can do,
left undone as long."""

from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from accounts.models import User
from accounts.roles import Role
from core.models import Notice
from core.notices import notify

from ..models import Item
from .by_hand import steps_for
from .selectors import overdue_items, overdue_platform_actions

# (how many limits it has waited, key suffix, who is told)
STAGES = ((1, "overdue", Role.MODERATOR), (2, "overdue-twice", Role.CHIEF_EXECUTIVE))


def _period(item: Item) -> str:
    """One alert per item and stage, and again when an edit starts its clock again."""
    return f"reopened {item.reopened_at:%Y-%m-%d %H:%M:%S}" if item.reopened_at else ""


def alert_overdue_items(now: datetime | None = None) -> int:
    """Tell the moderators, once per item, about comments on personal information or abuse
    that have waited longer than MODERATION_OVERDUE_MINUTES, and the Chief Executive about
    those that have waited twice as long. Safe to run twice."""
    now = now or timezone.now()
    sent = 0
    for limits, suffix, role in STAGES:
        alerted = Notice.objects.filter(
            key=Concat(Value("item-"), Cast(OuterRef("pk"), CharField()), Value(f":{suffix}")),
            created_at__gte=Coalesce(OuterRef("reopened_at"), OuterRef("received_at")),
        )
        items = (
            overdue_items(now, limits)
            .filter(~Exists(alerted))
            .select_related("channel", "author")
            .order_by("received_at")
        )
        recipients = list(User.objects.with_role(role))
        for item in items:
            waited = timesince(item.waiting_since, now)
            created = notify(
                recipients,
                key=f"item-{item.pk}:{suffix}",
                period=_period(item),
                subject=(
                    f"Overdue: a comment on {item.channel} has waited {waited}"
                    if limits == 1 else
                    f"Still undecided after {waited}: a comment on {item.channel}"
                ),
                body=(
                    f"A comment by {item.author} needs a decision: the policy asks the moderator "
                    "to act promptly on personal information and abuse."
                    + ("" if limits == 1 else " It has waited twice the time allowed.")
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
