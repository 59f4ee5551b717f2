import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from core.errors import Refused
from core.models import Notice
from optins import services, tasks
from optins.models import Group, MonitoringLog
from tests.factories import person, whatsapp_group

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MONDAY_W01 = datetime.datetime(2027, 1, 4, 8, 0, tzinfo=LONDON)  # ISO week 2027-W01


@pytest.fixture
def groups_since_w53():
    """The groups exist from the Monday of 2026-W53 (2026 has 53 ISO weeks): the only ended
    week to check on 4 Jan 2027."""
    Group.objects.update(created_at=datetime.datetime(2026, 12, 28, 9, 0, tzinfo=LONDON))


def test_the_beat_schedule_is_monday_0800_london_from_a_data_migration():
    task = PeriodicTask.objects.get(task="optins.weekly_monitoring")
    assert task.enabled
    cron = task.crontab
    assert (cron.minute, cron.hour, cron.day_of_week) == ("0", "8", "1")
    assert str(cron.timezone) == "Europe/London"


def test_beat_loads_the_schedule_and_finds_the_task():
    from django_celery_beat.schedulers import DatabaseScheduler

    from hws_engage.celery import app

    app.loader.import_default_modules()
    assert "optins.weekly_monitoring" in app.tasks
    # django-celery-beat 2.9 leaves out crontab entries whose hour is far from the current one,
    # so beat is asked at the task's own hour, as it would be on a Monday morning.
    with time_machine.travel(MONDAY_W01, tick=False):
        schedule = DatabaseScheduler(app=app, lazy=True).all_as_schedule()
    entry = next(e for e in schedule.values() if e.task == "optins.weekly_monitoring")
    assert entry.schedule.hour == {8} and entry.schedule.minute == {0}
    assert entry.schedule.day_of_week == {1}
    assert str(entry.schedule.tz) == "Europe/London"


def test_moderators_are_reminded_once_a_week_however_often_the_task_runs(
        groups_since_w53, mailoutbox, django_capture_on_commit_callbacks):
    moderator, other = person("moderator"), person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        tasks.weekly_monitoring.delay()
        tasks.weekly_monitoring.delay()
    reminders = Notice.objects.filter(key="optins-monitoring-reminder", period="2027-W01")
    assert sorted(reminders.values_list("recipient_id", flat=True)) == sorted(
        [moderator.pk, other.pk])
    reminder_mails = [m for m in mailoutbox if "Monitor the WhatsApp groups" in m.subject]
    assert len(reminder_mails) == 2
    with time_machine.travel(MONDAY_W01 + datetime.timedelta(weeks=1), tick=False):
        services.weekly_monitoring()
    assert Notice.objects.filter(key="optins-monitoring-reminder").count() == 4


def test_a_week_that_ends_without_a_log_is_missed_and_the_ceo_is_told_once(
        groups_since_w53, mailoutbox, django_capture_on_commit_callbacks):
    moderator, ceo = person("moderator"), person("chief_executive")
    with time_machine.travel(datetime.datetime(2026, 12, 30, 15, 0, tzinfo=LONDON)):
        services.log_monitoring(moderator, whatsapp_group("volunteers"),
                                monitored_on=datetime.date(2026, 12, 30),
                                outcome=MonitoringLog.Outcome.NOTHING_FOUND)
    with time_machine.travel(MONDAY_W01, tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        first = services.weekly_monitoring()
        second = services.weekly_monitoring()
    assert first["missed"] == 1 and second["missed"] == 0
    missed = MonitoringLog.objects.get(outcome=MonitoringLog.Outcome.MISSED)
    assert (missed.group.slug, missed.week) == ("directors", "2026-W53")
    told = Notice.objects.filter(recipient=ceo, key__startswith="optins-monitoring-missed")
    assert list(told.values_list("period", flat=True)) == ["2026-W53"]
    assert len([m for m in mailoutbox if m.to == [ceo.email]]) == 1
    assert not Notice.objects.filter(recipient=moderator,
                                     key__startswith="optins-monitoring-missed").exists()


def test_the_ceo_sees_missed_weeks_on_the_home_page_and_the_monitoring_page(
        groups_since_w53, login):
    ceo = person("chief_executive")
    with time_machine.travel(MONDAY_W01, tick=False):
        services.weekly_monitoring()
        client = login(ceo)
        home = client.get(reverse("home")).content.decode()
        assert "WhatsApp monitoring missed: Directors, 2026-W53" in home
        page = client.get(reverse("optins_monitoring")).content.decode()
        assert "Missed" in page


def test_a_late_log_fills_a_missed_week(groups_since_w53):
    moderator = person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False):
        services.weekly_monitoring()
        log = services.log_monitoring(moderator, whatsapp_group("directors"),
                                      monitored_on=datetime.date(2027, 1, 2),
                                      outcome=MonitoringLog.Outcome.ISSUES_FOUND,
                                      notes="A chain message; a word with the sender.")
    assert log.week == "2026-W53" and log.logged_late
    assert MonitoringLog.objects.filter(week="2026-W53").count() == 2


