"""Background work of the queue: carrying decisions out on the platforms, and overdue alerts.
Imported by moderation/tasks.py so Celery's autodiscovery finds them."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .platforms import PlatformError, connector_for
from .queue_models import PlatformAction

__all__ = ["alert_overdue_items", "carry_out_platform_action"]

MAX_ATTEMPTS = 6


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def carry_out_platform_action(self, platform_action_id: int, reply_text: str = "") -> str:
    """Do one decision's action on the platform; retried with back-off when the platform fails.
    A done or by-hand action is left alone, so a redelivered task does nothing twice."""
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
        attempts = self.request.retries + 1
        failed = attempts >= MAX_ATTEMPTS
        PlatformAction.objects.filter(pk=action.pk).update(
            attempts=attempts, last_error=str(exc)[:2000],
            status=PlatformAction.Status.FAILED if failed else PlatformAction.Status.PENDING,
        )
        if failed:
            return "failed"
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc
    with transaction.atomic():
        PlatformAction.objects.filter(pk=action.pk).update(
            status=PlatformAction.Status.DONE, completed_at=timezone.now(),
            attempts=self.request.retries + 1, last_error="",
        )
        if action.kind == PlatformAction.Kind.DELETE:
            from .models import Item

            Item.objects.filter(pk=action.decision.item_id).update(
                removed_on_platform_at=timezone.now()
            )
    return "done"


@shared_task
def alert_overdue_items() -> int:
    from .queue_services import alert_overdue_items as alert

    return alert()
