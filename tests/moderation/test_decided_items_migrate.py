"""Items decided before Item.decided_at existed are marked decided by the migration that adds
it, at the time of their first decision; the ones still waiting stay waiting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from tests.migrating import back_to_the_latest, migrate  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("back_to_the_latest"),
]

BEFORE = [("moderation", "0013_seed_offers_and_safeguarding_word_lists")]
AFTER = [("moderation", "0014_items_know_when_decided_and_waiting_indexes")]


def test_decided_items_are_marked_with_their_first_decision():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = User.objects.create(email="m@example.org")  # accounts stays migrated
    channel = old.get_model("moderation", "Channel").objects.create(platform="website", name="W")
    author = old.get_model("moderation", "Author").objects.create(
        channel=channel, platform_author_id="a")
    now = timezone.now()
    old_item = old.get_model("moderation", "Item")
    decided, waiting = (
        old_item.objects.create(channel=channel, author=author, platform_item_id=pid, text="t",
                                posted_at=now, source="manual")
        for pid in ("decided", "waiting")
    )
    decision = old.get_model("moderation", "Decision")
    first = decision.objects.create(item=decided, action="keep", decided_by_id=user.pk,
                                    decided_at=now - timedelta(hours=2))
    decision.objects.create(item=decided, action="hide", decided_by_id=user.pk,
                            decided_at=now, corrects=first)
    # Read as the table is at that point: later migrations add columns the model has now.
    item = migrate(AFTER).loader.project_state(AFTER).apps.get_model("moderation", "Item")
    assert item.objects.get(pk=decided.pk).decided_at == first.decided_at
    assert item.objects.get(pk=waiting.pk).decided_at is None
