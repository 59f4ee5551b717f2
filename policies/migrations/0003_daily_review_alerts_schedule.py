"""The daily review-alert schedule: 07:00 London time."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0002_versions_reviews_agreements_are_append_only"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Policy review alerts",
            "policies.tasks.send_review_alerts",
            description="Tells the responsible officer and the moderators when a policy's "
                        "review is 90, 30 and 7 days away, and weekly once overdue. Each alert "
                        "is sent once, however often this runs.",
            crontab={"hour": "7"},
        ),
    ]
