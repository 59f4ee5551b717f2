"""Each erasure rewrites the tables that held the number at once (optins.services
.vacuum_number_tables); a row that some open transaction could still see at that moment is kept
by PostgreSQL, so the same rewrite also runs every night."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("optins", "0008_unsigned_members_daily_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "WhatsApp: rewrite the tables that held erased numbers",
            "optins.vacuum_number_tables",
            description="VACUUM FULL of the opt-in request and membership tables (PostgreSQL), "
                        "so no old row version keeps an erased number.",
            crontab={"minute": "30", "hour": "3"},
        ),
    ]
