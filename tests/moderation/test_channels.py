"""Channels: moderators add them and see each webhook secret once; ids are unique per platform."""

import pytest
from django.db import IntegrityError

from accounts.roles import Role
from core.models import AuditEvent
from moderation.models import Channel
from tests.factories import ChannelFactory, ItemFactory, person

pytestmark = pytest.mark.django_db


def test_a_new_channels_secret_is_shown_once(login):
    client = login(person(Role.MODERATOR))
    response = client.post("/moderation/channels/new/",
                           {"platform": "website", "name": "Website comments", "active": "on"},
                           follow=True)
    channel = Channel.objects.get(name="Website comments")
    assert channel.webhook_secret in response.content.decode()
    assert f"/webhooks/channels/{channel.pk}/" in response.content.decode()
    assert channel.webhook_secret not in client.get("/moderation/channels/").content.decode()
    assert AuditEvent.objects.filter(action="moderation.channel_created").exists()


def test_a_new_secret_replaces_the_old_one_and_is_shown_once(login):
    channel = ChannelFactory()
    old = channel.webhook_secret
    client = login(person(Role.MODERATOR))
    response = client.post(f"/moderation/channels/{channel.pk}/secret/", follow=True)
    channel.refresh_from_db()
    assert channel.webhook_secret != old
    assert channel.webhook_secret in response.content.decode()
    assert AuditEvent.objects.filter(action="moderation.channel_secret_rotated").exists()


def test_facebook_and_instagram_channels_need_their_account_id(login):
    client = login(person(Role.MODERATOR))
    response = client.post("/moderation/channels/new/", {"platform": "facebook", "name": "FB"})
    assert response.status_code == 400
    assert "Meta&#x27;s webhooks name the Page" in response.content.decode()
    assert not Channel.objects.exists()


def test_a_second_channel_for_the_same_account_is_refused_in_words(login):
    ChannelFactory(platform="facebook", name="HWS Facebook", platform_account_id="123")
    client = login(person(Role.MODERATOR))
    response = client.post("/moderation/channels/new/",
                           {"platform": "facebook", "name": "FB again",
                            "platform_account_id": "123"})
    assert response.status_code == 400
    assert "“HWS Facebook” already has this account id" in response.content.decode()
    assert "Constraint" not in response.content.decode()
    assert Channel.objects.count() == 1


def test_an_account_id_is_unique_per_platform_but_blank_ones_are_not():
    ChannelFactory(platform="facebook", platform_account_id="123")
    ChannelFactory(platform="instagram", platform_account_id="123")
    ChannelFactory(platform="website", platform_account_id="")
    ChannelFactory(platform="website", platform_account_id="")
    with pytest.raises(IntegrityError):
        ChannelFactory(platform="facebook", platform_account_id="123")


def test_the_channel_list_uses_a_fixed_number_of_queries(login, django_assert_num_queries):
    client = login(person(Role.MODERATOR))
    ItemFactory()
    client.get("/moderation/channels/")
    with django_assert_num_queries(7) as first:
        client.get("/moderation/channels/")
    for _ in range(5):
        ItemFactory(channel=ChannelFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/moderation/channels/")


def test_a_channel_links_to_its_account_in_the_register(login):
    from policies.models import SocialAccount

    account = SocialAccount.objects.create(
        platform=SocialAccount.Platform.FACEBOOK, handle="HealthwatchSutton",
        audience="Sutton residents", status=SocialAccount.Status.ACTIVE,
    )
    client = login(person(Role.MODERATOR))
    client.post("/moderation/channels/new/", {
        "platform": "facebook", "name": "HWS Facebook", "platform_account_id": "1049581",
        "social_account": account.pk, "active": "on",
    })
    assert Channel.objects.get(name="HWS Facebook").social_account == account
    assert "HealthwatchSutton" in client.get("/moderation/channels/").content.decode()


def test_the_ceo_sees_the_channels_but_only_the_moderator_changes_them(login):
    channel = ChannelFactory(name="Website comments")
    client = login(person(Role.CHIEF_EXECUTIVE))
    page = client.get("/moderation/channels/").content.decode()
    assert "Website comments" in page and "Add a channel" not in page
    secret = channel.webhook_secret
    assert client.post(f"/moderation/channels/{channel.pk}/secret/").status_code == 403
    assert client.post("/moderation/channels/new/", {"platform": "website",
                                                     "name": "Another"}).status_code == 403
    channel.refresh_from_db()
    assert channel.webhook_secret == secret
    assert not Channel.objects.filter(name="Another").exists()
