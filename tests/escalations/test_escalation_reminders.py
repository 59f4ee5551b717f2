"""An escalation undecided after two working days reminds its reviewer once a day, and tells
the moderator who raised it once. Running the job twice sends nothing twice."""

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from core.models import Notice
from escalations.models import working_days_later
from escalations.services import decide
from escalations.tasks import remind_waiting_escalations
from tests.factories import escalated

from .escalation_support import absent, at, board, consulted

pytestmark = pytest.mark.django_db


def _run(*when):
    with time_machine.travel(at(*when), tick=False):
        return remind_waiting_escalations.delay().get()


def _reminders(user):
    return list(Notice.objects.filter(recipient=user, key__endswith=":waiting")
                .order_by("period").values_list("period", flat=True))


def _moderator_told(user) -> int:
    return Notice.objects.filter(recipient=user, key__endswith=":waiting-moderator").count()


def test_two_working_days_skip_the_weekend():
    assert working_days_later(at(2026, 11, 26, 10), 2) == at(2026, 11, 30, 10)  # Thu → Mon
    assert working_days_later(at(2026, 11, 25, 10), 2) == at(2026, 11, 27, 10)  # Wed → Fri
    assert working_days_later(at(2026, 11, 28, 15), 2) == at(2026, 12, 2, 0)  # Sat → Wed


def test_the_reviewer_is_reminded_daily_after_two_working_days_and_never_twice():
    people = board()
    with time_machine.travel(at(2026, 11, 26, 10), tick=False):  # a Thursday
        escalation = escalated()
    moderator = escalation.raised_by

    assert _run(2026, 11, 27, 8) == 0  # Friday
    assert _run(2026, 11, 30, 8) == 0  # Monday 08:00: two working days end at 10:00
    assert _reminders(people["ceo"]) == []

    assert _run(2026, 12, 1, 8) == 1  # Tuesday
    assert _run(2026, 12, 1, 8, 30) == 0  # the job runs again: nothing doubles
    assert _reminders(people["ceo"]) == ["2026-12-01"]
    assert _moderator_told(moderator) == 1

    assert _run(2026, 12, 2, 8) == 1  # Wednesday: the reviewer again, the moderator not
    assert _reminders(people["ceo"]) == ["2026-12-01", "2026-12-02"]
    assert _moderator_told(moderator) == 1

    with time_machine.travel(at(2026, 12, 2, 12), tick=False):
        consulted(escalation, people["ceo"])
        decide(escalation.pk, people["ceo"], outcome="no_report", judgement="not_a_hate_crime",
               reason="Not hostility.")
    assert _run(2026, 12, 3, 8) == 0
    assert len(_reminders(people["ceo"])) == 2


def test_before_a_director_takes_it_the_directors_present_are_reminded():
    people = board()
    with time_machine.travel(at(2026, 11, 25, 10), tick=False):  # a Wednesday
        absent(people["ceo"], at(2026, 11, 20, 0).date(), at(2026, 12, 4, 0).date())
        absent(people["chair"], at(2026, 11, 20, 0).date(), at(2026, 12, 4, 0).date())
        escalated()
    assert _run(2026, 11, 30, 8) == 1
    assert _reminders(people["director"]) == ["2026-11-30"]
    assert _reminders(people["director2"]) == ["2026-11-30"]
    assert _reminders(people["chair"]) == []


def test_the_reminder_runs_daily_at_eight_london_time_by_default():
    task = PeriodicTask.objects.get(task="escalations.remind_waiting_escalations")
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "8", "*")
    assert str(task.crontab.timezone) == "Europe/London"
    assert task.enabled
