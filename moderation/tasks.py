import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.utils import timezone

from . import services
from .models import WebhookDelivery

log = logging.getLogger(__name__)

# A delivery still waiting after this long lost its task (broker or worker down): retry it.
WAITING_AFTER = timedelta(minutes=5)


@worker_process_init.connect
def _build_screener(**kwargs) -> None:
    """Compile the word lists when a worker process starts, not on its first comment."""
    try:
        from .screener import current_screener

        current_screener()
    except Exception:
        log.exception("Could not build the screener at worker start; the first task will")


@shared_task(
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def process_delivery(delivery_id: int) -> int:
    return services.process_delivery(delivery_id)


@shared_task
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
from .queue_tasks import *  # noqa: E402, F401, F403, I001
from .escalation_tasks import *  # noqa: E402, F401, F403, I001
