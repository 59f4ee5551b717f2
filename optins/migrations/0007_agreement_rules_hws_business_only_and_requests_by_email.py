"""Two more rules a member can breach, from the agreement's own paragraphs rather than its
"Users must not" list: the group is for HWS business only, and is not used instead of email."""

from django.db import migrations

RULES = [
    (11, "hws-business-only", "Use the group for anything other than communicating information "
     "about Healthwatch Sutton and related activities."),
    (12, "requests-by-email", "Use the group instead of email: requests for action are sent "
     "directly to the person(s) involved by email, not in the group."),
]


def forwards(apps, schema_editor):
    AgreementRule = apps.get_model("optins", "AgreementRule")
    for number, slug, text in RULES:
        AgreementRule.objects.get_or_create(slug=slug, defaults={"number": number, "text": text})


def backwards(apps, schema_editor):
    AgreementRule = apps.get_model("optins", "AgreementRule")
    AgreementRule.objects.filter(slug__in=[slug for _, slug, _ in RULES],
                                 breaches__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("optins", "0006_breach_keeps_rule_wording_and_role_ended_reason")]

    operations = [migrations.RunPython(forwards, backwards)]
