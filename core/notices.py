from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from .enqueue import enqueue_on_commit
from .models import Notice
from .tasks import send_notice_email


def notify(
    recipients: Iterable, *, key: str, period: str = "", subject: str, body: str = "",
    url: str = "",
) -> list[Notice]:
    """Tell each recipient once per (key, period): home page and email.

    Returns the notices created now; a second call for the same key and period creates none
    and sends nothing, which is what makes periodic tasks safe to run twice.
    """
    created = []
    for person in recipients:
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    recipient=person, key=key, period=period, subject=subject, body=body, url=url
                )
        except IntegrityError:
            continue
        created.append(notice)
        enqueue_on_commit(send_notice_email, notice.pk)
    return created


def settle(key: str) -> int:
    """The matter the notices under `key` are about has been dealt with (the comment decided,
    the member removed): they leave everyone's home page. The rows stay, so a periodic task
    that asks whether it already told people still finds them and does not tell them again.
    Returns how many notices were settled now."""
    return Notice.objects.filter(key=key, settled_at__isnull=True).update(
        settled_at=timezone.now()
    )
