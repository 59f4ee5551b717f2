"""The default schedule of the reminder about undecided escalations: daily at 08:00, London time.
An administrator may change it afterwards; this runs once, so it never overwrites their change."""

from django.db import migrations

TASK_NAME = "moderation: remind reviewers of undecided escalations"


def seed(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily_8am, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="8", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "moderation.escalation_tasks.remind_waiting_escalations",
                  "crontab": daily_8am},
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_escalation_review_evidence_and_police_decision"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
