"""Celery tasks carry fixed names now, independent of the file that holds them: the stored
beat schedules follow."""

from django.db import migrations

from core.db import rename_tasks


class Migration(migrations.Migration):

    dependencies = [
        ("policies", "0003_daily_review_alerts_schedule"),
    ]

    operations = [
        rename_tasks({
            "policies.tasks.send_review_alerts": "policies.send_review_alerts",
        }),
    ]
