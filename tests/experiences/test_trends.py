"""The trends page: experiences per theme and per service, by month, against the previous
period, with filters, a drill-down that never shows personal details, and a CSV export."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import ChannelFactory, ItemFactory, experience, person, service, theme

pytestmark = pytest.mark.django_db

PERIOD = {"starts": "2026-09-01", "ends": "2026-11-30"}  # previous: 3 Jun - 31 Aug


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-30 12:00:00+00:00", tick=False)


@pytest.fixture
def ceo():
    return person("chief_executive")


@pytest.fixture
def fixture_experiences():
    """Hand-counted: Access 3 now (Sep 1, Nov 2), 1 before; Waiting times 2 now (Oct, Nov),
    0 before; GP practices 3 now, Hospitals 1 now, 1 before."""
    experience(on=date(2026, 9, 5), themes=("Access",))
    experience(on=date(2026, 11, 2), themes=("Access", "Waiting times"), sentiment="mixed")
    experience(on=date(2026, 11, 20), themes=("Access",), sentiment="positive")
    experience(on=date(2026, 10, 7), service_name="Hospitals", themes=("Waiting times",))
    experience(on=date(2026, 7, 1), service_name="Hospitals", themes=("Access",))
    experience(on=date(2025, 1, 1), themes=("Discharge",))  # outside both periods


def _row(rows, name):
    return next(r for r in rows if r.name == name)


def test_counts_per_theme_and_service_by_month_and_the_change(login, ceo, fixture_experiences):
    report = login(ceo).get(reverse("experiences_trends"), PERIOD).context["report"]
    assert report.total == 4 and report.previous_total == 1
    assert report.by_month == [1, 1, 2]
    access = _row(report.themes, "Access")
    assert (access.total, access.previous, access.by_month) == (3, 1, [1, 0, 2])
    assert (access.change, access.change_percent) == (2, 200)
    waiting = _row(report.themes, "Waiting times")
    assert (waiting.total, waiting.previous, waiting.change_percent) == (2, 0, None)
    assert [r.name for r in report.themes] == ["Access", "Waiting times"]
    gp, hospitals = _row(report.services, "GP practices"), _row(report.services, "Hospitals")
    assert (gp.total, gp.previous) == (3, 0)
    assert (hospitals.total, hospitals.previous, hospitals.change) == (1, 1, 0)
    assert dict((s, n) for s, _, n in report.sentiments) == {
        "positive": 1, "negative": 2, "mixed": 1, "neutral": 0}


def test_filters_narrow_every_figure(login, ceo, fixture_experiences):
    client = login(ceo)
    by_service = client.get(reverse("experiences_trends"),
                            {**PERIOD, "service": service("Hospitals").pk}).context["report"]
    assert by_service.total == 1 and by_service.previous_total == 1
    by_theme = client.get(reverse("experiences_trends"),
                          {**PERIOD, "theme": theme("Waiting times").pk}).context["report"]
    assert by_theme.total == 2
    assert _row(by_theme.themes, "Access").total == 1  # the one about both
    by_sentiment = client.get(reverse("experiences_trends"),
                              {**PERIOD, "sentiment": "positive"}).context["report"]
    assert by_sentiment.total == 1


def test_the_channel_filter_keeps_only_that_channels_comments(login, ceo):
    facebook, website = ChannelFactory(name="Facebook"), ChannelFactory(name="Website")
    experience(on=date(2026, 10, 1), item=ItemFactory(channel=facebook))
    experience(on=date(2026, 10, 2), item=ItemFactory(channel=website))
    experience(on=date(2026, 10, 3))  # a phone call: no channel
    report = login(ceo).get(reverse("experiences_trends"),
                            {**PERIOD, "channel": facebook.pk}).context["report"]
    assert report.total == 1


def test_a_wrong_period_says_so_and_shows_the_last_twelve_months(login, ceo):
    response = login(ceo).get(reverse("experiences_trends"),
                              {"starts": "2026-11-30", "ends": "2026-01-01"}, follow=True)
    assert "The period ends before it starts." in response.content.decode()
    assert response.context["report"].filter.starts == date(2025, 12, 1)


def test_the_drill_down_lists_the_experiences_behind_a_figure_masked(login, ceo):
    experience(on=date(2026, 10, 1), text="Ring me on [phone], the wait was awful",
               themes=("Waiting times",))
    experience(on=date(2026, 10, 2), text="Other theme", themes=("Discharge",))
    page = login(ceo).get(reverse("experiences_drill_down"),
                          {**PERIOD, "theme": theme("Waiting times").pk})
    assert [e.masked_text for e in page.context["rows"]] == [
        "Ring me on [phone], the wait was awful"]
    assert "Experiences about Waiting times" in page.content.decode()


def test_comment_text_is_escaped_on_the_drill_down(login, ceo):
    experience(on=date(2026, 10, 1), text="<script>alert(1)</script>")
    content = login(ceo).get(reverse("experiences_drill_down"), PERIOD).content.decode()
    assert "<script>alert(1)" not in content and "&lt;script&gt;" in content


@pytest.mark.parametrize("rows", [2, 12])
def test_trends_and_drill_down_run_a_fixed_number_of_queries(
        login, ceo, rows, django_assert_num_queries):
    for i in range(rows):
        experience(on=date(2026, 9 + i % 3, 1 + i), themes=("Access", "Waiting times"),
                   service_name=("GP practices", "Hospitals")[i % 2])
    client = login(ceo)
    client.get(reverse("experiences_trends"), PERIOD)  # warm the session
    # The same at both sizes: the sign-in's, eight for the figures, the filter's three lists.
    with django_assert_num_queries(16):
        client.get(reverse("experiences_trends"), PERIOD)
    with django_assert_num_queries(9):
        client.get(reverse("experiences_drill_down"), PERIOD)


def test_the_export_has_the_period_masked_and_defused(login, ceo):
    experience(on=date(2026, 10, 1), text="=HYPERLINK(\"x\") call [phone]",
               themes=("Access", "Waiting times"))
    experience(on=date(2025, 1, 1))
    response = login(ceo).get(reverse("experiences_export"), PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "source", "channel", "service", "themes", "sentiment", "text"]
    assert rows[1:] == [["2026-10-01", "Phone call", "", "GP practices",
                         "Access; Waiting times", "Negative", "'=HYPERLINK(\"x\") call [phone]"]]


def test_an_export_for_a_wrong_period_exports_nothing(login, ceo):
    response = login(ceo).get(reverse("experiences_export"), {"starts": "2026-13-01"})
    assert response.status_code == 400
    assert "Nothing was exported." in response.content.decode()
