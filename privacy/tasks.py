from celery import shared_task

from . import retention


@shared_task(name="privacy.enforce_retention", acks_late=True)
def enforce_retention() -> dict[str, int]:
    """Beat, daily 03:30 London time (data migration 0003). Idempotent."""
    return retention.run_retention().counts
