"""Celery tasks carry fixed names now, independent of the file that holds them: the stored
beat schedules follow."""

from django.db import migrations

from core.db import rename_tasks


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0002_weekly_signing_reminder_schedule"),
    ]

    operations = [
        rename_tasks({
            "agreements.tasks.remind_unsigned_signers": "agreements.remind_unsigned_signers",
        }),
    ]
