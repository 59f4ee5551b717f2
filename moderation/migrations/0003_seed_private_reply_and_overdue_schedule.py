"""The first reply template (policy §4.1: invite people to share experiences or personal details
in confidence, not in public) and the default schedule of the overdue-item alert."""

from django.db import migrations

from core.db import beat_schedule

PRIVATE_REPLY = (
    "Hello, thank you for getting in touch with Healthwatch Sutton. We have removed your comment "
    "because it shared personal details in public, and we want to keep you and others safe. "
    "We would really like to hear about your experience: please contact us privately by direct "
    "message, by email or by phone (our details are on healthwatchsutton.org.uk), and we "
    "will treat what you tell us in confidence."
)


def seed(apps, schema_editor):
    ReplyTemplate = apps.get_model("moderation", "ReplyTemplate")
    ReplyTemplate.objects.get_or_create(
        name="Contact us privately",
        defaults={"term": "personal_details", "text": PRIVATE_REPLY},
    )


def unseed(apps, schema_editor):
    apps.get_model("moderation", "ReplyTemplate").objects.filter(
        name="Contact us privately"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_queue_decisions_claims_blocks_escalations"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        beat_schedule(
            "Moderation: alert moderators to overdue items",
            "moderation.queue_tasks.alert_overdue_items",
            description="Alerts the moderators, once per item, to comments about personal "
                        "details or abuse left undecided too long.",
            every_minutes=5,
        ),
    ]
