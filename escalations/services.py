"""What happens to a possible hate crime once a moderator escalates it (policy §4.1): it is
routed to the Chief Executive, or whoever stands in; the reviewer records the consultations and
decides on a police report; the moderator is told; waiting escalations are chased.

Each function is one transaction and writes its audit record.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Absence, User
from accounts.roles import Role
from core import audit
from core.errors import Refused
from core.notices import notify

from .models import (
    Consultation,
    CrimeReference,
    Escalation,
    EscalationOutcome,
    EvidenceCopy,
    canonical_json,
    fmt_range,
    sha256_of,
    working_days_later,
)

# An undecided escalation is chased after this many working days.
WAITING_WORKING_DAYS = 2



def _url(escalation: Escalation) -> str:
    return reverse("moderation_escalation", args=[escalation.pk])


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i")


# --- raising and routing -------------------------------------------------------------------

def evidence_of(item, *, frozen_at: datetime) -> dict:
    """Everything about the comment that the police or the Board may need later, as plain data
    that no later change to the item (edit, removal, deletion) can reach."""
    return {
        "item_id": item.pk,
        "platform_item_id": item.platform_item_id,
        "text": item.text,
        "original_text": item.original_text,
        "author": item.author.name,
        "platform_author_id": item.author.platform_author_id,
        "channel": str(item.channel),
        "platform": item.channel.platform,
        "permalink": item.permalink,
        "parent_post_id": item.parent_post_id,
        "posted_at": item.posted_at.isoformat(),
        "received_at": item.received_at.isoformat() if item.received_at else None,
        "edited_at": item.edited_at.isoformat() if item.edited_at else None,
        "removed_on_platform_at": (
            item.removed_on_platform_at.isoformat() if item.removed_on_platform_at else None
        ),
        "findings": [
            {"term": f.term, "kind": f.kind, "match": f.match, "start": f.start, "end": f.end,
             "severity": f.severity, "characteristic": f.characteristic}
            for f in item.findings.order_by("start", "end", "pk")
        ],
        "logged_by": str(item.logged_by) if item.logged_by_id else "",
        "note": item.note,
        "screenshot": _screenshot_copy(item),
        "frozen_at": frozen_at.isoformat(),
    }


SCREENSHOT_COPIES = "escalations/evidence/"


def _screenshot_copy(item) -> dict | None:
    """A copy of a hand-logged comment's screenshot, kept apart from the item's file (which a
    later change could replace); its SHA-256 is part of the hashed evidence, so the copy can
    be checked against it."""
    if not item.screenshot:
        return None
    name = PurePath(item.screenshot.name).name
    try:
        with item.screenshot.open("rb") as handle:
            data = handle.read()
    except OSError:
        return {"name": name, "missing": True}
    digest = hashlib.sha256(data).hexdigest()
    suffix = PurePath(name).suffix.lower()
    copy = default_storage.save(f"{SCREENSHOT_COPIES}{digest}{suffix}", ContentFile(data))
    return {"name": name, "sha256": digest, "size": len(data), "copy": copy}


@dataclass(frozen=True)
class Route:
    routed_to: str
    reviewer: User | None
    reason: str
    recipients: list[User]


def _absence(person: User, day: date) -> Absence | None:
    return (person.absences.filter(starts_on__lte=day, ends_on__gte=day)
            .order_by("starts_on").first())


def _directors_for(day: date) -> list[User]:
    """The Directors who are in on `day`; all of them when everyone is away (tell them all
    rather than nobody)."""
    directors = list(User.objects.with_role(Role.DIRECTOR).order_by("pk"))
    return [p for p in directors if not p.is_absent_on(day)] or directors


def route_for(day: date) -> Route:
    """Who reviews an escalation raised on `day`: the Chief Executive; when absent, the Chair;
    when both are absent, the Directors, the first of whom to take it reviews it."""
    reasons = []
    for role, routed_to, title in (
        (Role.CHIEF_EXECUTIVE, Escalation.RoutedTo.CHIEF_EXECUTIVE, "Chief Executive"),
        (Role.CHAIR, Escalation.RoutedTo.CHAIR, "Chair"),
    ):
        holders = list(User.objects.with_role(role).order_by("pk"))
        present = [p for p in holders if not p.is_absent_on(day)]
        if present:
            label = Escalation.RoutedTo(routed_to).label
            reason = "; ".join(reasons + [f"routed to {label}"])
            return Route(routed_to, present[0], reason[0].upper() + reason[1:], [present[0]])
        if holders:
            absence = _absence(holders[0], day)
            reasons.append(f"{title} absent {fmt_range(absence.starts_on, absence.ends_on)}")
        else:
            reasons.append(f"no {title} in the app")
    directors = _directors_for(day)
    reason = "; ".join(reasons + ["routed to the Directors: the first to take it reviews it"])
    return Route(Escalation.RoutedTo.DIRECTORS, None, reason[0].upper() + reason[1:], directors)


def raise_escalation(*, item, decision, characteristics: list[str], note: str, actor) -> Escalation:
    """Called from the queue's "escalate" decision, inside its transaction."""
    now = timezone.now()
    route = route_for(timezone.localdate(now))
    escalation = Escalation.objects.create(
        item=item, decision=decision, characteristics=characteristics, note=note,
        raised_by=actor, raised_at=now, routed_to=route.routed_to,
        routing_reason=route.reason, reviewer=route.reviewer,
    )
    content = canonical_json(evidence_of(item, frozen_at=now))
    evidence = EvidenceCopy.objects.create(
        escalation=escalation, content=content, sha256=sha256_of(content), frozen_at=now
    )
    labels = ", ".join(escalation.characteristic_labels)
    ask = ("Please decide whether to report it to the police." if route.reviewer else
           "The Chief Executive and the Chair are absent: the first Director to take it "
           "reviews it and decides whether to report it to the police.")
    notify(
        route.recipients,
        key=f"escalation-{escalation.pk}:raised",
        subject=f"Possible hate crime escalated ({labels})",
        body=(
            f"{actor} escalated a comment by {item.author} on {item.channel} as a possible hate "
            f"crime ({labels}). {route.reason}. {ask}"
        ),
        url=_url(escalation),
    )
    audit.record(
        actor, "moderation.escalation_raised", escalation, item=item.pk,
        characteristics=characteristics, routed_to=route.routed_to,
        reviewer=route.reviewer.email if route.reviewer else None, routing_reason=route.reason,
        evidence_sha256=evidence.sha256,
    )
    return escalation


