from celery import shared_task

from . import services


@shared_task(
    name="policies.send_review_alerts", acks_late=True, autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def send_review_alerts() -> int:
    """Daily (beat, 07:00 Europe/London). Safe to run twice: each alert is sent once."""
    return services.send_review_alerts()


@shared_task(name="policies.posting_review_reminders", acks_late=True)
def posting_review_reminders() -> int:
    """Daily (beat, 07:30 Europe/London): the yearly review of who may post. Idempotent."""
    return services.posting_review_reminders()
