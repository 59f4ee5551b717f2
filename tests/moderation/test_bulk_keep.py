"""Keeping many unflagged comments at once (issue 13): from the Not flagged tab, the ticked
ones or every one on the page, after a page that lists them; each gets its own append-only
decision; a comment someone else has open, decided meanwhile or flagged is left alone and
named."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEvent
from moderation.models import Claim, Decision
from moderation.queue import services
from tests.factories import ItemFactory, flagged_item, person
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db
KEEP = reverse("moderation_keep_many")


def clean(n):
    now = timezone.now()
    return [ItemFactory(text=f"Thanks for the update {i}", screened_at=now) for i in range(n)]


def test_the_not_flagged_tab_offers_ticks_and_keep_all_to_a_moderator(login):
    items = clean(3)
    page = login(moderator()).get(reverse("moderation_queue") + "?tab=clean").content.decode()
    for item in items:
        assert f'name="item" value="{item.pk}" form="keep-form"' in page
        assert f'name="on_page" value="{item.pk}"' in page
    assert "Keep all 3 on this page…" in page


def test_neither_the_flagged_tab_nor_the_ceo_gets_the_ticks(login):
    clean(2)
    flagged_item("what rubbish", "rubbish")
    url = reverse("moderation_queue")
    assert 'id="keep-form"' not in login(moderator()).get(url).content.decode()
    assert 'id="keep-form"' not in login(person(Role.CHIEF_EXECUTIVE)).get(
        url + "?tab=clean").content.decode()


def test_the_confirmation_lists_the_ticked_comments_and_records_nothing(login):
    a, b, c = clean(3)
    response = login(moderator()).get(KEEP, {"tab": "clean", "item": [a.pk, c.pk]})
    page = response.content.decode()
    assert "Keep 2 comments?" in page
    assert a.text in page and c.text in page and b.text not in page
    assert not Decision.objects.exists()


def test_keep_all_on_the_page_lists_every_comment_of_the_page(login):
    items = clean(4)
    response = login(moderator()).get(
        KEEP,
        {"tab": "clean", "every": "1", "on_page": [i.pk for i in items], "item": [items[0].pk]},
    )
    assert [c.item for c in response.context["keeping"]] == items


def test_confirming_keeps_each_with_its_own_decision_and_audit_record(login):
    me = moderator()
    items = clean(5)
    response = login(me).post(KEEP, {"tab": "clean", "item": [i.pk for i in items]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("moderation_queue") + "?tab=clean"
    assert "Kept 5 comments: each decision is on record." in response.content.decode()
    decisions = Decision.objects.filter(action="keep", decided_by=me)
    assert sorted(d.item_id for d in decisions) == sorted(i.pk for i in items)
    assert AuditEvent.objects.filter(action="moderation.decide", actor=me).count() == 5
    assert AuditEvent.objects.get(action="moderation.keep_many").details["kept"] == [
        i.pk for i in items
    ]


def test_a_comment_another_moderator_has_open_is_left_alone_and_named(login):
    me, sam = moderator(), moderator(full_name="Sam Other")
    mine, theirs = clean(2)
    Claim.objects.create(item=theirs, claimed_by=sam,
                         claimed_until=timezone.now() + timedelta(minutes=5))
    client = login(me)
    confirm = client.get(KEEP, {"item": [mine.pk, theirs.pk]}).content.decode()
    assert "Keep 1 comment?" in confirm and "Left alone: Sam Other has it open" in confirm

    # Sam's claim started after the confirmation page was shown: the keep still respects it.
    response = client.post(KEEP, {"tab": "clean", "item": [mine.pk, theirs.pk]}, follow=True)
    page = response.content.decode()
    assert "Kept 1 comment:" in page
    assert "Left alone:" in page and "Sam Other has this comment open until" in page
    assert list(Decision.objects.values_list("item_id", flat=True)) == [mine.pk]


def test_a_comment_decided_meanwhile_or_flagged_is_left_alone(login):
    me, other = moderator(), moderator()
    decided, kept = clean(2)
    flagged = flagged_item("what rubbish", "rubbish")
    services.decide(item_id=decided.pk, actor=other, action="hide", seen=0)
    response = login(me).post(KEEP, {"item": [decided.pk, flagged.pk, kept.pk]}, follow=True)
    page = response.content.decode()
    assert "Kept 1 comment:" in page
    assert "screening flagged it: decide it on its own page" in page
    assert Decision.objects.filter(decided_by=me).get().item == kept
    assert Decision.objects.get(item=decided).action == "hide"


@pytest.mark.parametrize("data,message", [
    ({}, "Tick the comments to keep."),
    ({"item": ["12x"]}, "Those are not comments of the queue."),
    ({"item": [str(n) for n in range(1, 102)]}, "Keep at most 100 comments at once."),
])
def test_bad_choices_are_refused_with_a_message_and_change_nothing(login, data, message):
    clean(2)
    client = login(moderator())
    for method in (client.get, client.post):
        response = method(KEEP, data, follow=True)
        assert f"Nothing was changed: {message}" in response.content.decode()
    assert not Decision.objects.exists()


def test_only_a_moderator_keeps(login):
    item = clean(1)[0]
    client = login(person(Role.CHIEF_EXECUTIVE))
    assert client.get(KEEP, {"item": [item.pk]}).status_code == 403
    assert client.post(KEEP, {"item": [item.pk]}).status_code == 403
    assert not Decision.objects.exists()


def test_comment_text_on_the_confirmation_is_escaped(login):
    item = ItemFactory(text="<img src=x onerror=alert(1)>", screened_at=timezone.now())
    page = login(moderator()).get(KEEP, {"item": [item.pk]}).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_confirmation_runs_the_same_queries_for_few_or_many(login, django_assert_num_queries):
    client = login(moderator())
    few = [i.pk for i in clean(2)]
    client.get(KEEP, {"item": few})
    with django_assert_num_queries(6) as first:
        client.get(KEEP, {"item": few})
    many = [i.pk for i in clean(60)]
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(client.get(KEEP, {"item": many}).context["keeping"]) == 60
