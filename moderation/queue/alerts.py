"""The overdue alert: comments on personal information or abuse left waiting too long
(policy §4.1, "act promptly")."""

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

from .selectors import overdue_items


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
