"""The moderation app's background work: webhook deliveries, platform actions, reading back
what Meta's webhooks missed, overdue alerts.

Each task has a fixed name, so moving this file never breaks a stored schedule.
"""

import logging

from celery import shared_task
from celery.signals import worker_process_init

from .intake import services as intake
from .meta import services as meta
from .meta.errors import Transient
from .models import MetaConnection
from .queue.alerts import alert_overdue_items as alert_overdue
from .queue.alerts import alert_overdue_platform_actions
from .queue.platform_actions import MAX_ATTEMPTS, attempt_platform_action

log = logging.getLogger(__name__)


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
    # Only the database being away is worth trying again blindly; a comment that cannot be
    # stored marks its delivery failed at once, for a moderator to see and retry.
    autoretry_for=intake.DATABASE_DOWN,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def process_delivery(delivery_id: int) -> int:
    return intake.process_delivery(delivery_id)


@shared_task(name="moderation.process_waiting_deliveries", soft_time_limit=100, time_limit=120)
def process_waiting_deliveries() -> int:
    """Beat, every minute: process, oldest first, the deliveries whose task never ran (broker
    or worker down), for up to 50 seconds a run."""
    return intake.process_waiting_deliveries(budget_seconds=50)


@shared_task(
    name="moderation.carry_out_platform_action",
    bind=True,
    acks_late=True,
    autoretry_for=(Transient,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS - 1,
    soft_time_limit=120,
    time_limit=150,
)
def carry_out_platform_action(self, platform_action_id: int) -> str:
    """Do one decision's action on the platform. Meta unavailable or rate limiting: retried
    with exponential back-off and full jitter (up to 30 s, 1, 2, 4, 8, 16, 30 min), then handed
    to a person."""
    return attempt_platform_action(
        platform_action_id,
        attempt=self.request.retries + 1,
        final=self.request.retries >= self.max_retries,
    )


@shared_task(name="moderation.backfill_meta_comments")
def backfill_meta_comments() -> int:
    """Beat, every 30 minutes: read back each connected account's recent comments and take in
    what the webhooks missed."""
    return sum(meta.backfill(pk) for pk in MetaConnection.objects.filter(
        status=MetaConnection.Status.CONNECTED, channel__active=True,
    ).values_list("pk", flat=True))


@shared_task(name="moderation.alert_overdue_items")
def alert_overdue_items() -> int:
    """Beat, every 5 minutes: tell the moderators about overdue comments, once per comment,
    and about actions left undone on a platform, once per action."""
    return alert_overdue() + alert_overdue_platform_actions()
