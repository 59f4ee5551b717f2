"""A delivery is stored comment by comment: one comment that cannot be stored never takes the
others with it. The delivery is marked failed with its error, shown to the moderators (the
Moderator retries it) and not retried blindly; a retry stores only what is missing."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from core.models import AuditEvent
from hws_engage.celery import app
from moderation import tasks
from moderation.intake import services
from moderation.models import Item, WebhookDelivery
from tests.factories import person

from .conftest import website_comment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
POISON = "POISONED"


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def poison(monkeypatch):
    """A comment whose storing fails after everything the webhook can check (as a database
    that refuses one row would), until the fault is mended."""
    real = services.current_screener
    state = {"on": True}

    class Poisoned:
        def screen(self, text):
            if state["on"] and POISON in text:
                raise ValueError("this comment could not be stored")
            return real().screen(text)

    monkeypatch.setattr(services, "current_screener", Poisoned)
    return state


def _twenty_and_one():
    comments = [website_comment(f"good-{n}") for n in range(20)]
    comments.insert(7, website_comment("bad", text=f"{POISON} comment"))
    return {"comments": comments}


def test_twenty_good_comments_are_stored_beside_a_poisoned_one_which_fails_the_delivery(
    post_channel, website, poison,
):
    response = post_channel(website, _twenty_and_one())

    assert response.status_code == 202
    assert Item.objects.count() == 20
    assert not Item.objects.filter(platform_item_id="bad").exists()
    delivery = WebhookDelivery.objects.get()
    assert delivery.failed_at == NOW and delivery.processed_at is None
    assert delivery.items_created == 20
    assert "Comment 'bad'" in delivery.error and "could not be stored" in delivery.error


def test_twenty_good_comments_and_one_made_storable_are_all_stored(post_channel, website):
    batch = _twenty_and_one()
    batch["comments"][7]["text"] = "NUL\x00 and \ud800 lone surrogate"

    assert post_channel(website, batch).status_code == 202

    assert Item.objects.count() == 21
    assert WebhookDelivery.objects.get().processed_at is not None


def test_the_failed_delivery_is_shown_to_the_moderator_and_the_ceo(
    post_channel, website, poison, login,
):
    post_channel(website, _twenty_and_one())
    delivery = WebhookDelivery.objects.get()

    for role in (Role.MODERATOR, Role.CHIEF_EXECUTIVE):
        page = login(person(role)).get("/moderation/deliveries/")
        assert page.status_code == 200
        text = page.content.decode()
        assert f"#{delivery.pk}" in text and "could not be stored" in text
        assert (f"/moderation/deliveries/{delivery.pk}/retry/" in text) == (
            role == Role.MODERATOR)
        home = login(person(role)).get("/")
        assert "could not be stored" in home.content.decode()


def test_the_ceo_cannot_retry(post_channel, website, poison, login):
    post_channel(website, _twenty_and_one())
    delivery = WebhookDelivery.objects.get()
    poison["on"] = False

    response = login(person(Role.CHIEF_EXECUTIVE)).post(
        f"/moderation/deliveries/{delivery.pk}/retry/")

    assert response.status_code == 403
    assert Item.objects.count() == 20


def test_the_moderators_retry_stores_only_what_failed(post_channel, website, poison, login):
    post_channel(website, _twenty_and_one())
    delivery = WebhookDelivery.objects.get()
    first_ids = set(Item.objects.values_list("pk", flat=True))
    poison["on"] = False
    moderator = person(Role.MODERATOR)

    response = login(moderator).post(f"/moderation/deliveries/{delivery.pk}/retry/",
                                     follow=True)

    assert "is stored: 21 comments in all" in response.content.decode()
    assert Item.objects.count() == 21
    assert set(Item.objects.exclude(pk__in=first_ids).values_list(
        "platform_item_id", flat=True)) == {"bad"}
    delivery.refresh_from_db()
    assert delivery.processed_at is not None and delivery.failed_at is None
    assert delivery.error == ""
    assert AuditEvent.objects.filter(action="moderation.delivery_retried",
                                     actor=moderator).count() == 1
    assert "No delivery has failed" in login(moderator).get(
        "/moderation/deliveries/").content.decode()


def test_a_retry_that_fails_again_says_so_and_keeps_the_delivery_failed(
    post_channel, website, poison, login,
):
    post_channel(website, _twenty_and_one())
    delivery = WebhookDelivery.objects.get()

    response = login(person(Role.MODERATOR)).post(
        f"/moderation/deliveries/{delivery.pk}/retry/", follow=True)

    assert "failed again" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.failed_at is not None and Item.objects.count() == 20


def test_a_failed_delivery_is_not_retried_by_the_task_nor_the_sweep(
    post_channel, website, poison, monkeypatch,
):
    calls = []
    real = services._process_channel
    monkeypatch.setattr(services, "_process_channel",
                        lambda *args: calls.append(1) or real(*args))
    post_channel(website, _twenty_and_one())
    assert len(calls) == 1  # failed at once: no autoretry for a bad comment

    with time_machine.travel(NOW.replace(hour=16), tick=False):
        assert tasks.process_waiting_deliveries() == 0
    assert len(calls) == 1


def test_the_task_retries_only_while_the_database_is_away(website, monkeypatch):
    app.conf.task_eager_propagates = False  # eager apply() runs a retry inline only so
    delivery = WebhookDelivery.objects.create(
        kind=WebhookDelivery.Kind.CHANNEL, channel=website,
        body='{"id": "c-1", "author_id": "u", "author_name": "Sam", "text": "Hello", '
             '"posted_at": "2026-11-24T14:05:00Z"}')
    real = services._process_channel
    calls = []

    def database_away_twice(*args):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args)

    monkeypatch.setattr(services, "_process_channel", database_away_twice)

    tasks.process_delivery.delay(delivery.pk)

    assert len(calls) == 3
    delivery.refresh_from_db()
    assert delivery.processed_at is not None and delivery.failed_at is None
    assert Item.objects.count() == 1


def test_the_failed_deliveries_page_runs_the_same_queries_for_few_or_many(
    website, login, django_assert_num_queries,
):
    client = login(person(Role.MODERATOR))

    def fail(n):
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(kind="channel", channel=website, body="{}", failed_at=NOW,
                            error="Comment 'x': ValueError") for _ in range(n))

    fail(2)
    client.get("/moderation/deliveries/")
    with CaptureQueriesContext(connection) as few:
        client.get("/moderation/deliveries/")
    fail(150)
    with django_assert_num_queries(len(few), exact=True):
        page = client.get("/moderation/deliveries/?page=2")
    assert "Page 2" in page.content.decode()
