"""Celery tasks carry fixed names now, independent of the file that holds them: the stored
beat schedules follow."""

from django.db import migrations

from core.db import rename_tasks


class Migration(migrations.Migration):

    dependencies = [
        ("escalations", "0001_move_escalations_from_moderation"),
    ]

    operations = [
        rename_tasks({
            "moderation.escalation_tasks.remind_waiting_escalations":
                "escalations.remind_waiting_escalations",
        }),
    ]
