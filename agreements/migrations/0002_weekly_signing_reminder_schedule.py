"""The default schedule of the weekly reminder to sign the agreement: Mondays 09:00."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_agreement_versions_and_signatures"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Agreements: weekly reminder to sign the WhatsApp Group Chat Agreement",
            "agreements.tasks.remind_unsigned_signers",
            description="Reminds everyone who has not signed the current version, at most "
                        "once a week.",
            crontab={"hour": "9", "day_of_week": "1"},
        ),
    ]
