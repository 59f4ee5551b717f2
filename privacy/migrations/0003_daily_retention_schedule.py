"""The default beat schedule of the retention run: daily 03:30 London time."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_default_retention_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Data protection: daily retention run",
            "privacy.enforce_retention",
            description="Removes or redacts what the retention schedule says has been kept "
                        "long enough; records the counts on the audit trail.",
            crontab={"minute": "30", "hour": "3"},
        ),
    ]
