"""`python manage.py meta_check CHANNEL` checks a real connection — the token, its permissions,
the webhook subscription, reading comments — and says plainly what is wrong."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ChannelFactory
from tests.moderation.meta_support import PAGE, connect_facebook

pytestmark = pytest.mark.django_db


def run(channel: str) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("meta_check", channel, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def test_a_good_connection_is_all_good(fake_graph):
    channel = connect_facebook(fake_graph)
    fake_graph.add_comment(f"{PAGE}_1", owner=PAGE)

    code, output = run(channel.name)

    assert code == 0
    assert "Token: valid, PAGE token for 104958162837, expires never" in output
    assert "Permissions: all present" in output
    assert "Webhook subscription: subscribed to feed" in output
    assert "Reading comments: 1 recent posts, 1 comments" in output
    assert "All good." in output


def test_an_expired_token_and_a_lost_subscription_are_problems(fake_graph):
    channel = connect_facebook(fake_graph)
    fake_graph.accounts[PAGE].subscribed_fields = []
    fake_graph.expire(PAGE)

    code, output = run(str(channel.pk))

    assert code == 1
    assert "PROBLEM Token: not accepted: Error validating access token" in output
    assert "PROBLEM Webhook subscription" in output
    assert "problem(s) found" in output


def test_an_unknown_or_unconnected_channel_is_a_clear_error(fake_graph):
    ChannelFactory(platform="facebook", name="Not yet", platform_account_id="42")
    with pytest.raises(CommandError, match="No channel called 'Nope'"):
        call_command("meta_check", "Nope")
    with pytest.raises(CommandError, match="is not connected"):
        call_command("meta_check", "Not yet")
