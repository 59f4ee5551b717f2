"""A notice leaves the home page once its matter is settled (issue 13): the overdue notice for a
comment once it is decided, the "remove from WhatsApp" notice once the member is recorded
removed, the "asks to join" notice once the request is approved or declined. The row stays:
the alert task does not tell anyone again."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import Notice
from core.notices import notify, settle
from moderation.tasks import alert_overdue_items
from optins import services as optins
from tests.factories import flagged_item, person, signer, whatsapp_group
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db
START = timezone.datetime(2026, 11, 24, 8, 0, tzinfo=timezone.get_current_timezone())


def home_subjects(client) -> list[str]:
    return [n.subject for n in client.get(reverse("home")).context["notices"]]


def test_settle_takes_every_notice_of_the_key_off_home_pages_and_only_those():
    alex, billie = person("moderator"), person("moderator")
    notify([alex, billie], key="matter-1", subject="One")
    notify([alex], key="matter-2", subject="Two")
    assert settle("matter-1") == 2
    assert settle("matter-1") == 0
    assert set(Notice.objects.filter(settled_at__isnull=True).values_list("key", flat=True)) == {
        "matter-2"
    }


def test_the_overdue_notice_for_a_comment_goes_once_it_is_decided(login, settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    me = moderator()
    client = login(me)
    with time_machine.travel(START, tick=False) as traveller:
        item = flagged_item("ring 07700 900461", "07700 900461", term="personal_details",
                            kind="phone", severity=3)
        traveller.shift(timedelta(minutes=90))
        assert alert_overdue_items.delay().get() == 1
        assert len(home_subjects(client)) == 1
        post_decision(client, item, "keep")
        assert home_subjects(client) == []
        traveller.shift(timedelta(hours=2))
        assert alert_overdue_items.delay().get() == 0
    assert Notice.objects.get().settled_at == START + timedelta(minutes=90)


def test_the_remove_from_whatsapp_notice_goes_once_the_member_is_recorded_removed(login):
    volunteer, mod = signer("volunteer"), person("moderator")
    request = optins.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    client = login(mod)
    assert any("asks to join" in s for s in home_subjects(client))
    optins.approve_opt_in(mod, request)
    assert home_subjects(client) == []
    membership = optins.mark_added(mod, request)
    optins.leave_group(volunteer, membership)
    assert any(s.startswith("Remove ") for s in home_subjects(client))

    client.post(reverse("optins_removed", args=[membership.pk]), {"removed": "on"})
    assert home_subjects(client) == []
    assert Notice.objects.get(key=f"optins-remove-{membership.pk}").settled_at is not None


def test_a_declined_request_settles_its_notice():
    volunteer, mod = signer("volunteer"), person("moderator")
    request = optins.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    optins.decline_opt_in(mod, request, "Not a volunteer of this group")
    assert Notice.objects.get(key=f"optins-request-{request.pk}").settled_at is not None
