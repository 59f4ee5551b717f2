from celery import shared_task

from . import services


@shared_task(name="optins.weekly_monitoring", acks_late=True)
def weekly_monitoring() -> dict[str, int]:
    """Beat, Monday 08:00 London time (data migration 0004). Idempotent."""
    return services.weekly_monitoring()


@shared_task(name="optins.unsigned_members", acks_late=True)
def unsigned_members() -> int:
    """Beat, daily 09:00 London time (data migration 0006). Idempotent."""
    return services.unsigned_members()


@shared_task(name="optins.vacuum_number_tables")
def vacuum_number_tables() -> bool:
    """After a number is erased, and nightly (migration 0009): rewrite the tables that held it
    (PostgreSQL)."""
    return services.vacuum_number_tables()
