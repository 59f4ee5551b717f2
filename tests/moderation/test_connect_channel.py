"""A moderator connects a Facebook Page or Instagram channel to its account with a Page access
token, pasted or from Facebook Login: Meta checks it at once, the page shows the account's name,
the missing permissions and the expiry, the Page is subscribed to the webhook, and the token is
kept encrypted and never shown again."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection as db
from django.urls import reverse

from core.models import AuditEvent
from moderation.meta.models import MetaConnection
from tests.factories import ChannelFactory, person
from tests.moderation.meta_support import INSTAGRAM, PAGE, PAGE_TOKEN
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel():
    return ChannelFactory(platform="facebook", name="HWS Facebook", platform_account_id=PAGE)


def connect_url(channel):
    return reverse("moderation_channel_connect", args=[channel.pk])


def page_url(channel):
    return reverse("moderation_channel_connection", args=[channel.pk])


def test_a_pasted_token_is_checked_and_the_page_shows_who_it_is_for(fake_graph, channel, login):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN, name="Healthwatch Sutton")
    client = login(moderator())

    response = client.post(connect_url(channel), {"access_token": f"  {PAGE_TOKEN} "},
                           follow=True)

    html = response.content.decode()
    assert "Connected</strong> to “Healthwatch Sutton”" in html
    assert "never (a long-lived token)" in html
    assert "yes, the Page is subscribed" in html
    assert PAGE_TOKEN not in html
    assert fake_graph.accounts[PAGE].subscribed_fields == ["feed"]
    assert fake_graph.calls_to("GET", "debug_token")[0].params == {"input_token": PAGE_TOKEN}


def test_the_token_is_stored_encrypted_and_kept_out_of_the_audit_trail(
    fake_graph, channel, login
):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    login(moderator()).post(connect_url(channel), {"access_token": PAGE_TOKEN})

    with db.cursor() as cursor:
        cursor.execute("SELECT access_token FROM moderation_metaconnection")
        (raw,) = cursor.fetchone()
    assert PAGE_TOKEN not in raw
    assert MetaConnection.objects.get().access_token == PAGE_TOKEN
    record = AuditEvent.objects.get(action="moderation.channel_connected")
    assert record.details["account"] == "Healthwatch Sutton"
    assert PAGE_TOKEN not in str(record.details)


def test_missing_permissions_and_the_expiry_are_shown(fake_graph, channel, login):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN, scopes=("pages_show_list",),
                        expires_at=1_798_000_000)
    response = login(moderator()).post(connect_url(channel), {"access_token": PAGE_TOKEN},
                                       follow=True)

    html = response.content.decode()
    assert "pages_manage_engagement" in html and "pages_messaging" in html
    assert "Permissions missing" in html
    assert "23 Dec 2026, 04:26" in html  # 1_798_000_000 in Europe/London


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("not-a-token", "Meta does not accept this token"),
        ("", "This field is required"),
    ],
)
def test_a_bad_token_is_refused_with_a_message_and_nothing_is_stored(
    fake_graph, channel, login, token, message
):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    response = login(moderator()).post(connect_url(channel), {"access_token": token})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MetaConnection.objects.exists()
    assert fake_graph.accounts[PAGE].subscribed_fields == []


def test_meta_not_answering_is_said_plainly_and_nothing_is_stored(fake_graph, channel, login):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    fake_graph.fail_next("unavailable")

    response = login(moderator()).post(connect_url(channel), {"access_token": PAGE_TOKEN})

    assert response.status_code == 400
    assert "Meta did not answer" in response.content.decode()
    assert "try again in a few minutes" in response.content.decode()
    assert not MetaConnection.objects.exists()


def test_a_token_for_another_page_is_refused(fake_graph, channel, login):
    fake_graph.add_page("999", token="other-page-token")
    response = login(moderator()).post(connect_url(channel), {"access_token": "other-page-token"})

    assert response.status_code == 400
    assert "This token is for Page 999, not for this channel" in response.content.decode()
    assert not MetaConnection.objects.exists()


def test_an_instagram_channel_connects_with_its_linked_pages_token(fake_graph, login):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    fake_graph.add_instagram(INSTAGRAM, token=PAGE_TOKEN, name="healthwatchsutton")
    channel = ChannelFactory(platform="instagram", platform_account_id=INSTAGRAM)

    response = login(moderator()).post(connect_url(channel), {"access_token": PAGE_TOKEN},
                                       follow=True)

    assert "to “healthwatchsutton”" in response.content.decode()
    assert MetaConnection.objects.get().page_id == PAGE


def test_the_ceo_sees_the_connection_but_only_the_moderator_or_an_administrator_connects(
    fake_graph, channel, login, client
):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    client = login(person("chief_executive"))
    assert client.get(page_url(channel)).status_code == 200
    assert client.post(connect_url(channel), {"access_token": PAGE_TOKEN}).status_code == 403

    client = login(person("administrator"))
    assert client.post(connect_url(channel), {"access_token": PAGE_TOKEN}).status_code == 302
    assert MetaConnection.objects.exists()


def test_a_website_channel_has_nothing_to_connect(login):
    website = ChannelFactory(platform="website")
    response = login(moderator()).get(page_url(website))
    assert "The app has no way to hide, delete or block on the website" in (
        response.content.decode())
    assert b"access_token" not in response.content


def test_facebook_login_returns_with_the_pages_token_and_connects(
    fake_graph, channel, login, settings
):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    fake_graph.add_login("the-code", pages=[PAGE])
    client = login(moderator())

    start = client.post(reverse("moderation_channel_facebook_login", args=[channel.pk]))
    dialog = urlparse(start["Location"])
    query = parse_qs(dialog.query)
    assert start["Location"].startswith(settings.META_LOGIN_URL)
    assert query["client_id"] == [settings.META_APP_ID]
    assert "pages_manage_engagement" in query["scope"][0]

    back = client.get(reverse("moderation_facebook_login_return"),
                      {"code": "the-code", "state": query["state"][0]}, follow=True)

    assert "is connected to “Healthwatch Sutton”" in back.content.decode()
    assert MetaConnection.objects.get().access_token == PAGE_TOKEN


def test_a_facebook_login_return_with_the_wrong_state_changes_nothing(
    fake_graph, channel, login
):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    fake_graph.add_login("the-code", pages=[PAGE])
    client = login(moderator())
    client.post(reverse("moderation_channel_facebook_login", args=[channel.pk]))

    back = client.get(reverse("moderation_facebook_login_return"),
                      {"code": "the-code", "state": "forged"}, follow=True)

    assert "was not started here" in back.content.decode()
    assert not MetaConnection.objects.exists()
    assert fake_graph.calls_to("GET", "oauth/access_token") == []


def test_the_channel_list_shows_each_connection_in_a_fixed_number_of_queries(
    login, django_assert_num_queries
):
    from django.utils import timezone

    pages = iter(range(1000, 2000))

    def connected(n: int) -> None:
        for _ in range(n):
            channel = ChannelFactory(platform="facebook", platform_account_id=str(next(pages)))
            MetaConnection.objects.create(channel=channel, access_token="t", page_id="1",
                                          account_name="Page", connected_at=timezone.now())

    client = login(moderator())
    connected(1)
    client.get("/moderation/channels/")
    with django_assert_num_queries(7) as first:
        response = client.get("/moderation/channels/")
    assert response.content.decode().count(">Connected</a>") == 1
    connected(5)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get("/moderation/channels/")
    assert response.content.decode().count(">Connected</a>") == 6
