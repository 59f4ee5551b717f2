"""The Board report for a chosen period: every figure matches a hand-counted fixture; the CSV
and the PDF carry the same; the query count does not grow with the comments."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from moderation.models import Block, Decision, Item, PlatformAction
from moderation.terms import Term
from optins.models import MonitoringLog
from tests.factories import (
    AgreementVersionFactory,
    ChannelFactory,
    FindingFactory,
    ItemFactory,
    SignatureFactory,
    escalated,
    experience,
    person,
    policy,
    whatsapp_group,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOVEMBER = {"starts": "2026-11-01", "ends": "2026-11-30"}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-30 12:00:00+00:00", tick=False)


def _at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=LONDON)


def _item(channel, day, *, month=11, term="", kind="", severity=0):
    item = ItemFactory(channel=channel, severity=severity)
    Item.objects.filter(pk=item.pk).update(received_at=_at(day, 10, month))
    if term:
        FindingFactory(item=item, term=term, kind=kind, severity=severity)
    return item


def _decide(item, hour, action="keep", by=None):
    return Decision.objects.create(item=item, action=action, decided_at=_at(_day(item), hour),
                                   decided_by=by or person("moderator"))


def _day(item) -> int:
    return Item.objects.get(pk=item.pk).received_at.astimezone(LONDON).day


@pytest.fixture
def november():
    """Hand-counted for 1–30 Nov 2026:
    Facebook: a1 (personal details, sev 3, decided after 2 h: late), a2 (clean, 1 h),
    a3 (profanity, sev 2, deleted and blocked after 4 h), a4 (bullying, sev 3, undecided:
    overdue); Website: b1 (clean, undecided). October: o1 (escalated on 30 Nov for race and
    religion). Waits 1, 2, 4 h: median 2.0, 90th percentile 3.6 (2 + 0.8 × 2)."""
    moderator = person("moderator")
    facebook, website = ChannelFactory(name="Facebook Page"), ChannelFactory(name="Website")
    a1 = _item(facebook, 1, term="personal_details", kind="phone", severity=3)
    a2 = _item(facebook, 2)
    a3 = _item(facebook, 3, term="inappropriate_material", kind="profanity", severity=2)
    _item(facebook, 4, term="bullying", kind="bullying", severity=3)
    _item(website, 4)
    o1 = _item(website, 15, month=10)
    _decide(a1, 12, by=moderator)
    _decide(a2, 11, by=moderator)
    blocking = _decide(a3, 14, action="block_delete", by=moderator)
    Block.objects.create(author=a3.author, decision=blocking)
    for kind in ("delete", "block"):
        PlatformAction.objects.create(decision=blocking, kind=kind, by_hand=True)
    person("chief_executive")
    escalated(o1, by=moderator, characteristics=("race", "religion_or_belief"))

    group = whatsapp_group("volunteers")
    for week, outcome in (("2026-W45", "nothing"), ("2026-W46", "missed"),
                          ("2026-W47", "issues"), ("2026-W40", "missed")):
        MonitoringLog.objects.create(
            group=group, week=week, outcome=outcome, notes="A rude post" if outcome == "issues"
            else "", monitored_on=None if outcome == "missed" else date(2026, 11, 10))
    version = AgreementVersionFactory()
    SignatureFactory(user=person("director"), version=version)
    person("director")
    SignatureFactory(user=person("volunteer"), version=version)

    late = policy(title="Complaints Policy")
    type(late).objects.filter(pk=late.pk).update(review_due=date(2026, 10, 1))
    policy(title="Online Engagement Policy")

    experience(on=date(2026, 11, 5), themes=("Access", "Waiting times"))
    experience(on=date(2026, 11, 6), themes=("Access",), sentiment="positive")
    experience(on=date(2026, 10, 6), themes=("Discharge",))


def _report(client):
    return client.get(reverse("reports_board"), NOVEMBER).context["report"]


def test_the_figures_match_the_hand_count(login, november):
    r = _report(login(person("chief_executive")))
    assert (r.comments, r.flagged) == (5, 3)
    assert r.by_channel == [("Facebook Page", 4, 3), ("Website", 1, 0)]
    terms = dict(r.by_term)
    assert (terms[Term.PERSONAL_DETAILS.label], terms[Term.INAPPROPRIATE_MATERIAL.label],
            terms[Term.BULLYING.label]) == (1, 1, 1)
    assert sum(terms.values()) == 3
    assert (r.decided, r.median_hours, r.p90_hours) == (3, 2.0, 3.6)
    assert (r.prompt, r.overdue) == (2, 2)
    assert (r.blocks_made, r.blocks_lifted, r.blocks_live) == (1, 0, 1)
    hand = dict(r.by_hand)
    assert (hand["Delete the comment"], hand["Block the author"], hand["Hide the comment"]) == (
        1, 1, 0)
    assert r.escalations == 1
    chars = dict(r.by_characteristic)
    assert (chars["Race"], chars["Religion or belief"]) == (1, 1)
    assert sum(chars.values()) == 2
    assert dict(r.by_outcome)["Undecided"] == 1
    assert r.monitoring == [(whatsapp_group("volunteers").name, 2, 1)]
    assert dict((role, (people, signed)) for role, people, signed in r.signing) == {
        "Director": (2, 1), "Volunteer": (1, 1), "Staff": (0, 0)}
    assert r.policies_past_review == [("Complaints Policy", date(2026, 10, 1))]
    assert r.experiences == 2
    assert r.by_theme == [("Access", 2), ("Waiting times", 1)]
    assert dict(r.by_sentiment) == {"Positive": 1, "Negative": 1, "Mixed": 0, "Neutral": 0}


def test_the_page_shows_the_figures_and_links_the_escalations_report(login, november):
    content = login(person("chair")).get(reverse("reports_board"), NOVEMBER).content.decode()
    assert "<svg" in content and "Comments by channel" in content
    assert reverse("moderation_escalation_report") in content
    assert "Complaints Policy" in content


def test_the_csv_carries_the_same_figures(login, november):
    response = login(person("chief_executive")).get(reverse("reports_board_csv"), NOVEMBER)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "label", "value"]
    figures = {(s, label): v for s, label, v in rows[1:]}
    assert figures[("comments", "all channels")] == "5"
    assert figures[("comments by channel", "Facebook Page")] == "4"
    assert figures[("time to a decision", "median hours")] == "2.0"
    assert figures[("time to a decision", "90th percentile hours")] == "3.6"
    assert figures[("overdue", "decided late or still waiting")] == "2"
    assert figures[("whatsapp monitoring weeks missed", whatsapp_group("volunteers").name)] == "1"


def test_the_pdf_is_a_pdf(login, november):
    response = login(person("chief_executive")).get(reverse("reports_board_pdf"), NOVEMBER)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_channel_name_is_defused_in_the_csv(login):
    ChannelFactory(name="=cmd|' /C calc'!A0")
    item = ItemFactory(channel=ChannelFactory._meta.model.objects.get(name__startswith="="))
    Item.objects.filter(pk=item.pk).update(received_at=_at(2, 10))
    response = login(person("chief_executive")).get(reverse("reports_board_csv"), NOVEMBER)
    assert "'=cmd" in response.content.decode()


@pytest.mark.parametrize("url", ["reports_board_csv", "reports_board_pdf"])
def test_a_wrong_period_exports_nothing(login, url):
    response = login(person("chief_executive")).get(
        reverse(url), {"starts": "2026-11-30", "ends": "2026-11-01"})
    assert response.status_code == 400
    assert "The period ends before it starts. Nothing was exported." in response.content.decode()


def test_a_wrong_period_on_the_page_says_so_and_shows_the_last_twelve_months(login):
    response = login(person("chief_executive")).get(
        reverse("reports_board"), {"starts": "1899-01-01", "ends": "2026-11-01"}, follow=True)
    assert "check the year" in response.content.decode()
    assert response.context["report"].starts == date(2025, 12, 1)


def test_the_percentiles_of_one_decision_are_that_decision(login):
    item = _item(ChannelFactory(), 2)
    _decide(item, 13)
    r = _report(login(person("chief_executive")))
    assert (r.median_hours, r.p90_hours) == (3.0, 3.0)


def test_a_moderator_or_a_volunteer_cannot_open_it(login):
    for role in ("moderator", "volunteer"):
        assert login(person(role)).get(reverse("reports_board")).status_code == 403


@pytest.mark.parametrize("extra", [0, 30])
def test_the_query_count_does_not_grow_with_the_comments(
        login, november, extra, django_assert_num_queries):
    channel = ChannelFactory()
    moderator = person("moderator")
    for n in range(extra):
        item = _item(channel, 1 + n % 28, term="personal_details" if n % 2 else "",
                     kind="phone", severity=3 if n % 2 else 0)
        _decide(item, 11 + n % 5, by=moderator)
    client = login(person("chief_executive"))
    client.get(reverse("reports_board"), NOVEMBER)
    with django_assert_num_queries(18):
        client.get(reverse("reports_board"), NOVEMBER)
