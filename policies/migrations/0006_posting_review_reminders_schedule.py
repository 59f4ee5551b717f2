"""The daily check for the yearly review of who may post: 07:30 London time."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0005_policy_readings_and_posting_authorisations"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Social accounts: yearly review of who may post",
            "policies.posting_review_reminders",
            description="Tells the Chief Executive a month before, and when, the yearly review "
                        "of the people authorised to post on an account is due. Once per "
                        "account and due date, however often this runs.",
            crontab={"hour": "7", "minute": "30"},
        ),
    ]
