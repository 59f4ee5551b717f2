from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .models import Notice


@shared_task(
    name="core.send_notice_email", autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True,
    max_retries=5,
)
def send_notice_email(notice_id: int) -> None:
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None:
        return
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.url}" if notice.url else ""
    send_mail(f"[HWS Engage] {notice.subject}", notice.body + link, None, [notice.recipient.email])
