"""Review alerts: 90, 30 and 7 days before the review date, then weekly once overdue; each
alert once, however often the daily task runs; a recorded review stops them."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from accounts.roles import Role
from core.models import Notice
from policies import services
from policies.tasks import send_review_alerts
from tests.factories import person, policy

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DUE = date(2027, 3, 1)


def on(day: date):
    return time_machine.travel(datetime.combine(day, time(7, 0), tzinfo=LONDON), tick=False)


@pytest.fixture
def people():
    return {
        "officer": person(Role.CHIEF_EXECUTIVE),
        "moderator": person(Role.MODERATOR),
        "moderator2": person(Role.MODERATOR),
        "staff": person(Role.STAFF),
    }


@pytest.fixture
def reviewed_policy(people):
    return policy(people["officer"], title="Online Engagement Policy",
                  approved_on=date(2024, 3, 1), review_due=DUE)


@pytest.fixture
def run(django_capture_on_commit_callbacks, mailoutbox):
    """Run the daily task as beat would on `day`; returns the emails it sent."""

    def _run(day: date) -> list:
        before = len(mailoutbox)
        with on(day), django_capture_on_commit_callbacks(execute=True):
            send_review_alerts.delay()
        return mailoutbox[before:]

    return _run


def test_nothing_is_sent_91_days_before_the_review(run, reviewed_policy):
    assert run(DUE - timedelta(days=91)) == []
    assert not Notice.objects.exists()


@pytest.mark.parametrize("days", [90, 30, 7])
def test_officer_and_moderators_are_told_at_each_threshold(run, reviewed_policy, people, days):
    sent = run(DUE - timedelta(days=days))
    expected = {people[k].email for k in ("officer", "moderator", "moderator2")}
    assert {m.to[0] for m in sent} == expected
    assert all(f"review due in {days} days (1 Mar 2027)" in m.subject for m in sent)
    assert not Notice.objects.filter(recipient=people["staff"]).exists()


def test_the_whole_series_sends_each_threshold_once_then_weekly_when_overdue(
    run, reviewed_policy
):
    sent_on = {}
    day = DUE - timedelta(days=100)
    while day <= DUE + timedelta(days=21):
        sent = run(day)
        if sent:
            sent_on[day] = len(sent)
        day += timedelta(days=1)
    assert sorted(sent_on) == [
        DUE - timedelta(days=90), DUE - timedelta(days=30), DUE - timedelta(days=7),
        DUE + timedelta(days=1),   # Tuesday 2 Mar 2027: overdue, ISO week 9
        date(2027, 3, 8),          # Monday of week 10
        date(2027, 3, 15),         # Monday of week 11
        date(2027, 3, 22),         # Monday of week 12
    ]
    assert set(sent_on.values()) == {3}


def test_a_second_run_the_same_day_sends_nothing(run, reviewed_policy):
    assert len(run(DUE - timedelta(days=30))) == 3
    assert run(DUE - timedelta(days=30)) == []
    assert Notice.objects.count() == 3


def test_a_missed_day_is_caught_up_with_the_most_urgent_threshold_only(run, reviewed_policy):
    # Beat was down from day 95 to day 25: one "30 days" alert, not a 90 and a 30.
    assert run(DUE - timedelta(days=95)) == []
    sent = run(DUE - timedelta(days=25))
    assert len(sent) == 3
    assert all("review due in 25 days" in m.subject for m in sent)
    assert run(DUE - timedelta(days=24)) == []


def test_overdue_alert_shows_on_the_moderators_home_page(run, reviewed_policy, people, client):
    run(DUE + timedelta(days=3))
    with on(DUE + timedelta(days=3)):
        client.force_login(people["moderator"])
        page = client.get(reverse("home")).content.decode()
    assert "Online Engagement Policy: review overdue since 1 Mar 2027" in page


def test_a_recorded_review_stops_the_alerts(run, reviewed_policy, people, client):
    assert len(run(DUE + timedelta(days=1))) == 3
    with on(DUE + timedelta(days=2)):
        services.record_review(reviewed_policy, actor=people["officer"],
                               reviewed_on=DUE + timedelta(days=2),
                               next_review_due=date(2028, 3, 1), notes="No changes needed.")
    # The overdue notices are answered and leave the home pages.
    assert not Notice.objects.filter(dismissed_at__isnull=True).exists()
    for week in range(1, 8):
        assert run(DUE + timedelta(weeks=week)) == []
    with on(DUE + timedelta(weeks=2)):
        client.force_login(people["officer"])
        page = client.get(reverse("home")).content.decode()
    assert "review overdue" not in page


def test_after_a_review_the_next_series_counts_down_to_the_new_date(run, reviewed_policy,
                                                                    people):
    with on(DUE - timedelta(days=5)):
        services.record_review(reviewed_policy, actor=people["moderator"],
                               reviewed_on=DUE - timedelta(days=5),
                               next_review_due=date(2028, 3, 1))
    assert run(date(2028, 3, 1) - timedelta(days=91)) == []
    sent = run(date(2028, 3, 1) - timedelta(days=90))
    assert len(sent) == 3
    assert "review due in 90 days (1 Mar 2028)" in sent[0].subject


def test_the_daily_schedule_exists_in_the_database_for_beat():
    task = PeriodicTask.objects.get(name="Policy review alerts")
    assert task.task == "policies.send_review_alerts"
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")
    assert str(task.crontab.timezone) == "Europe/London"
    assert task.enabled
