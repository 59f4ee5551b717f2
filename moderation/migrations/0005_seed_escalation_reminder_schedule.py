"""The default schedule of the reminder about undecided escalations: daily at 08:00."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_escalation_review_evidence_and_police_decision"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "Moderation: remind reviewers of undecided escalations",
            "moderation.escalation_tasks.remind_waiting_escalations",
            description="Reminds the reviewer daily once an escalation has waited two working "
                        "days, and tells the moderator who raised it.",
            crontab={"hour": "8"},
        ),
    ]
