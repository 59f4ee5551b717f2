"""Carrying a decision out on the platform: one attempt at one platform action. The task in
moderation/tasks.py retries a transient failure with back-off and jitter.

Never done twice: the action's row is locked and its status checked before the call, and a done
action is never sent again. What the app cannot do (no API, channel not connected) is a to-do
for a person (`by_hand`); what failed for good is `failed` with the platform's reason; an action
on a channel whose token stopped working waits, pending, until the channel is reconnected.
"""

from django.db import transaction
from django.utils import timezone

from ..meta import services as meta
from ..meta.errors import Transient
from ..models import Item, PlatformAction

MAX_ATTEMPTS = 8  # with the task's back-off: tried for up to about an hour


def attempt_platform_action(platform_action_id: int, attempt: int, final: bool) -> str:
    """One attempt (numbered from 1). Raises Transient for the task to retry, unless `final`:
    then the action is failed and handed to a person."""
    held_by = None
    with transaction.atomic():
        action = (
            PlatformAction.objects.select_for_update(of=("self",))
            .select_related("decision__item__channel__meta_connection",
                            "decision__item__author")
            .filter(pk=platform_action_id)
            .first()
        )
        if action is None or action.status != PlatformAction.Status.PENDING or action.by_hand:
            return "nothing to do"
        channel = action.decision.item.channel
        if not meta.can_act(channel, action.kind):
            action.by_hand = True
            action.save(update_fields=["by_hand"])
            return "by hand"
        connection = channel.meta_connection
        if not connection.works:
            return "held"
        outcome, error = meta.call_platform(action, connection)
        action.attempts = attempt
        if outcome == "done":
            now = timezone.now()
            action.status = PlatformAction.Status.DONE
            action.completed_at = now
            action.last_error = ""
            if action.kind == PlatformAction.Kind.DELETE:
                Item.objects.filter(pk=action.decision.item_id,
                                    removed_on_platform_at__isnull=True).update(
                    removed_on_platform_at=now)
        else:
            action.last_error = error.reason[:2000]
            if outcome == "transient" and final:
                outcome = "failed"
            if outcome == "failed":
                action.status = PlatformAction.Status.FAILED
            elif outcome == "held":
                held_by = connection.pk
        action.save(update_fields=["attempts", "status", "completed_at", "last_error"])
    if held_by is not None:
        meta.hold_channel(held_by, error.reason)
        return "held"
    if outcome == "transient":
        raise Transient(error.reason)
    return outcome
