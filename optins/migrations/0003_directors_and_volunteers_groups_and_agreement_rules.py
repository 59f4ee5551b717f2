"""The two groups of policy §5.1, and the agreement's ten "Users must not" rules as data."""

from django.db import migrations

GROUPS = [
    ("directors", "Directors", "director",
     "Healthwatch Sutton's Board of Directors: important, time-sensitive HWS matters."),
    ("volunteers", "Volunteers", "volunteer",
     "Healthwatch Sutton's volunteers: important, time-sensitive HWS matters."),
]

# The Directors and Volunteers WhatsApp Group Chat Agreement: "Users must not:"
RULES = [
    ("outside-group", "Message group members on their personal mobile numbers outside of the "
     "group chat, unless agreement between members is sought beforehand."),
    ("defamatory-or-liability", "Create or transmit material that might be defamatory or incur "
     "liability for Healthwatch Sutton."),
    ("illegal-or-criminal", "Use WhatsApp for any illegal or criminal activities."),
    ("offensive-or-harassing", "Send offensive or harassing material to others via WhatsApp."),
    ("unsolicited-views", "Broadcast unsolicited views on social, political, religious or other "
     "non-business related matters."),
    ("damage-reputation", "Send or post messages or materials that could damage Healthwatch "
     "Sutton's image or reputation."),
    ("offensive-disrespectful-rude", "Interact with group members in any ways which could be "
     "interpreted as offensive, disrespectful or rude."),
    ("discuss-without-approval", "Discuss colleagues, partners, volunteers or clients without "
     "their approval."),
    ("spam-chain", "Post, upload, forward or link to spam, junk email or chain emails and "
     "messages."),
    ("inappropriate-content", "Post messages, status updates or links to material or content "
     "that is inappropriate."),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("optins", "Group")
    AgreementRule = apps.get_model("optins", "AgreementRule")
    for slug, name, role, description in GROUPS:
        Group.objects.get_or_create(
            slug=slug, defaults={"name": name, "role": role, "description": description}
        )
    for number, (slug, text) in enumerate(RULES, start=1):
        AgreementRule.objects.get_or_create(slug=slug, defaults={"number": number, "text": text})


class Migration(migrations.Migration):
    dependencies = [("optins", "0002_consent_and_breaches_are_append_only")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
