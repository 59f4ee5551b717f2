"""Background work of the escalations."""

from celery import shared_task

from .services import remind_waiting


@shared_task(name="escalations.remind_waiting_escalations")
def remind_waiting_escalations() -> int:
    """Beat, daily at 08:00: chase escalations undecided after two working days."""
    return remind_waiting()