def _locked(escalation_id: int) -> Escalation:
    escalation = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("reviewer", "raised_by", "item__author", "item__channel")
        .filter(pk=escalation_id)
        .first()
    )
    if escalation is None:
        raise Refused("That escalation does not exist.")
    return escalation


def _undecided(escalation: Escalation) -> None:
    outcome = EscalationOutcome.objects.select_related("decided_by").filter(
        escalation=escalation).first()
    if outcome is not None:
        raise Refused(
            f"{outcome.decided_by} decided this escalation on {_when(outcome.decided_at)}: it is "
            "read-only now. Nothing was changed."
        )


def _reviewer_only(escalation: Escalation, actor) -> None:
    if escalation.reviewer_id != actor.pk:
        if escalation.waits_for_a_director():
            raise Refused("Take the escalation first (“I'll take this”).")
        raise Refused(f"Only its reviewer, {escalation.reviewer}, can do this.")


@transaction.atomic
def take(escalation_id: int, actor) -> Escalation:
    """A Director takes an escalation routed to the Directors and becomes its reviewer."""
    escalation = _locked(escalation_id)
    if escalation.routed_to != Escalation.RoutedTo.DIRECTORS:
        raise Refused(f"This escalation went to {escalation.get_routed_to_display()}.")
    if not actor.has_role(Role.DIRECTOR):
        raise Refused("Only a Director can take this escalation.")
    if escalation.reviewer_id is not None:
        raise Refused(
            f"{escalation.reviewer} took this escalation on {_when(escalation.taken_at)}. "
            "Nothing was changed."
        )
    _undecided(escalation)
    escalation.reviewer = actor
    escalation.taken_at = timezone.now()
    escalation.routing_reason = f"{escalation.routing_reason}; taken by {actor}"[:300]
    escalation.save(update_fields=["reviewer", "taken_at", "routing_reason"])
    audit.record(actor, "moderation.escalation_taken", escalation)
    return escalation


