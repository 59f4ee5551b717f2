"""Helpers for the escalation tests: the people of the escalation path, and a fixed day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from accounts.models import Absence
from accounts.roles import Role
from tests.factories import person

LONDON = ZoneInfo("Europe/London")
# A Wednesday.
WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def absent(user, starts: date, ends: date) -> Absence:
    return Absence.objects.create(user=user, starts_on=starts, ends_on=ends)


def board():
    """The CEO, the Chair and two Directors, named so messages can be read."""
    return {
        "ceo": person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans"),
        "chair": person(Role.CHAIR, Role.DIRECTOR, full_name="Charlotte Hale"),
        "director": person(Role.DIRECTOR, full_name="Dev Patel"),
        "director2": person(Role.DIRECTOR, full_name="Diane Okafor"),
    }


def consulted(escalation, by, *, who: str = "Charlotte Hale, Chair") -> None:
    """The consultation the policy asks for before a decision, recorded by the reviewer."""
    from escalations.services import record_consultation

    record_consultation(escalation.pk, by, consulted=who, consulted_at=escalation.raised_at,
                        outcome="Agreed with the reviewer.")
