"""The default list of services and themes (with the keywords that suggest them), and the
prepared reply that thanks a person for their experience and invites them to tell more in
private. The charity edits all three afterwards: services and themes in the admin site, the
reply on Reply templates."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
THANKS = "Thank you for your experience"
THANKS_TEXT = (
    "Hello, thank you for telling Healthwatch Sutton about your experience. What people tell us "
    "helps us show the NHS and the council what needs to change. If you would like to tell us "
    "more, please contact us privately by direct message, by email or by phone (our details are "
    "on healthwatchsutton.org.uk): we will treat what you tell us in confidence."
)


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def seed(apps, schema_editor):
    for model, name in (("Service", "services.csv"), ("Theme", "themes.csv")):
        Model = apps.get_model("experiences", model)
        for row in _rows(name):
            Model.objects.get_or_create(name=row["name"], defaults={"keywords": row["keywords"]})
    apps.get_model("moderation", "ReplyTemplate").objects.get_or_create(
        name=THANKS, defaults={"term": "", "text": THANKS_TEXT})


def unseed(apps, schema_editor):
    apps.get_model("moderation", "ReplyTemplate").objects.filter(name=THANKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("experiences", "0001_experiences_services_and_themes"),
        ("moderation", "0006_channel_links_social_account_and_newest_items_index"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