# --- the review ----------------------------------------------------------------------------

@transaction.atomic
def record_consultation(
    escalation_id: int, actor, *, consulted: str, consulted_at: datetime, outcome: str
) -> Consultation:
    escalation = _locked(escalation_id)
    _reviewer_only(escalation, actor)
    _undecided(escalation)
    consulted, outcome = consulted.strip(), outcome.strip()
    if not consulted or not outcome or consulted_at is None:
        raise Refused(
            "A consultation needs who was consulted, when, and the outcome. Nothing was changed."
        )
    if consulted_at > timezone.now() + timedelta(minutes=5):
        raise Refused("The consultation cannot be in the future. Nothing was changed.")
    # By the day, as for the police report: a call made that morning, before the moderator
    # recorded the escalation, is still part of it.
    if timezone.localdate(consulted_at) < timezone.localdate(escalation.raised_at):
        raise Refused(
            "The consultation cannot be before the day the escalation was raised "
            f"({date_format(timezone.localtime(escalation.raised_at), 'j M Y')}). "
            "Nothing was changed."
        )
    consultation = Consultation.objects.create(
        escalation=escalation, consulted=consulted, consulted_at=consulted_at, outcome=outcome,
        recorded_by=actor,
    )
    audit.record(actor, "moderation.escalation_consultation", escalation,
                 consultation=consultation.pk, consulted=consulted,
                 consulted_at=consulted_at.isoformat(), outcome=outcome)
    return consultation


def _check_reference(reference: str) -> str:
    reference = reference.strip()
    if len(reference) > 60:
        raise Refused("The crime reference number is too long (60 characters at most).")
    return reference


@transaction.atomic
def decide(
    escalation_id: int,
    actor,
    *,
    outcome: str,
    reported_on: date | None = None,
    police_force: str = "",
    how: str = "",
    crime_reference: str = "",
    judgement: str = "",
    reason: str = "",
) -> EscalationOutcome:
    """Report to the police (date, force, how; the crime reference may follow) or not (the
    reviewer's judgement that it is not a hate crime or cannot be reported, and why); either
    only once a consultation is recorded."""
    escalation = _locked(escalation_id)
    _reviewer_only(escalation, actor)
    _undecided(escalation)
    police_force, reason = police_force.strip(), reason.strip()
    crime_reference = _check_reference(crime_reference)
    if not escalation.consultations.exists():
        raise Refused(
            "Record the consultation first: the policy asks for the decision to be made after "
            "consultation. Nothing was changed.")
    if outcome == EscalationOutcome.Outcome.POLICE_REPORT:
        missing = [label for label, value in (
            ("the date it was reported", reported_on), ("the police force", police_force),
            ("how it was reported", how)) if not value]
        if missing:
            raise Refused(
                "Report to the police: give " + ", ".join(missing) + ". Nothing was changed.")
        if how not in EscalationOutcome.How.values:
            raise Refused("Choose how it was reported: 101, online or in person.")
        if reported_on > timezone.localdate():
            raise Refused("The date reported cannot be in the future.")
        if reported_on < timezone.localdate(escalation.raised_at):
            raise Refused("The date reported cannot be before the escalation was raised.")
        record = EscalationOutcome.objects.create(
            escalation=escalation, outcome=outcome, reported_on=reported_on,
            police_force=police_force, how=how, decided_by=actor,
        )
        if crime_reference:
            CrimeReference.objects.create(
                escalation=escalation, reference=crime_reference, added_by=actor)
    elif outcome == EscalationOutcome.Outcome.NO_REPORT:
        if judgement not in EscalationOutcome.Judgement.values:
            raise Refused(
                "Not reported: say whether, in your judgement, it is not a hate crime or cannot "
                "be reported. Nothing was changed.")
        if not reason:
            raise Refused(
                "Not reported: give the reason for your judgement. Nothing was changed.")
        record = EscalationOutcome.objects.create(
            escalation=escalation, outcome=outcome, judgement=judgement, reason=reason,
            decided_by=actor)
    else:
        raise Refused("Choose: report to the police, or no police report.")
    escalation.decided_at = record.decided_at
    escalation.save(update_fields=["decided_at"])

    audit.record(actor, "moderation.escalation_decided", escalation, outcome=outcome,
                 reported_on=reported_on.isoformat() if reported_on else None,
                 police_force=police_force, how=how, crime_reference=crime_reference,
                 judgement=judgement, reason=reason)
    if record.is_police_report:
        told = (f"{actor} reported it to the police ({police_force}, "
                f"{record.get_how_display().lower()}) on {date_format(reported_on, 'j M Y')}"
                + (f"; crime reference {crime_reference}." if crime_reference else "."))
    else:
        told = (f"{actor} did not report it to the police: "
                f"{record.get_judgement_display().lower()}. {reason}")
    notify(
        [escalation.raised_by],
        key=f"escalation-{escalation.pk}:decided",
        subject=f"Escalation decided: {record.get_outcome_display().lower()}",
        body=f"The comment by {escalation.item.author} that you escalated: {told}",
        url=_url(escalation),
    )
    return record


