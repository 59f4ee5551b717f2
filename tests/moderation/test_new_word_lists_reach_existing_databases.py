"""A database made before screening learnt offers, safeguarding and the new hate entries gets
them when it migrates; entries a moderator removed from the other lists stay removed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from moderation.models import ScreeningWord
from tests.migrating import migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screening_words")]
LAST_BEFORE = ("moderation", "0011_platform_actions_waiting_for_a_person_index")
BEFORE = [LAST_BEFORE, ("safeguarding", None)]
NEW_ENTRIES = [("hate_groups", "people in wheelchairs"), ("hate_predicates", "useless eaters"),
               ("hate_actions", "put in homes")]


def test_the_new_lists_and_entries_arrive_and_removed_entries_stay_removed():
    executor = migrate(BEFORE)
    old = executor.loader.project_state([LAST_BEFORE]).apps
    words = old.get_model("moderation", "ScreeningWord")
    # As an older database had them: none of the new entries, and one a moderator removed.
    for name, text in NEW_ENTRIES:
        words.objects.filter(list=name, text=text).delete()
    words.objects.filter(list__in=["offers", "self_harm", "abuse_disclosure"]).delete()
    words.objects.filter(list="profanity").order_by("text").first().delete()
    profanity = words.objects.filter(list="profanity").count()

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    for name, text in NEW_ENTRIES:
        assert ScreeningWord.objects.filter(list=name, text=text).exists(), text
    for name in ("offers", "self_harm", "abuse_disclosure"):
        assert ScreeningWord.objects.filter(list=name).count() > 5, name
    assert ScreeningWord.objects.filter(list="profanity").count() == profanity
