from celery import shared_task

from . import services


@shared_task(name="optins.weekly_monitoring", acks_late=True)
def weekly_monitoring() -> dict[str, int]:
    """Beat, Monday 08:00 London time (data migration 0004). Idempotent."""
    return services.weekly_monitoring()
