"""Demo data for a local run: members, requests waiting, last week's monitoring, and a breach
in the Volunteers group escalated to the Chief Executive as a possible hate crime."""

import datetime

from django.utils import timezone

from accounts.models import User
from escalations.services import raise_from_breach

from . import services
from .models import AgreementRule, Breach, Group, Membership, MonitoringLog, OptInRequest

HATEFUL_POST = ("Posted in the group on Monday: \"Don't send any more of those foreigners to "
                "help at the Saturday stall, they can't even speak English and they don't belong "
                "here.\" Two volunteers screenshotted it and emailed the moderator.")

EMAIL_TEXT = ("From: Victor Nowak <volunteer2@example.org>\nSubject: WhatsApp group\n\n"
              "Hello, please add me to the volunteers' WhatsApp group. My mobile is "
              "07400 200300. Thanks, Victor")


def seed() -> None:
    _seed_groups()
    _seed_escalated_breach()


def _seed_groups() -> None:
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


def _seed_escalated_breach() -> None:
    """Val Thompson (a volunteer who signed the agreement) joins the Volunteers group and
    posts something hateful; the moderator records the breach and escalates it."""
    moderator = User.objects.filter(email="moderator@example.org").first()
    val = User.objects.filter(email="volunteer@example.org").first()
    if moderator is None or val is None or Breach.objects.filter(
            membership__person=val).exists():
        return
    volunteers = Group.objects.get(slug="volunteers")
    membership = Membership.objects.filter(person=val, group=volunteers).first()
    if membership is None:
        request = services.request_opt_in(val, volunteers, "07400 200100", permission=True)
        services.approve_opt_in(moderator, request)
        membership = services.mark_added(moderator, request)
    rule = AgreementRule.objects.get(slug="offensive-or-harassing")
    breach = services.record_breach(moderator, membership, rule, HATEFUL_POST, "removal")
    raise_from_breach(breach.pk, moderator, characteristics=["race"],
                      note="Hostility towards people of another nationality, in a group of "
                           "27 volunteers: escalating to the Chief Executive.")
