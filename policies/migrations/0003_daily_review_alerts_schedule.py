"""The daily review-alert schedule, created once: an administrator may change it in the admin
site afterwards, and nothing rewrites it (a schedule in settings would, at every beat start)."""

from django.db import migrations

TASK_NAME = "Policy review alerts"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "policies.tasks.send_review_alerts",
            "crontab": crontab,
            "description": "Tells the responsible officer and the moderators when a policy's "
                           "review is 90, 30 and 7 days away, and weekly once overdue. Each "
                           "alert is sent once, however often this runs.",
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0002_versions_reviews_agreements_are_append_only"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
