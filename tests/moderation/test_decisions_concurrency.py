import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import Claim, Decision
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return flagged_item("you idiot", "idiot", term="bullying", kind="insult", severity=3)


def test_two_decisions_on_one_item_one_wins_the_other_is_told(client, item):
    alex, billie = moderator(full_name="Alex Arden"), moderator(full_name="Billie Bryce")
    # Both had the page open showing no decisions (seen=0); Alex decides first.
    client.force_login(alex)
    post_decision(client, item, "delete", seen=0, terms=["bullying"])
    client.force_login(billie)
    response = post_decision(client, item, "keep", seen=0, follow=True)
    assert "Alex Arden decided this comment" in response.text
    assert "Nothing was changed" in response.text
    assert list(Decision.objects.values_list("action", flat=True)) == ["delete"]


def test_sending_the_same_decision_twice_records_one_and_says_it_was_yours(client, item):
    alex = moderator(full_name="Alex Arden")
    client.force_login(alex)
    post_decision(client, item, "keep", seen=0)
    response = post_decision(client, item, "keep", seen=0, follow=True)
    assert "You already decided this comment (keep)" in response.text
    assert "while you had it open" not in response.text
    assert Decision.objects.count() == 1


def test_a_stale_correction_is_refused_too(client, item):
    alex, billie = moderator(), moderator()
    client.force_login(alex)
    post_decision(client, item, "delete", seen=0, terms=["bullying"])
    first = Decision.objects.get()
    post_decision(client, item, "keep", seen=1, corrects=first.pk)
    client.force_login(billie)
    post_decision(client, item, "hide", seen=1, corrects=first.pk)
    assert Decision.objects.count() == 2


def test_opening_an_item_claims_it_and_a_second_moderator_sees_who_has_it(client, item):
    alex, billie = moderator(full_name="Alex Arden"), moderator()
    client.force_login(alex)
    client.get(reverse("moderation_item", args=[item.pk]))
    assert Claim.objects.get(item=item).claimed_by == alex
    client.force_login(billie)
    page = client.get(reverse("moderation_item", args=[item.pk]))
    assert "Alex Arden</strong> has this comment open" in page.text
    assert 'name="action"' not in page.text
    response = post_decision(client, item, "keep", follow=True)
    assert "has this comment open until" in response.text
    assert not Decision.objects.exists()
    assert "Open by Alex Arden" in client.get(reverse("moderation_queue")).text


def test_an_expired_claim_no_longer_holds(client, item, time_machine):
    alex, billie = moderator(), moderator()
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(alex)
    client.get(reverse("moderation_item", args=[item.pk]))
    time_machine.shift(6 * 60)
    client.force_login(billie)
    client.get(reverse("moderation_item", args=[item.pk]))
    assert Claim.objects.get(item=item).claimed_by == billie
