"""The default beat schedule: Monday 08:00 London time. An administrator may change it in the
admin site; this migration never runs again to overwrite the change."""

from django.db import migrations

TASK_NAME = "WhatsApp groups: weekly monitoring reminder and missed weeks"


def forwards(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="8", day_of_week="1", day_of_month="*", month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "optins.tasks.weekly_monitoring", "crontab": schedule,
                  "description": "Reminds the moderators to monitor each WhatsApp group this "
                                 "week; marks weeks that ended without a log as missed and "
                                 "tells the CEO."},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("optins", "0003_directors_and_volunteers_groups_and_agreement_rules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
