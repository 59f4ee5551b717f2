"""Notices' emails: sent once each, by their task, or by the sweep when that never ran
or gave up."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import Notice

# A notice whose email has not gone this long after it was made is sent by the sweep; one older
# than a week is no longer news (it is still on the person's home page).
UNSENT_AFTER = timedelta(minutes=5)
UNSENT_UNTIL = timedelta(days=7)


def email_notice(notice_id: int) -> bool:
    """Email one notice, once: True if it was sent now.

    The notice is claimed (emailed_at set) before sending, so the task and the sweep never both
    send it; if sending fails the claim is released for the retry or the next sweep.
    """
    now = timezone.now()
    if not Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=now):
        return False
    notice = Notice.objects.select_related("recipient").get(pk=notice_id)
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.url}" if notice.url else ""
    try:
        send_mail(f"[HWS Engage] {notice.subject}", notice.body + link, None,
                  [notice.recipient.email])
    except Exception:
        Notice.objects.filter(pk=notice_id, emailed_at=now).update(emailed_at=None)
        raise
    return True


def email_unsent_notices(now=None) -> int:
    """Send the emails of notices whose task never ran (the broker was down) or gave up (the
    mail server was down). Returns how many were sent."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(
        emailed_at__isnull=True,
        created_at__lte=now - UNSENT_AFTER,
        created_at__gte=now - UNSENT_UNTIL,
    ).order_by("created_at").values_list("pk", flat=True)
    sent = 0
    for notice_id in waiting:
        try:
            sent += email_notice(notice_id)
        except OSError:
            # The mail server is down: the rest would fail too; the next sweep tries again.
            break
    return sent
