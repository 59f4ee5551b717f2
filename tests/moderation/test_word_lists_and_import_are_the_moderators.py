"""Only the Moderator changes the screening word lists and imports comments; the CEO sees the
word lists read-only. A word added while Redis (cache and broker) is down is saved and said to
be saved."""

import pytest

from accounts.roles import Role
from moderation.models import ScreeningWord
from tests.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceo(login):
    return login(person(Role.CHIEF_EXECUTIVE))


def test_the_ceo_sees_the_word_lists_without_ways_to_change_them(ceo):
    page = ceo.get("/moderation/words/")
    assert page.status_code == 200
    text = page.content.decode()
    assert ScreeningWord.objects.first().text in text
    assert "/add/" not in text and "/remove/" not in text and "/words/restore/" not in text
    assert "Only the Moderator changes the word lists" in text


def test_the_ceo_cannot_add_remove_or_restore_words(ceo):
    word = ScreeningWord.objects.first()
    before = ScreeningWord.objects.count()
    for url, data in [
        ("/moderation/words/profanity/add/", {"profanity-list": "profanity",
                                               "profanity-text": "gubbins"}),
        (f"/moderation/words/{word.pk}/remove/", {}),
        ("/moderation/words/restore/", {}),
    ]:
        assert ceo.post(url, data).status_code == 403, url
    assert ScreeningWord.objects.count() == before


def test_import_is_not_the_ceos(ceo, website):
    assert ceo.get("/moderation/import/").status_code == 403
    assert ceo.post("/moderation/import/", {"channel": website.pk}).status_code == 403
    assert ceo.post("/moderation/import/confirm/", {"token": "x"}).status_code == 403
    menu = ceo.get("/moderation/words/").content.decode()
    assert "Import a CSV" not in menu


def test_the_moderator_keeps_import_and_the_word_lists(login):
    moderator = login(person(Role.MODERATOR))
    assert moderator.get("/moderation/import/").status_code == 200
    page = moderator.get("/moderation/words/").content.decode()
    assert "Import a CSV" in page and "/words/restore/" in page


@pytest.mark.django_db(transaction=True)
def test_a_word_added_while_redis_is_down_is_saved_and_said_to_be_saved(
    login, cache_down, broker_down,
):
    moderator = login(person(Role.MODERATOR))

    response = moderator.post("/moderation/words/profanity/add/",
                              {"profanity-list": "profanity", "profanity-text": "gubbins"},
                              follow=True)

    assert response.status_code == 200
    assert "Added “gubbins”" in response.content.decode()
    assert ScreeningWord.objects.filter(list="profanity", text="gubbins").exists()
