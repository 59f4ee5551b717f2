"""The queue filtered by a term shows exactly the comments with a finding under that term. The
filter reads the comment's own marks of its terms (an index of each term's waiting comments
holds them in the tab's order), so the marks must follow the findings wherever those are stored
or replaced: one comment, a batch, a re-screen after an edit, and comments stored before the
marks existed."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from moderation.intake.services import ingest
from moderation.models import Item
from moderation.queue.selectors import QueueFilter, tab_items
from moderation.terms import Term
from tests.migrating import back_to_the_latest, migrate  # noqa: F401 (a fixture)

from .conftest import facebook_comment, website_comment
from .queue_support import moderator

pytestmark = pytest.mark.django_db

TEXTS = [
    "Ring me on 07700 900461",
    "You absolute idiot",
    "DM me for a discount code",
    "What a load of sh1t",
    "Ring 07700 900462 for a discount code, you idiot",
    "Thanks for the update on the surgery",
]


def _shown(client, term: str, tab: str = "flagged") -> set[int]:
    page = client.get(reverse("moderation_queue") + f"?tab={tab}&term={term}")
    assert page.status_code == 200
    return {item.pk for item in page.context["q"].page.object_list}


def _with_a_finding_under(term: str) -> set[int]:
    return set(Item.objects.filter(findings__term=term, decided_at__isnull=True)
               .values_list("pk", flat=True))


def _each_term_shows_exactly_its_comments(client) -> None:
    found_terms = 0
    for term in Term.values:
        expected = _with_a_finding_under(term)
        assert _shown(client, term) == expected, term
        page = client.get(reverse("moderation_queue") + f"?term={term}")
        assert page.context["q"].counts["flagged"] == len(expected), term
        found_terms += bool(expected)
    assert found_terms >= 4  # the texts above are screened under several terms


def test_one_comment_at_a_time_is_under_the_terms_of_its_findings(client, website):
    client.force_login(moderator())
    for n, text in enumerate(TEXTS):
        ingest(website, platform_item_id=f"c-{n}", author_id="u-1", author_name="Sam",
               text=text, posted_at=datetime(2026, 11, 24, tzinfo=UTC), source="manual")
    mixed = Item.objects.get(platform_item_id="c-4")
    assert {f.term for f in mixed.findings.all()} >= {"personal_details", "personal_gain"}
    _each_term_shows_exactly_its_comments(client)


def test_a_batch_stored_set_based_carries_each_comments_terms(client, post_channel, website):
    client.force_login(moderator())
    batch = {"comments": [website_comment(f"c-{n}", text=text) for n, text in enumerate(TEXTS)]}
    assert post_channel(website, batch).status_code == 202
    assert Item.objects.count() == len(TEXTS)
    _each_term_shows_exactly_its_comments(client)


def test_an_edit_that_drops_a_term_takes_the_comment_out_of_that_terms_tab(
    client, post_meta, facebook
):
    client.force_login(moderator())
    post_meta(facebook_comment(message="Ring me on 07700 900077"))
    item = Item.objects.get()
    assert _shown(client, "personal_details") == {item.pk}
    post_meta(facebook_comment(verb="edited", message="You absolute idiot"))
    assert _shown(client, "personal_details") == set()
    assert _shown(client, "bullying") == {item.pk}
    post_meta(facebook_comment(verb="edited", message="Lovely staff at the clinic"))
    assert all(_shown(client, term) == set() for term in Term.values)
    assert _shown(client, "", tab="clean") == {item.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_under_a_term_the_flagged_tab_reads_that_terms_index_in_order(website):
    """No sort and no reading past the waiting comments of other terms: the rows come in order
    from the term's own index."""
    for n, text in enumerate(TEXTS * 5):
        ingest(website, platform_item_id=f"c-{n}", author_id="u-1", author_name="Sam",
               text=text, posted_at=datetime(2026, 11, 24, tzinfo=UTC), source="manual")
    rows = tab_items(QueueFilter(term="personal_gain"))[:25]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = rows.explain()
    assert "moderation_wait_gain" in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest")
def test_comments_stored_before_the_marks_are_marked_from_their_findings():
    before = [("moderation", "0016_the_longest_waiting_by_index")]
    after = [("moderation", "0017_items_know_their_terms")]
    old = migrate(before).loader.project_state(before).apps
    channel = old.get_model("moderation", "Channel").objects.create(platform="website", name="W")
    author = old.get_model("moderation", "Author").objects.create(
        channel=channel, platform_author_id="a")
    old_item = old.get_model("moderation", "Item")
    finding = old.get_model("moderation", "Finding")
    items = {
        pid: old_item.objects.create(channel=channel, author=author, platform_item_id=pid,
                                     text="t", posted_at=datetime(2026, 11, 24, tzinfo=UTC),
                                     source="manual")
        for pid in ("gain_and_details", "bullying", "safeguarding", "clean")
    }
    for pid, term, kind in [
        ("gain_and_details", "personal_gain", "solicitation"),
        ("gain_and_details", "personal_details", "phone"),
        ("gain_and_details", "personal_details", "postcode"),
        ("bullying", "bullying", "insult"),
        ("safeguarding", "safeguarding", "self_harm"),
    ]:
        finding.objects.create(item=items[pid], term=term, kind=kind, match="t", start=0,
                               end=1, severity=3)
    new = migrate(after).loader.project_state(after).apps.get_model("moderation", "Item")
    marks = {
        item.platform_item_id: {t for t in Term.values if getattr(item, f"under_{t}")}
        for item in new.objects.all()
    }
    assert marks == {
        "gain_and_details": {"personal_gain", "personal_details"},
        "bullying": {"bullying"},
        "safeguarding": set(),
        "clean": set(),
    }
