"""The moderation app's background work: webhook deliveries, platform actions, overdue alerts.

Each task has a fixed name, so moving this file never breaks a stored schedule.
"""

import logging
import random
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.utils import timezone

from .intake import services as intake
from .models import WebhookDelivery
from .queue.alerts import alert_overdue_items as alert_overdue
from .queue.alerts import alert_overdue_platform_actions
from .queue.platform_actions import MAX_ATTEMPTS, TryAgain, attempt_platform_action

log = logging.getLogger(__name__)

# A delivery still waiting after this long lost its task (broker or worker down): retry it.
WAITING_AFTER = timedelta(minutes=5)


@worker_process_init.connect
def _build_screener(**kwargs) -> None:
    """Compile the word lists when a worker process starts, not on its first comment."""
    try:
        from .intake.screener import current_screener

        current_screener()
    except Exception:
        log.exception("Could not build the screener at worker start; the first task will")


@shared_task(
    name="moderation.process_delivery",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def process_delivery(delivery_id: int) -> int:
    return intake.process_delivery(delivery_id)


@shared_task(name="moderation.process_waiting_deliveries")
def process_waiting_deliveries() -> int:
    """Beat, every 10 minutes: deliveries stored but never processed get their task again."""
    waiting = list(
        WebhookDelivery.objects.filter(
            processed_at__isnull=True, received_at__lt=timezone.now() - WAITING_AFTER
        ).values_list("pk", flat=True)[:500]
    )
    for delivery_id in waiting:
        process_delivery.delay(delivery_id)
    if waiting:
        log.warning("Re-queued %d webhook deliveries that were never processed", len(waiting))
    return len(waiting)


@shared_task(
    name="moderation.carry_out_platform_action", bind=True, max_retries=MAX_ATTEMPTS - 1,
    acks_late=True,
)
def carry_out_platform_action(self, platform_action_id: int, reply_text: str = "") -> str:
    """Do one decision's action on the platform, retried with exponential back-off."""
    try:
        return attempt_platform_action(platform_action_id, self.request.retries + 1, reply_text)
    except TryAgain as exc:
        backoff = min(30 * 2**self.request.retries, 3600)
        raise self.retry(exc=exc, countdown=backoff + random.randint(0, 15)) from exc


@shared_task(name="moderation.alert_overdue_items")
def alert_overdue_items() -> int:
    """Beat, every 5 minutes: tell the moderators about overdue comments, once per comment,
    and about actions left undone on a platform, once per action."""
    return alert_overdue() + alert_overdue_platform_actions()
