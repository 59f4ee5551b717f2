"""The weekly reminder to sign the current WhatsApp Group Chat Agreement."""

from django.urls import reverse
from django.utils import timezone

from core.notices import notify

from . import selectors


def iso_week(moment=None) -> str:
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def remind_unsigned(now=None) -> int:
    """Ask every signer who has not signed the current version to sign it: once per ISO week
    per person (notify's (key, period) uniqueness makes a second run send nothing).
    Returns how many were asked now."""
    version, people = selectors.unsigned_signers()
    if version is None or not version.is_intact:
        return 0
    url = reverse("agreements_current")
    period = iso_week(now)
    resigners = [p for p, signed_older in people if signed_older]
    newcomers = [p for p, signed_older in people if not signed_older]
    key = f"agreement-v{version.number}:sign"
    sent = notify(
        resigners, key=key, period=period,
        subject=f"Please sign the new version of the WhatsApp Group Chat Agreement "
                f"(version {version.number})",
        body=f"Version {version.number} of the WhatsApp Group Chat Agreement has been "
             "published. You signed an earlier version; please read the new one and sign it.",
        url=url,
    )
    sent += notify(
        newcomers, key=key, period=period,
        subject=f"Please sign the WhatsApp Group Chat Agreement (version {version.number})",
        body="Directors, volunteers and staff sign the WhatsApp Group Chat Agreement before "
             "joining the group. Please read it and sign it online.",
        url=url,
    )
    return len(sent)
