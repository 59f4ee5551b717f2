"""The ingest pages are the moderators' (and the CEO's, but for the CSV import, which is the
Moderator's alone): anyone else gets 403."""

import pytest

from accounts.roles import Role
from moderation.models import Channel, ScreeningWord
from tests.factories import ChannelFactory, person

pytestmark = pytest.mark.django_db

PAGES = ["/moderation/channels/", "/moderation/import/", "/moderation/log/",
         "/moderation/words/", "/moderation/deliveries/"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.DIRECTOR, Role.STAFF])
def test_other_roles_get_403(login, url, role):
    assert login(person(role)).get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CHIEF_EXECUTIVE])
def test_moderators_and_the_ceo_see_the_pages(login, url, role):
    expected = 403 if (url, role) == ("/moderation/import/", Role.CHIEF_EXECUTIVE) else 200
    assert login(person(role)).get(url).status_code == expected


def test_a_volunteer_cannot_change_anything(login):
    client = login(person(Role.VOLUNTEER))
    channel = ChannelFactory()
    secret = channel.webhook_secret
    word = ScreeningWord.objects.first()
    posts = [
        ("/moderation/channels/new/", {"platform": "website", "name": "Sneaky"}),
        (f"/moderation/channels/{channel.pk}/secret/", {}),
        ("/moderation/words/banned/add/", {"banned-list": "banned", "banned-text": "x"}),
        (f"/moderation/words/{word.pk}/remove/", {}),
        ("/moderation/words/restore/", {}),
        ("/moderation/import/confirm/", {"token": "x"}),
        ("/moderation/log/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    channel.refresh_from_db()
    assert channel.webhook_secret == secret
    assert not Channel.objects.filter(name="Sneaky").exists()
    assert ScreeningWord.objects.filter(pk=word.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/moderation/channels/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
