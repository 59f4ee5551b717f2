"""Carrying a decision out on the platform: one attempt at one platform action. The task in
moderation/tasks.py retries it with a back-off."""

from django.db import transaction
from django.utils import timezone

from core.notices import settle

from ..models import Item, PlatformAction
from ..platforms import PlatformError, connector_for

MAX_ATTEMPTS = 6


class TryAgain(Exception):
    """The platform failed and attempts remain: the task retries after a back-off."""


def attempt_platform_action(platform_action_id: int, attempt: int, reply_text: str = "") -> str:
    """One attempt (numbered from 1) at an action on the platform. A done or by-hand action is
    left alone, so a redelivered task does nothing twice."""
    action = (
        PlatformAction.objects.select_related("decision__item__channel", "decision__item__author")
        .filter(pk=platform_action_id)
        .first()
    )
    if action is None or action.status == PlatformAction.Status.DONE:
        return "nothing to do"
    connector = connector_for(action.decision.item.channel)
    if connector is None:
        PlatformAction.objects.filter(pk=action.pk).update(by_hand=True)
        return "by hand"
    try:
        connector.perform(action.kind, action.decision.item, reply_text=reply_text)
    except PlatformError as exc:
        failed = attempt >= MAX_ATTEMPTS
        PlatformAction.objects.filter(pk=action.pk).update(
            attempts=attempt,
            last_error=str(exc)[:2000],
            status=PlatformAction.Status.FAILED if failed else PlatformAction.Status.PENDING,
        )
        if failed:
            return "failed"
        raise TryAgain(str(exc)) from exc
    now = timezone.now()
    with transaction.atomic():
        PlatformAction.objects.filter(pk=action.pk).update(
            status=PlatformAction.Status.DONE,
            completed_at=now,
            attempts=attempt,
            last_error="",
        )
        if action.kind == PlatformAction.Kind.DELETE:
            Item.objects.filter(pk=action.decision.item_id).update(removed_on_platform_at=now)
        settle(f"platform-action-{action.pk}:overdue")
    return "done"
