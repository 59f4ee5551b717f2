"""Demo data for a local run: a member, requests waiting, and last week's monitoring."""

import datetime

from django.utils import timezone

from accounts.models import User

from . import services
from .models import Group, Membership, MonitoringLog, OptInRequest

EMAIL_TEXT = ("From: Victor Nowak <volunteer2@example.org>\nSubject: WhatsApp group\n\n"
              "Hello, please add me to the volunteers' WhatsApp group. My mobile is "
              "07400 200300. Thanks, Victor")


def seed() -> None:
    people = {u.email: u for u in User.objects.filter(email__in=[
        "moderator@example.org", "chair@example.org", "director2@example.org",
        "volunteer2@example.org"])}
    moderator = people.get("moderator@example.org")
    if moderator is None or OptInRequest.objects.exists():
        return  # seeded already (or the people are missing): leave real changes alone
    directors, volunteers = Group.objects.get(slug="directors"), Group.objects.get(
        slug="volunteers")
    chair = people["chair@example.org"]
    item = services.request_opt_in(chair, directors, "07400 100200", permission=True)
    services.approve_opt_in(moderator, item)
    services.mark_added(moderator, item)
    services.request_opt_in(people["director2@example.org"], directors, "07400 100300",
                            permission=True)
    services.log_email_request(moderator, people["volunteer2@example.org"], volunteers,
                               "07400 200300", message=EMAIL_TEXT, permission=True)
    last_week = timezone.localdate() - datetime.timedelta(weeks=1)
    for group in (directors, volunteers):
        if not MonitoringLog.objects.filter(group=group).exists():
            services.log_monitoring(moderator, group, monitored_on=last_week,
                                    outcome=MonitoringLog.Outcome.NOTHING_FOUND)
    assert Membership.objects.filter(person=chair).exists()
