import pytest
from celery.exceptions import Retry

from core.errors import Refused
from moderation import platforms
from moderation.models import PlatformAction
from moderation.platforms import PlatformError
from moderation.queue import services
from moderation.queue.platform_actions import MAX_ATTEMPTS, TryAgain, attempt_platform_action
from moderation.tasks import carry_out_platform_action
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


class FakeFacebook:
    def __init__(self, failures=0):
        self.failures, self.calls = failures, []

    def perform(self, kind, item, reply_text=""):
        self.calls.append(kind)
        if len(self.calls) <= self.failures:
            raise PlatformError("Graph API: (#2) Service temporarily unavailable")


@pytest.fixture
def facebook_item():
    channel = ChannelFactory(platform="facebook")
    return flagged_item("what rubbish", "rubbish", channel=channel)


def _delete(item):
    services.decide(
        item_id=item.pk,
        actor=moderator(),
        action="delete",
        seen=0,
        terms=["inappropriate_material"],
    )
    return PlatformAction.objects.get()


def test_with_a_connector_the_decision_is_carried_out_on_the_platform(
    facebook_item, monkeypatch, django_capture_on_commit_callbacks
):
    fake = FakeFacebook()
    monkeypatch.setitem(platforms.CONNECTORS, "facebook", fake)
    with django_capture_on_commit_callbacks(execute=True):
        action = _delete(facebook_item)
    action.refresh_from_db()
    facebook_item.refresh_from_db()
    assert (action.status, action.by_hand, fake.calls) == ("done", False, ["delete"])
    assert facebook_item.removed_on_platform_at is not None


def test_a_failing_platform_is_retried_then_the_failure_is_shown(facebook_item, monkeypatch):
    fake = FakeFacebook(failures=99)
    monkeypatch.setitem(platforms.CONNECTORS, "facebook", fake)
    action = _delete(facebook_item)  # the on-commit enqueue is not run in this test

    with pytest.raises(TryAgain):
        attempt_platform_action(action.pk, attempt=1)
    action.refresh_from_db()
    assert (action.status, action.attempts) == ("pending", 1)

    assert attempt_platform_action(action.pk, attempt=MAX_ATTEMPTS) == "failed"
    action.refresh_from_db()
    assert (action.status, action.attempts) == ("failed", MAX_ATTEMPTS)
    assert "temporarily unavailable" in action.last_error


def test_the_task_asks_celery_to_retry_with_back_off(facebook_item, monkeypatch):
    monkeypatch.setitem(platforms.CONNECTORS, "facebook", FakeFacebook(failures=99))
    action = _delete(facebook_item)
    retries = []
    monkeypatch.setattr(
        carry_out_platform_action,
        "retry",
        lambda exc, countdown: retries.append(countdown) or Retry(),
    )
    with pytest.raises(Retry):
        carry_out_platform_action.run(action.pk)
    assert 30 <= retries[0] <= 45


def test_a_platform_that_recovers_is_done_on_a_retry(facebook_item, monkeypatch):
    fake = FakeFacebook(failures=1)
    monkeypatch.setitem(platforms.CONNECTORS, "facebook", fake)
    action = _delete(facebook_item)
    with pytest.raises(TryAgain):
        attempt_platform_action(action.pk, attempt=1)
    assert attempt_platform_action(action.pk, attempt=2) == "done"
    action.refresh_from_db()
    assert action.status == "done" and fake.calls == ["delete", "delete"]
    # A redelivered task finds it done and does nothing twice.
    assert attempt_platform_action(action.pk, attempt=3) == "nothing to do"
    assert fake.calls == ["delete", "delete"]


def test_confirming_twice_is_refused(facebook_item):
    action = _delete(facebook_item)
    me = moderator()
    services.confirm_done(action.pk, me)
    with pytest.raises(Refused):
        services.confirm_done(action.pk, me)
