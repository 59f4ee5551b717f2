"""Background work of the escalations. Imported by moderation/tasks.py so Celery's autodiscovery
finds it."""

from celery import shared_task

__all__ = ["remind_waiting_escalations"]


@shared_task
def remind_waiting_escalations() -> int:
    """Beat, daily at 08:00: chase escalations undecided after two working days."""
    from .escalation_services import remind_waiting

    return remind_waiting()
