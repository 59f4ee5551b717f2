"""A notice whose email could not be queued (broker down) or sent (mail server down) is emailed
by the sweep, once; the task and the sweep never both send it; old news is not emailed."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.roles import Role
from core import tasks
from core.models import Notice
from core.notice_emails import email_notice
from core.notices import notify
from tests.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_notice_made_while_the_broker_is_down_is_emailed_by_the_next_sweep(
    broker_down, mailoutbox, time_machine,
):
    time_machine.move_to(timezone.now(), tick=False)
    director = person(Role.DIRECTOR)
    notify([director], key="agreement-v2:sign", period="2026-W49", subject="Please sign")
    notice = Notice.objects.get()
    assert notice.emailed_at is None and mailoutbox == []

    assert tasks.email_unsent_notices() == 0  # too soon: its own task may still come
    time_machine.shift(timedelta(minutes=6))
    assert tasks.email_unsent_notices() == 1
    assert [m.to for m in mailoutbox] == [[director.email]]
    assert mailoutbox[0].subject == "[HWS Engage] Please sign"
    assert tasks.email_unsent_notices() == 0  # a second sweep sends nothing more
    assert len(mailoutbox) == 1


def test_the_task_and_the_sweep_send_a_notice_once(mailoutbox):
    notice = Notice.objects.create(recipient=person(Role.VOLUNTEER), key="k", subject="Hello")
    assert email_notice(notice.pk) is True
    assert email_notice(notice.pk) is False
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_a_failed_send_is_left_for_the_sweep(mailoutbox, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    notice = Notice.objects.create(recipient=person(Role.VOLUNTEER), key="k", subject="Hello")
    with (mock.patch("core.notice_emails.send_mail", side_effect=ConnectionRefusedError),
          pytest.raises(ConnectionRefusedError)):
        email_notice(notice.pk)
    notice.refresh_from_db()
    assert notice.emailed_at is None
    time_machine.shift(timedelta(minutes=10))
    assert tasks.email_unsent_notices() == 1
    assert len(mailoutbox) == 1


def test_a_notice_older_than_a_week_is_not_emailed_late(mailoutbox, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    Notice.objects.create(recipient=person(Role.VOLUNTEER), key="k", subject="Old news")
    time_machine.shift(timedelta(days=8))
    assert tasks.email_unsent_notices() == 0
    assert mailoutbox == []
