"""Every periodic job the SPEC asks for has a default beat schedule in the database, naming a
task Celery knows; an administrator edits them in the admin site."""

import pytest
from django_celery_beat.models import PeriodicTask

from hws_engage.celery import app

pytestmark = pytest.mark.django_db

EXPECTED = {
    "agreements.remind_unsigned_signers",
    "policies.send_review_alerts",
    "moderation.process_waiting_deliveries",
    "moderation.alert_overdue_items",
    "escalations.remind_waiting_escalations",
    "optins.weekly_monitoring",
    "core.email_unsent_notices",
    "optins.vacuum_number_tables",
    "privacy.enforce_retention",
    "optins.unsigned_members",
    "policies.posting_review_reminders",
}


def test_each_periodic_job_has_a_default_schedule_for_a_registered_task():
    app.loader.import_default_modules()
    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))
    assert scheduled == EXPECTED
    assert set(app.tasks) >= EXPECTED


def test_time_of_day_schedules_are_in_london_time():
    for task in PeriodicTask.objects.filter(crontab__isnull=False).select_related("crontab"):
        assert str(task.crontab.timezone) == "Europe/London", task.name
