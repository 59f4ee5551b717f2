"""The Board's report: counts by characteristic, outcome and month, and the time to decision,
for a date range, as a page and as CSV, for the CEO, the Chair and the Directors only."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from escalations.selectors import board_report
from escalations.services import decide
from tests.factories import escalated, person

from .escalation_support import at, board, consulted

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_escalations():
    people = board()
    ceo = people["ceo"]
    with time_machine.travel(at(2026, 10, 5, 9), tick=False):
        first = escalated(characteristics=["race", "religion_or_belief"])
    with time_machine.travel(at(2026, 10, 6, 9), tick=False):  # decided after 24 hours
        consulted(first, ceo)
        decide(first.pk, ceo, outcome="police_report", reported_on=at(2026, 10, 6, 9).date(),
               police_force="Metropolitan Police", how="online")
    with time_machine.travel(at(2026, 11, 2, 9), tick=False):
        second = escalated(characteristics=["disability"])
    with time_machine.travel(at(2026, 11, 4, 21), tick=False):  # after 60 hours
        consulted(second, ceo)
        decide(second.pk, ceo, outcome="no_report", judgement="not_a_hate_crime",
               reason="Not aimed at a group.")
    with time_machine.travel(at(2026, 11, 20, 9), tick=False):
        escalated(characteristics=["race"])
    with time_machine.travel(at(2026, 9, 1, 9), tick=False):  # outside the range
        escalated(characteristics=["sexual_orientation"])
    return people


def test_the_counts_and_times_to_decision(three_escalations):
    report = board_report(at(2026, 10, 1, 0).date(), at(2026, 11, 30, 0).date())
    assert report.total == 3
    assert dict(report.by_characteristic) == {
        "Disability": 1, "Gender identity": 0, "Race": 2, "Religion or belief": 1,
        "Sexual orientation": 0}
    assert dict(report.by_outcome) == {
        "Reported to the police": 1, "Not reported: the reviewer's judgement": 1, "Undecided": 1}
    assert report.by_month == [("Oct 2026", 1), ("Nov 2026", 2)]
    assert report.decided == 2
    assert report.median_hours == 42.0
    assert report.max_hours == 60.0


def test_the_page_and_the_csv(client, three_escalations):
    client.force_login(three_escalations["chair"])
    query = {"starts": "2026-10-01", "ends": "2026-11-30"}
    page = client.get(reverse("moderation_escalation_report"), query)
    assert page.status_code == 200
    assert "3</strong> escalations raised from 1 Oct 2026 to 30 Nov 2026" in page.text
    response = client.get(reverse("moderation_escalation_report"), {**query, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["total", "escalations", "3"] in rows
    assert ["characteristic", "Race", "2"] in rows
    assert ["outcome", "Not reported: the reviewer's judgement", "1"] in rows
    assert ["month", "Nov 2026", "2"] in rows
    assert ["time to decision", "median hours", "42.0"] in rows


def test_a_range_that_ends_before_it_starts_is_refused_with_a_message(client, three_escalations):
    client.force_login(three_escalations["director"])
    page = client.get(reverse("moderation_escalation_report"),
                      {"starts": "2026-11-30", "ends": "2026-10-01"})
    assert "The end of the range is before its start." in page.text
    assert "Showing the last twelve months instead." in page.text


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.VOLUNTEER, Role.STAFF])
def test_only_the_board_sees_the_report(client, role):
    client.force_login(person(role))
    assert client.get(reverse("moderation_escalation_report")).status_code == 403


def test_a_range_with_a_missing_or_garbled_date_says_which_one(client, three_escalations):
    client.force_login(three_escalations["chair"])
    page = client.get(reverse("moderation_escalation_report"), {"starts": "2026-10-01"})
    assert "Give the last day of the range (To)." in page.text
    page = client.get(reverse("moderation_escalation_report"), {"starts": "soon", "ends": "later"})
    assert "“From” is not a date. “To” is not a date." in page.text


def test_the_csv_without_a_range_is_the_last_twelve_months_and_leaves_no_message_behind(
        client, three_escalations):
    client.force_login(three_escalations["chair"])
    response = client.get(reverse("moderation_escalation_report"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    page = client.get(reverse("moderation_escalation_report"))
    assert "alert-danger" not in page.text
    assert "Showing the last twelve months instead" not in page.text


def test_a_csv_for_a_bad_range_is_refused_in_plain_words(client, three_escalations):
    client.force_login(three_escalations["chair"])
    response = client.get(reverse("moderation_escalation_report"),
                          {"starts": "2026-11-30", "ends": "2026-10-01", "format": "csv"})
    assert response.status_code == 400
    assert "The end of the range is before its start. Nothing was exported." in response.text
    assert "before its start" not in client.get(reverse("moderation_escalation_report")).text
