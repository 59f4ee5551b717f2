from celery import shared_task

from . import notice_emails


@shared_task(name="core.send_notice_email", autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5)
def send_notice_email(notice_id: int) -> bool:
    return notice_emails.email_notice(notice_id)


@shared_task(name="core.email_unsent_notices")
def email_unsent_notices() -> int:
    """Beat, every 10 minutes (core migration 0005): notices whose email did not go."""
    return notice_emails.email_unsent_notices()