def test_the_moderator_is_asked_on_the_home_page_until_this_weeks_log_is_in(login):
    moderator = person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False):
        client = login(moderator)
        home = client.get(reverse("home")).content.decode()
        assert ("This week&#x27;s WhatsApp monitoring is not logged yet: Directors, Volunteers"
                in home)
        for slug in ("directors", "volunteers"):
            response = client.post(reverse("optins_monitoring"), {
                "group": whatsapp_group(slug).pk, "monitored_on": "2027-01-04",
                "outcome": "nothing", "notes": ""})
            assert response.status_code == 302
        home = client.get(reverse("home")).content.decode()
        assert "monitoring is not logged yet" not in home


@pytest.mark.parametrize(("data", "says"), [
    ({"outcome": "issues", "notes": "", "monitored_on": "2027-01-04"}, "Describe the issues"),
    ({"outcome": "nothing", "notes": "", "monitored_on": "2027-01-05"}, "cannot be in the future"),
    ({"outcome": "maybe", "notes": "", "monitored_on": "2027-01-04"}, "Select a valid choice"),
    ({"outcome": "nothing", "notes": "", "monitored_on": "yesterday"}, "Enter a valid date"),
])
def test_bad_monitoring_logs_are_refused_with_a_message(login, data, says):
    moderator = person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False):
        response = login(moderator).post(reverse("optins_monitoring"),
                                         {"group": whatsapp_group().pk, **data})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not MonitoringLog.objects.exists()


def test_a_week_is_logged_once_per_group():
    moderator = person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False):
        services.log_monitoring(moderator, whatsapp_group(), monitored_on=MONDAY_W01.date(),
                                outcome=MonitoringLog.Outcome.NOTHING_FOUND)
        with pytest.raises(Refused, match="already logged"):
            services.log_monitoring(moderator, whatsapp_group(),
                                    monitored_on=MONDAY_W01.date(),
                                    outcome=MonitoringLog.Outcome.NOTHING_FOUND)
    with pytest.raises(IntegrityError):
        MonitoringLog.objects.create(group=whatsapp_group(), week="2027-W01",
                                     outcome="nothing", monitored_on=MONDAY_W01.date())


def test_the_ceo_reads_the_monitoring_but_only_a_moderator_logs_it(login):
    response = login(person("chief_executive")).post(reverse("optins_monitoring"), {
        "group": whatsapp_group().pk, "monitored_on": "2026-11-23", "outcome": "nothing"})
    assert response.status_code == 403
    assert not MonitoringLog.objects.exists()


def test_only_the_weeks_the_monitoring_page_shows_can_be_logged(login):
    """A log for 1900 (or any week older than the page shows) was kept but never seen."""
    moderator = person("moderator")
    with time_machine.travel(MONDAY_W01, tick=False):
        client = login(moderator)
        for old in ("1900-01-01", "2026-11-15"):  # 2026-11-16 starts the oldest week shown
            response = client.post(reverse("optins_monitoring"), {
                "group": whatsapp_group().pk, "monitored_on": old, "outcome": "nothing"})
            assert response.status_code == 400
            assert "Only the last 8 weeks can be logged" in response.content.decode()
        assert not MonitoringLog.objects.exists()
        response = client.post(reverse("optins_monitoring"), {
            "group": whatsapp_group().pk, "monitored_on": "2026-11-16", "outcome": "nothing"})
        assert response.status_code == 302
        assert MonitoringLog.objects.get().week == "2026-W47"
        assert "2026-W47" in client.get(reverse("optins_monitoring")).content.decode()
