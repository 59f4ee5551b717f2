"""The default retention schedule (README, "Data protection"); an administrator changes it in
the admin site afterwards. Made once: running it again changes nothing."""

from django.db import migrations

DEFAULTS = [
    ("webhook_bodies", 30, "deleted",
     "A delivery is kept only so that nothing is lost if the worker is down; once its comments "
     "are stored and screened, the raw body is not needed."),
    ("personal_details_text", 30, "the details are replaced by their kind, e.g. [phone]",
     "The comment was removed because it shared personal details in public (policy §4.1); "
     "the decision needs the rest of the text, not the details."),
    ("comments", 1095, "deleted with their decisions and, once nothing else is left, "
     "their authors",
     "Long enough to see repeated behaviour, answer complaints and report to the Board; "
     "blocks still in force keep their record."),
    ("escalation_evidence", None, "",
     "Evidence of a possible hate crime, kept while the police or a court may need it "
     "(legal obligation and legitimate interests); removed only on the CEO's decision."),
    ("signatures", None, "",
     "Evidence of what each member agreed to (WhatsApp Group Chat Agreement), kept for any "
     "dispute about a breach: six years after the person leaves (Limitation Act 1980)."),
    ("consent", None, "",
     "Proof that permission was given and when it was withdrawn (UK GDPR Article 7(1)); it "
     "never holds the mobile number."),
    ("audit", None, "",
     "Who did what and when, to show that the rules were followed (UK GDPR Article 5(2), "
     "accountability); it names comments and their authors by number."),
]


def forwards(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, days, then, reason in DEFAULTS:
        RetentionRule.objects.get_or_create(
            kind=kind, defaults={"keep_days": days, "then": then, "reason": reason})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_retention_schedule_runs_redactions_erasures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
