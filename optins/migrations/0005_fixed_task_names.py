"""Celery tasks carry fixed names now, independent of the file that holds them: the stored
beat schedules follow."""

from django.db import migrations

from core.db import rename_tasks


class Migration(migrations.Migration):

    dependencies = [
        ("optins", "0004_weekly_monitoring_schedule"),
    ]

    operations = [
        rename_tasks({
            "optins.tasks.weekly_monitoring": "optins.weekly_monitoring",
        }),
    ]
