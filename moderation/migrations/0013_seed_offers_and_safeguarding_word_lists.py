"""Load the word lists the screening engine added (offers, self-harm, disclosures of abuse) from
its shipped files, and add the entries it added to lists a database already holds. Entries a
moderator has removed from the other lists stay removed: only these named ones are added."""

from django.db import migrations, models

NEW_LISTS = ("offers", "self_harm", "abuse_disclosure")

ADDED_ENTRIES = [
    ("hate_groups", "disability", "people in wheelchairs"),
    ("hate_predicates", "", "a drain"),
    ("hate_predicates", "", "a drain on *"),
    ("hate_predicates", "", "a waste of money"),
    ("hate_predicates", "", "useless eaters"),
    ("hate_actions", "", "put away"),
    ("hate_actions", "", "locked away"),
    ("hate_actions", "", "lock away"),
    ("hate_actions", "", "put in homes"),
]


def seed(apps, schema_editor):
    from screening.wordlists import DATA_DIR, parse_wordlist

    ScreeningWord = apps.get_model("moderation", "ScreeningWord")
    rows = list(ADDED_ENTRIES)
    for name in NEW_LISTS:
        with (DATA_DIR / f"{name}.txt").open(encoding="utf-8") as handle:
            rows += [(name, "", text) for text in dict.fromkeys(parse_wordlist(handle))]
    ScreeningWord.objects.bulk_create(
        [ScreeningWord(list=name, characteristic=c, text=text) for name, c, text in rows],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    ScreeningWord = apps.get_model("moderation", "ScreeningWord")
    ScreeningWord.objects.filter(list__in=NEW_LISTS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0012_findings_name_safeguarding_and_items_reopen_after_an_edit"),
    ]

    operations = [
        # The disclosure lists hold patterns longer than the 200 characters the table allowed.
        migrations.AlterField(
            model_name="screeningword", name="text", field=models.CharField(max_length=500),
        ),
        migrations.RunPython(seed, unseed),
    ]
