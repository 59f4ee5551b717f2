"""Notices remember when their email went, and a sweep every 10 minutes sends the ones whose
email did not (the broker or the mail server was down). Notices made before this are taken as
sent: the sweep must not email old news."""

from django.db import migrations, models
from django.db.models import F

from core.db import beat_schedule


def existing_notices_were_sent(apps, schema_editor):
    apps.get_model("core", "Notice").objects.update(emailed_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_append_only_tables_allow_sanctioned_removal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="emailed_at",
            field=models.DateTimeField(
                blank=True, null=True,
                help_text="When its email went; empty until it goes (the sweep retries).",
            ),
        ),
        migrations.RunPython(existing_notices_were_sent, migrations.RunPython.noop),
        beat_schedule(
            "Notices: send the emails that did not go",
            "core.email_unsent_notices",
            description="Emails notices whose email was not sent (broker or mail server "
                        "down), between 5 minutes and 7 days after they were made.",
            every_minutes=10,
        ),
    ]