@transaction.atomic
def add_crime_reference(escalation_id: int, actor, reference: str) -> CrimeReference:
    """The crime reference number, when the police give it after the report. Once only."""
    escalation = _locked(escalation_id)
    _reviewer_only(escalation, actor)
    reference = _check_reference(reference)
    if not reference:
        raise Refused("Enter the crime reference number. Nothing was changed.")
    outcome = EscalationOutcome.objects.filter(escalation=escalation).first()
    if outcome is None or not outcome.is_police_report:
        raise Refused("A crime reference number follows a report to the police.")
    existing = CrimeReference.objects.filter(escalation=escalation).first()
    if existing is not None:
        raise Refused(
            f"The crime reference number is already on record ({existing.reference}); "
            "it cannot be changed."
        )
    record = CrimeReference.objects.create(escalation=escalation, reference=reference,
                                           added_by=actor)
    audit.record(actor, "moderation.escalation_crime_reference", escalation, reference=reference)
    notify(
        [escalation.raised_by],
        key=f"escalation-{escalation.pk}:crime-reference",
        subject="Escalation: the crime reference number is on record",
        body=f"The police gave the crime reference {reference}.",
        url=_url(escalation),
    )
    return record


def record_evidence_view(escalation: Escalation, actor, *, via: str) -> None:
    """Every look at the evidence is in the audit trail."""
    audit.record(actor, "moderation.escalation_evidence_viewed", escalation, via=via)


# --- waiting -------------------------------------------------------------------------------

def remind_waiting(now: datetime | None = None) -> int:
    """Chase escalations undecided after WAITING_WORKING_DAYS working days: the reviewer (or,
    before a Director takes it, the Directors) once a day, the moderator who raised it once.
    Safe to run twice: notify() creates nothing the second time."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # A quick outer bound in the database; the working-day rule is applied below.
    waiting = (
        Escalation.objects.filter(decided_at__isnull=True,
                                  raised_at__lte=now - timedelta(days=WAITING_WORKING_DAYS))
        .select_related("reviewer", "raised_by", "item__author")
        .order_by("raised_at")
    )
    directors = None
    reminded = 0
    for escalation in waiting:
        if working_days_later(escalation.raised_at, WAITING_WORKING_DAYS) > now:
            continue
        if escalation.reviewer is not None:
            recipients = [escalation.reviewer]
        else:
            if directors is None:
                directors = _directors_for(today)
            recipients = directors
        since = _when(escalation.raised_at)
        created = notify(
            recipients,
            key=f"escalation-{escalation.pk}:waiting",
            period=today.isoformat(),
            subject="A possible hate crime waits for your decision",
            body=(f"{escalation.raised_by} escalated a comment by {escalation.item.author} on "
                  f"{since}. It is still undecided: please record the decision on the police "
                  "report."),
            url=_url(escalation),
        )
        chased = (f"{escalation.reviewer} has" if escalation.reviewer
                  else "the Directors have")
        notify(
            [escalation.raised_by],
            key=f"escalation-{escalation.pk}:waiting-moderator",
            subject="Your escalation is still waiting for a decision",
            body=(f"The possible hate crime you escalated on {since} has not been decided yet; "
                  f"{chased} been reminded."),
            url=_url(escalation),
        )
        if created:
            reminded += 1
            audit.record(None, "moderation.escalation_reminder", escalation,
                         recipients=[p.email for p in recipients], period=today.isoformat())
    return reminded

