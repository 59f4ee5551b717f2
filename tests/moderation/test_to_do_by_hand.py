"""Nothing left to do by hand goes unseen (issue 13): every platform action waiting for a
person is on one page, oldest first, with what to do and a Done button; the menu and the home
page count them; one waiting too long alerts the moderators once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEvent, Notice
from moderation.models import Decision, PlatformAction
from moderation.queue import services
from moderation.tasks import alert_overdue_items
from tests.factories import ChannelFactory, ItemFactory, flagged_item, person
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db
TO_DO = reverse("moderation_to_do")
START = timezone.datetime(2026, 11, 24, 8, 0, tzinfo=timezone.get_current_timezone())


def block_on_instagram(by, author_name="Sam Rudeboy", text="you lot are useless idiots"):
    channel = ChannelFactory(platform="instagram", name="HWS Instagram")
    item = flagged_item(text, "idiots", term="bullying", kind="insult", channel=channel,
                        permalink="https://www.instagram.com/p/C0ffee/c/17865799348089039/",
                        author__name=author_name)
    services.decide(item_id=item.pk, actor=by, action="block", seen=0, terms=["bullying"])
    return PlatformAction.objects.get(decision__item=item)


def waiting(n, by, *, platform="facebook", kind="delete"):
    """`n` actions waiting for a person, each on its own comment, a minute apart."""
    actions = []
    for i in range(n):
        item = ItemFactory(channel=ChannelFactory(platform=platform), text=f"comment {i}")
        decision = Decision.objects.create(item=item, action="delete", terms=["bullying"],
                                           decided_by=by)
        actions.append(PlatformAction.objects.create(
            decision=decision, kind=kind, by_hand=True,
            created_at=timezone.now() - timedelta(minutes=n - i),
        ))
    return actions


def test_an_instagram_block_is_on_the_to_do_page_with_what_to_do_and_its_link(login):
    me = moderator()
    action = block_on_instagram(me)
    assert (action.kind, action.by_hand, action.status) == ("block", True, "pending")

    page = login(me).get(TO_DO).content.decode()
    assert "Block Sam Rudeboy on Instagram: open their profile → … (top right) → Block" in page
    assert "https://www.instagram.com/p/C0ffee/c/17865799348089039/" in page
    assert f'action="{reverse("moderation_confirm_done", args=[action.pk])}"' in page


def test_the_decision_message_points_to_the_to_do_page(login):
    me = moderator()
    channel = ChannelFactory(platform="instagram")
    item = flagged_item("you idiots", "idiots", term="bullying", kind="insult", channel=channel)
    response = post_decision(login(me), item, "block", terms=["bullying"], follow=True)
    assert "then press Done on “To do by hand” (Moderation menu)" in response.content.decode()


def test_done_on_the_to_do_page_records_who_and_when_and_clears_it(login):
    me = moderator()
    action = block_on_instagram(me)
    with time_machine.travel(START, tick=False):
        response = login(me).post(reverse("moderation_confirm_done", args=[action.pk]),
                                  {"back": "to_do"}, follow=True)
    assert response.redirect_chain[-1][0] == TO_DO
    assert "Block the author: confirmed as done." in response.content.decode()
    assert "Nothing left to do by hand" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.confirmed_by, action.completed_at) == ("done", me, START)
    assert AuditEvent.objects.filter(action="moderation.platform_done", actor=me).count() == 1


def test_done_twice_is_refused_and_changes_nothing(login):
    me, other = moderator(), moderator()
    action = block_on_instagram(me)
    services.confirm_done(action.pk, other)
    response = login(me).post(reverse("moderation_confirm_done", args=[action.pk]),
                              {"back": "to_do"}, follow=True)
    assert "That was already confirmed as done." in response.content.decode()
    action.refresh_from_db()
    assert action.confirmed_by == other


def test_the_page_lists_by_hand_and_failed_actions_oldest_first_and_nothing_else(login):
    me = moderator()
    older, newer = waiting(2, me)
    failed = waiting(1, me)[0]
    PlatformAction.objects.filter(pk=failed.pk).update(
        by_hand=False, status="failed", attempts=6, last_error="(#2) Service unavailable",
        created_at=timezone.now() - timedelta(hours=3))
    api_pending, done = waiting(2, me)
    PlatformAction.objects.filter(pk=api_pending.pk).update(by_hand=False)
    PlatformAction.objects.filter(pk=done.pk).update(status="done")

    listed = login(me).get(TO_DO).context["page"].object_list
    assert [a.pk for a in listed] == [failed.pk, older.pk, newer.pk]
    assert list(PlatformAction.objects.waiting_for_person().order_by("created_at")) == listed
    assert "(#2) Service unavailable" in login(me).get(TO_DO).content.decode()


def test_the_ceo_sees_the_list_but_only_a_moderator_confirms(login):
    action = block_on_instagram(moderator())
    client = login(person(Role.CHIEF_EXECUTIVE))
    page = client.get(TO_DO).content.decode()
    assert "Sam Rudeboy" in page and "value=\"to_do\"" not in page
    assert reverse("moderation_confirm_done", args=[action.pk]) not in page
    assert client.post(reverse("moderation_confirm_done", args=[action.pk])).status_code == 403
    action.refresh_from_db()
    assert action.status == "pending"


def test_comment_text_and_names_on_the_to_do_page_are_escaped(login):
    me = moderator()
    block_on_instagram(me, author_name="<b>Sam</b>", text="<script>alert(1)</script> idiots")
    page = login(me).get(TO_DO).content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>Sam</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_to_do_page_is_paginated(login):
    me = moderator()
    waiting(30, me)
    client = login(me)
    assert len(client.get(TO_DO).context["page"].object_list) == 25
    assert len(client.get(TO_DO + "?page=2").context["page"].object_list) == 5


def test_the_to_do_page_runs_the_same_queries_for_few_or_many(login, django_assert_num_queries):
    me = moderator()
    client = login(me)
    waiting(3, me, platform="instagram", kind="block")
    client.get(TO_DO)
    with django_assert_num_queries(7) as few:
        client.get(TO_DO)
    waiting(40, me, platform="x", kind="delete")
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(TO_DO).context["page"].object_list) == 25


def _menu_badge(client) -> str:
    nav = client.get(reverse("home")).context["nav"]
    moderation = next(e for e in nav if e["label"] == "Moderation")
    to_do = next(c for c in moderation["children"] if c["label"] == "To do by hand")
    assert moderation["badge"] == to_do["badge"]
    return to_do["badge"]


def test_the_menu_counts_what_waits_and_stops_counting_at_99_plus(login):
    me = moderator()
    client = login(me)
    assert _menu_badge(client) == ""
    waiting(3, me)
    assert _menu_badge(client) == "3"
    waiting(120, me)
    assert _menu_badge(client) == "99+"


def test_the_count_reads_at_most_a_hundred_rows(django_assert_num_queries):
    from moderation.queue.selectors import waiting_for_person_count

    waiting(101, moderator())
    with django_assert_num_queries(1) as queries:
        assert waiting_for_person_count() == 100
    assert "LIMIT 100" in queries.captured_queries[0]["sql"]


def test_a_volunteer_has_no_to_do_in_the_menu(login):
    waiting(2, moderator())
    nav = login(person(Role.VOLUNTEER)).get(reverse("home")).context["nav"]
    assert not any(e.get("badge") for e in nav)


def test_the_home_page_says_how_many_wait_to_be_done_by_hand(login, settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    me = moderator()
    with time_machine.travel(START, tick=False) as traveller:
        block_on_instagram(me)
        waiting(1, me)
        traveller.shift(timedelta(minutes=10))
        lines = login(me).get(reverse("home")).context["attention"]
        line = next(a for a in lines if a.url == TO_DO)
        assert line.text.startswith("2 actions on the platforms wait to be done by hand")
        assert line.level == "warning"
        traveller.shift(timedelta(hours=1))
        line = next(a for a in login(me).get(reverse("home")).context["attention"]
                    if a.url == TO_DO)
        assert line.level == "danger"


def test_an_action_waiting_past_the_overdue_time_alerts_the_moderators_once(settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    alex, billie = moderator(), moderator()
    with time_machine.travel(START, tick=False) as traveller:
        action = block_on_instagram(alex)
        # The comment itself is decided: only the action on the platform waits.
        traveller.shift(timedelta(minutes=59))
        assert alert_overdue_items.delay().get() == 0
        traveller.shift(timedelta(minutes=2))
        assert alert_overdue_items.delay().get() == 1
        traveller.shift(timedelta(minutes=5))
        assert alert_overdue_items.delay().get() == 0
    notices = Notice.objects.filter(key=f"platform-action-{action.pk}:overdue")
    assert {n.recipient for n in notices} == {alex, billie}
    assert notices[0].url == TO_DO
    assert "Block Sam Rudeboy on Instagram" in notices[0].body


def test_once_done_the_overdue_notice_leaves_the_home_page_and_is_not_sent_again(
    login, settings
):
    settings.MODERATION_OVERDUE_MINUTES = 60
    me = moderator()
    with time_machine.travel(START, tick=False) as traveller:
        action = block_on_instagram(me)
        traveller.shift(timedelta(hours=2))
        alert_overdue_items.delay().get()
        client = login(me)
        assert [n.subject for n in client.get(reverse("home")).context["notices"]] == [
            "Still to do on Instagram: block the author, waiting 2\xa0hours"
        ]
        client.post(reverse("moderation_confirm_done", args=[action.pk]), {"back": "to_do"})
        assert list(client.get(reverse("home")).context["notices"]) == []
        traveller.shift(timedelta(hours=1))
        assert alert_overdue_items.delay().get() == 0
    assert Notice.objects.get(recipient=me).settled_at is not None
