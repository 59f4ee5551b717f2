"""The reviewer's record: consultations, then one decision: a police report with what it needs,
or no report with the reason. Decided escalations are read-only, but for the crime reference
number, which may be added later, once. Every step is in the audit trail."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.errors import Refused
from core.models import AuditEvent, Notice
from escalations.models import Consultation, CrimeReference, EscalationOutcome
from escalations.services import add_crime_reference, decide
from tests.factories import escalated

from .escalation_support import WEDNESDAY, board, consulted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


@pytest.fixture
def ceo_on_escalation(client):
    people = board()
    escalation = escalated()
    client.force_login(people["ceo"])
    return people, escalation


@pytest.fixture
def consulted_on(ceo_on_escalation):
    people, escalation = ceo_on_escalation
    consulted(escalation, people["ceo"])
    return people, escalation


def _url(name, escalation):
    return reverse(name, args=[escalation.pk])


POLICE = {"reported_on": "2026-11-25", "police_force": "Metropolitan Police", "how": "online"}


@pytest.mark.parametrize("missing, message", [
    ("reported_on", "Give the date it was reported to the police."),
    ("police_force", "Give the police force it was reported to."),
    ("how", "Choose how it was reported: 101, online or in person."),
])
def test_a_police_report_without_the_fields_it_needs_is_refused(
    client, ceo_on_escalation, missing, message
):
    _, escalation = ceo_on_escalation
    data = {k: v for k, v in POLICE.items() if k != missing}
    response = client.post(_url("moderation_escalation_police_report", escalation), data)
    assert response.status_code == 400
    assert message in response.text
    assert "Nothing was recorded" in response.text
    assert not EscalationOutcome.objects.exists()
    assert not AuditEvent.objects.filter(action="moderation.escalation_decided").exists()


def test_a_police_report_dated_in_the_future_is_refused(client, ceo_on_escalation):
    _, escalation = ceo_on_escalation
    response = client.post(_url("moderation_escalation_police_report", escalation),
                           {**POLICE, "reported_on": "2026-11-26"})
    assert "The date reported cannot be in the future." in response.text
    assert not EscalationOutcome.objects.exists()


def test_the_service_refuses_what_the_form_would_refuse(consulted_on):
    people, escalation = consulted_on
    with pytest.raises(Refused, match="give the date it was reported"):
        decide(escalation.pk, people["ceo"], outcome="police_report", police_force="Met",
               how="online")
    with pytest.raises(Refused, match="Not reported: give the reason for your judgement"):
        decide(escalation.pk, people["ceo"], outcome="no_report",
               judgement="cannot_be_reported", reason="   ")
    with pytest.raises(Refused, match="say whether, in your judgement"):
        decide(escalation.pk, people["ceo"], outcome="no_report", reason="skipped it")
    with pytest.raises(Refused, match="Choose: report to the police"):
        decide(escalation.pk, people["ceo"], outcome="maybe")
    assert not EscalationOutcome.objects.exists()


def test_no_report_without_a_reason_is_refused(client, consulted_on):
    _, escalation = consulted_on
    response = client.post(_url("moderation_escalation_no_report", escalation),
                           {"judgement": "not_a_hate_crime", "reason": " "})
    assert response.status_code == 400
    assert "Give the reason for your judgement." in response.text
    response = client.post(_url("moderation_escalation_no_report", escalation),
                           {"reason": "Just not reporting"})
    assert response.status_code == 400
    assert "Say whether it is not a hate crime or cannot be reported." in response.text
    assert not EscalationOutcome.objects.exists()
    assert not Notice.objects.filter(key__endswith=":decided").exists()


def test_the_force_defaults_to_the_metropolitan_police(client, ceo_on_escalation):
    _, escalation = ceo_on_escalation
    page = client.get(_url("moderation_escalation", escalation))
    assert 'value="Metropolitan Police"' in page.text


def test_consultations_then_a_police_report_with_its_reference(client, ceo_on_escalation):
    people, escalation = ceo_on_escalation
    for who in ("Charlotte Hale, Chair", "Sutton Council community safety team"):
        client.post(_url("moderation_escalation_consult", escalation), {
            "consulted": who, "consulted_at": "2026-11-25T09:30", "outcome": "Agreed to report"})
    assert Consultation.objects.count() == 2
    response = client.post(_url("moderation_escalation_police_report", escalation),
                           {**POLICE, "how": "phone_101", "crime_reference": "CAD 1234/25NOV"},
                           follow=True)
    assert "Decided: reported to the police" in response.text
    outcome = EscalationOutcome.objects.get()
    assert (outcome.reported_on, outcome.police_force, outcome.how, outcome.decided_by) == (
        date(2026, 11, 25), "Metropolitan Police", "phone_101", people["ceo"])
    assert CrimeReference.objects.get().reference == "CAD 1234/25NOV"
    told = Notice.objects.get(recipient=escalation.raised_by, key__endswith=":decided")
    assert "reported it to the police" in told.body and "CAD 1234/25NOV" in told.body
    assert list(AuditEvent.objects.filter(object_id=str(escalation.pk),
                                          object_type="escalations.Escalation")
                .exclude(action="moderation.escalation_evidence_viewed")
                .order_by("id").values_list("action", flat=True)) == [
        "moderation.escalation_raised", "moderation.escalation_consultation",
        "moderation.escalation_consultation", "moderation.escalation_decided"]
    # The moderator who raised it sees the outcome.
    client.force_login(escalation.raised_by)
    assert "CAD 1234/25NOV" in client.get(_url("moderation_escalation", escalation)).text


def test_a_decided_escalation_is_read_only_but_for_the_reference_added_once(
    client, consulted_on
):
    people, escalation = consulted_on
    client.post(_url("moderation_escalation_police_report", escalation), POLICE)
    page = client.get(_url("moderation_escalation", escalation))
    assert "Record the police report" not in page.text
    assert "Add the crime reference number" in page.text

    response = client.post(_url("moderation_escalation_no_report", escalation),
                           {"judgement": "not_a_hate_crime", "reason": "Changed my mind"})
    assert "read-only now" in response.text
    response = client.post(_url("moderation_escalation_consult", escalation), {
        "consulted": "Someone", "consulted_at": "2026-11-25T09:30", "outcome": "Late"})
    assert "read-only now" in response.text
    assert EscalationOutcome.objects.get().outcome == "police_report"
    assert Consultation.objects.count() == 1

    with time_machine.travel(WEDNESDAY + timedelta(days=6), tick=False):
        client.post(_url("moderation_escalation_crime_reference", escalation),
                    {"reference": "6029384/26"})
    reference = CrimeReference.objects.get()
    assert reference.reference == "6029384/26"
    assert AuditEvent.objects.filter(action="moderation.escalation_crime_reference").exists()
    response = client.post(_url("moderation_escalation_crime_reference", escalation),
                           {"reference": "OTHER"})
    assert "already on record (6029384/26)" in response.text
    assert CrimeReference.objects.get().reference == "6029384/26"
    assert "Add the crime reference number" not in client.get(
        _url("moderation_escalation", escalation)).text


def test_no_crime_reference_after_a_decision_not_to_report(consulted_on):
    people, escalation = consulted_on
    decide(escalation.pk, people["ceo"], outcome="no_report", judgement="not_a_hate_crime",
           reason="Offensive but not hostility aimed at a group; deleted and blocked instead.")
    with pytest.raises(Refused, match="follows a report to the police"):
        add_crime_reference(escalation.pk, people["ceo"], "123")
    told = Notice.objects.get(recipient=escalation.raised_by, key__endswith=":decided")
    assert "did not report it to the police: in my judgement this is not a hate crime" in (
        told.body)


def test_a_consultation_before_the_escalation_was_raised_is_refused(client, ceo_on_escalation):
    _, escalation = ceo_on_escalation
    response = client.post(_url("moderation_escalation_consult", escalation), {
        "consulted": "Charlotte Hale, Chair", "consulted_at": "1900-01-01T09:30",
        "outcome": "Agreed to report"})
    assert response.status_code == 400
    assert "cannot be before the day the escalation was raised" in response.text
    assert not Consultation.objects.exists()


def test_a_consultation_earlier_on_the_day_the_escalation_was_raised_is_recorded(
        client, ceo_on_escalation):
    _, escalation = ceo_on_escalation
    morning = timezone.localtime(escalation.raised_at).strftime("%Y-%m-%dT00:05")
    client.post(_url("moderation_escalation_consult", escalation), {
        "consulted": "Charlotte Hale, Chair", "consulted_at": morning, "outcome": "Agreed"})
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize("view, data", [
    ("moderation_escalation_police_report", POLICE),
    ("moderation_escalation_no_report",
     {"judgement": "not_a_hate_crime", "reason": "Rude, not hostile to a group."}),
])
def test_no_decision_before_the_consultation_is_recorded(client, ceo_on_escalation, view, data):
    _, escalation = ceo_on_escalation
    response = client.post(_url(view, escalation), data)
    assert response.status_code == 400
    assert "Record the consultation first" in response.text
    assert not EscalationOutcome.objects.exists()
    assert not AuditEvent.objects.filter(action="moderation.escalation_decided").exists()


def test_not_reporting_reads_as_the_reviewers_judgement_with_the_reason(client, consulted_on):
    _, escalation = consulted_on
    response = client.post(_url("moderation_escalation_no_report", escalation), {
        "judgement": "cannot_be_reported",
        "reason": "The account was deleted and the person targeted asked us not to.",
    }, follow=True)
    outcome = EscalationOutcome.objects.get()
    assert (outcome.judgement, outcome.outcome) == ("cannot_be_reported", "no_report")
    assert "Not reported: the reviewer&#x27;s judgement" in response.text
    assert "It may be a hate crime, but it cannot be reported" in response.text
    assert "the person targeted asked us not to" in response.text
    assert "No police report" not in response.text
