"""The default beat schedule of the weekly monitoring: Monday 08:00 London time."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("optins", "0003_directors_and_volunteers_groups_and_agreement_rules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "WhatsApp groups: weekly monitoring reminder and missed weeks",
            "optins.tasks.weekly_monitoring",
            description="Reminds the moderators to monitor each WhatsApp group this week; "
                        "marks weeks that ended without a log as missed and tells the CEO.",
            crontab={"hour": "8", "day_of_week": "1"},
        ),
    ]
