from celery import shared_task


@shared_task(name="core.tasks.send_notice_email", autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5)
def send_notice_email(notice_id: int) -> bool:
    from .notices import email_notice

    return email_notice(notice_id)


@shared_task(name="core.email_unsent_notices")
def email_unsent_notices() -> int:
    """Beat, every 10 minutes (core migration 0003): notices whose email did not go."""
    from .notices import email_unsent_notices

    return email_unsent_notices()
