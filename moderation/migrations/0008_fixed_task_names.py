"""Celery tasks carry fixed names now, independent of the file that holds them: the stored
beat schedules follow."""

from django.db import migrations

from core.db import rename_tasks


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0007_escalations_move_to_their_own_app"),
    ]

    operations = [
        rename_tasks({
            "moderation.tasks.process_waiting_deliveries": "moderation.process_waiting_deliveries",
            "moderation.queue_tasks.alert_overdue_items": "moderation.alert_overdue_items",
        }),
    ]
