from datetime import UTC, datetime, timedelta

import pytest
from django_celery_beat.models import PeriodicTask

from agreements import reminders, services, tasks
from core.models import Notice
from tests.factories import person

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def people(v1):
    older = person("director", full_name="Olive Older")
    never = person("volunteer", full_name="Nate Never")
    services.sign(older, v1, printed_name="Olive Older", shown_sha256=v1.sha256)
    person("moderator")  # does not sign: never reminded
    return older, never


def _publish_v2(moderator, capture):
    with capture(execute=True):
        services.save_draft(moderator, title="WhatsApp Group Chat Agreement",
                            text=services.seed_text() + "\nA new rule.\n")
        return services.publish_draft(moderator)


def test_publishing_a_new_version_asks_signers_of_the_older_one_to_sign_again(
    people, django_capture_on_commit_callbacks, mailoutbox, time_machine,
):
    time_machine.move_to(MONDAY)
    older, never = people
    v2 = _publish_v2(person("chief_executive"), django_capture_on_commit_callbacks)
    assert v2.number == 2
    notice = Notice.objects.get(recipient=older)
    assert notice.subject == (
        "Please sign the new version of the WhatsApp Group Chat Agreement (version 2)"
    )
    assert notice.url == "/agreements/"
    assert Notice.objects.get(recipient=never).subject == (
        "Please sign the WhatsApp Group Chat Agreement (version 2)"
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([older.email, never.email])


def test_reminders_go_once_a_week_per_person_and_stop_after_signing(
    people, django_capture_on_commit_callbacks, time_machine,
):
    older, never = people
    time_machine.move_to(MONDAY)
    v2 = _publish_v2(person("moderator"), django_capture_on_commit_callbacks)
    # Same ISO week: the beat task (run twice, as may happen) sends nothing new.
    time_machine.move_to(MONDAY + timedelta(days=3))
    assert tasks.remind_unsigned_signers() == 0
    assert tasks.remind_unsigned_signers() == 0
    assert Notice.objects.filter(recipient=older).count() == 1

    time_machine.move_to(MONDAY + timedelta(days=7))
    assert tasks.remind_unsigned_signers() == 2
    assert tasks.remind_unsigned_signers() == 0
    assert Notice.objects.filter(recipient=older).count() == 2

    services.sign(older, v2, printed_name="Olive Older", shown_sha256=v2.sha256)
    time_machine.move_to(MONDAY + timedelta(days=14))
    assert tasks.remind_unsigned_signers() == 1
    assert Notice.objects.filter(recipient=older).count() == 2
    assert Notice.objects.filter(recipient=never).count() == 3
    assert set(Notice.objects.filter(recipient=never).values_list("period", flat=True)) == {
        "2026-W48", "2026-W49", "2026-W50",
    }


def test_people_who_never_signed_are_reminded_weekly_too(v1, time_machine):
    never = person("staff")
    time_machine.move_to(MONDAY)
    assert reminders.remind_unsigned() == 1
    assert reminders.remind_unsigned() == 0
    time_machine.move_to(MONDAY + timedelta(days=7))
    assert reminders.remind_unsigned() == 1
    assert Notice.objects.filter(recipient=never).count() == 2


def test_nobody_is_reminded_before_an_agreement_is_published(db):
    person("director")
    assert reminders.remind_unsigned() == 0


def test_the_weekly_reminder_is_scheduled_by_a_migration(db):
    task = PeriodicTask.objects.get(task="agreements.remind_unsigned_signers")
    assert task.enabled
    assert (task.crontab.day_of_week, task.crontab.hour, task.crontab.minute) == ("1", "9", "0")
