"""Moderators edit the word lists screening uses: the change applies to the next comment, and
every change is in the audit trail."""

from datetime import UTC, datetime

import pytest

from accounts.roles import Role
from core.models import AuditEvent
from moderation.intake import services
from moderation.models import Item, ScreeningWord
from screening import default_wordlists
from tests.factories import ChannelFactory, person

pytestmark = pytest.mark.django_db


def _ingest(channel, comment_id, text):
    return services.ingest(channel, platform_item_id=comment_id, author_id="a", author_name="A",
                           text=text, posted_at=datetime(2026, 1, 1, tzinfo=UTC),
                           source=Item.Source.JSON_WEBHOOK)[0]


def test_the_default_lists_are_loaded():
    defaults = default_wordlists()
    assert ScreeningWord.objects.filter(list="profanity").count() == len(defaults.profanity)
    assert ScreeningWord.objects.filter(list="hate_groups").exclude(characteristic="").exists()


def test_a_word_added_by_a_moderator_is_used_for_the_next_comment(
    login, django_capture_on_commit_callbacks
):
    channel = ChannelFactory()
    assert _ingest(channel, "1", "What a flibbertigibbet").severity == 0
    moderator = person(Role.MODERATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(moderator).post(
            "/moderation/words/banned/add/",
            {"banned-list": "banned", "banned-text": "flibbertigibbet"}, follow=True,
        )
    assert "Added “flibbertigibbet”" in response.content.decode()
    item = _ingest(channel, "2", "What a flibbertigibbet")
    assert item.severity == 3
    assert item.findings.get().kind == "banned_word"
    event = AuditEvent.objects.get(action="moderation.screening_word_added")
    assert event.actor == moderator and event.details["text"] == "flibbertigibbet"


def test_a_removed_word_is_no_longer_found_and_the_removal_is_audited(
    login, django_capture_on_commit_callbacks
):
    channel = ChannelFactory()
    with django_capture_on_commit_callbacks(execute=True):
        word = ScreeningWord.objects.create(list="banned", text="flibbertigibbet")
    assert _ingest(channel, "1", "flibbertigibbet").severity == 3
    with django_capture_on_commit_callbacks(execute=True):
        login(person(Role.MODERATOR)).post(f"/moderation/words/{word.pk}/remove/")
    assert not ScreeningWord.objects.filter(pk=word.pk).exists()
    assert _ingest(channel, "2", "flibbertigibbet").severity == 0
    assert AuditEvent.objects.filter(action="moderation.screening_word_removed").exists()


def test_a_duplicate_or_blank_word_is_refused_with_a_message(login):
    client = login(person(Role.MODERATOR))
    existing = ScreeningWord.objects.filter(list="profanity").first()
    count = ScreeningWord.objects.count()
    response = client.post("/moderation/words/profanity/add/",
                           {"profanity-list": "profanity", "profanity-text": existing.text.upper()},
                           follow=True)
    assert "already on this list" in response.content.decode()
    response = client.post("/moderation/words/profanity/add/",
                           {"profanity-list": "profanity", "profanity-text": "   "}, follow=True)
    assert "Not added" in response.content.decode()
    assert ScreeningWord.objects.count() == count


def test_a_hate_list_entry_needs_its_protected_characteristic(login):
    client = login(person(Role.MODERATOR))
    response = client.post("/moderation/words/hate_slurs/add/",
                           {"hate_slurs-list": "hate_slurs", "hate_slurs-text": "newslur"},
                           follow=True)
    assert "Choose the protected characteristic" in response.content.decode()
    assert not ScreeningWord.objects.filter(text="newslur").exists()


def test_restoring_defaults_adds_back_only_what_is_missing(login):
    ScreeningWord.objects.filter(list="profanity").delete()
    client = login(person(Role.MODERATOR))
    client.post("/moderation/words/restore/")
    assert ScreeningWord.objects.filter(list="profanity").count() == len(
        default_wordlists().profanity)


def test_the_words_page_uses_a_fixed_number_of_queries(login, django_assert_num_queries):
    client = login(person(Role.MODERATOR))
    client.get("/moderation/words/")
    with django_assert_num_queries(6) as first:
        client.get("/moderation/words/")
    ScreeningWord.objects.bulk_create(ScreeningWord(list="banned", text=f"w{n}") for n in range(30))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/moderation/words/")
