"""The default schedule of reading back what Meta's webhooks missed: every 30 minutes."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0009_meta_connections_and_reply_text"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Moderation: read back comments Meta's webhooks missed",
            "moderation.backfill_meta_comments",
            description="Stores comments on connected Facebook Pages and Instagram accounts "
            "that never arrived by webhook.",
            every_minutes=30,
        ),
    ]
