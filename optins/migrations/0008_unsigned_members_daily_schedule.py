"""The default beat schedule of the check for members who have not signed the current
agreement in time: daily 09:00 London time."""

from django.db import migrations

from core.db import beat_schedule


class Migration(migrations.Migration):
    dependencies = [
        ("optins", "0007_agreement_rules_hws_business_only_and_requests_by_email"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        beat_schedule(
            "WhatsApp groups: members who have not signed the current agreement",
            "optins.unsigned_members",
            description="Tells the moderators to remove, until they sign, members who have not "
                        "signed the current agreement AGREEMENT_SIGN_AGAIN_DAYS after it was "
                        "published.",
            crontab={"hour": "9"},
        ),
    ]
