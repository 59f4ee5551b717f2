"""Celery runs with schedules in the database (django-celery-beat, editable by an
administrator), late acknowledgement, and a broker that needs no server by default."""

import pytest
from django.conf import settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from core.tasks import send_notice_email
from hws_engage.celery import app


def test_tasks_are_acknowledged_late_and_time_limited():
    assert app.conf.task_acks_late is True
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit


def test_the_broker_is_redis_when_redis_url_is_set_and_needs_no_server_otherwise():
    if settings.REDIS_URL:
        assert app.conf.broker_url.startswith("redis://")
    else:
        assert app.conf.broker_url.startswith("filesystem://")


def test_beat_reads_schedules_from_the_database():
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"


@pytest.mark.django_db
def test_an_administrator_can_keep_a_schedule_in_the_database():
    crontab = CrontabSchedule.objects.create(minute="0", hour="7", timezone="Europe/London")
    task = PeriodicTask.objects.create(name="t", task="core.send_notice_email",
                                       crontab=crontab, args="[1]")
    assert PeriodicTask.objects.get(pk=task.pk).crontab.hour == "7"


def test_notice_email_task_retries_on_connection_errors():
    assert OSError in send_notice_email.autoretry_for
    assert send_notice_email.retry_backoff
