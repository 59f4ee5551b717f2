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
from moderation.terms import Characteristic
from optins.models import Breach

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


def group_evidence_of(breach, *, frozen_at: datetime) -> dict:
    """What a member posted in a WhatsApp group, as the moderator recorded it in the breach of
    the agreement: what was said, by whom (the member), in which group, when; plain data that
    no later change to the membership (leaving, the number erased) can reach."""
    membership = breach.membership
    return {
        "source": Escalation.Source.WHATSAPP_GROUP,
        "breach_id": breach.pk,
        "text": breach.what_happened,
        "member": str(membership.person),
        "member_email": membership.person.email,
        "membership_id": membership.pk,
        "group": membership.group.name,
        "member_since": membership.joined_at.isoformat(),
        "rule": breach.rule.number,
        "rule_text": breach.rule_wording,
        "action": breach.get_action_display(),
        "recorded_by": str(breach.recorded_by),
        "recorded_at": breach.recorded_at.isoformat(),
        "frozen_at": frozen_at.isoformat(),
    }


@dataclass(frozen=True)
class Route:
    routed_to: str
    reviewer: User | None
    reason: str
    recipients: list[User]


def _absence(person: User, day: date) -> Absence | None:
    return (person.absences.filter(starts_on__lte=day, ends_on__gte=day)
            .order_by("starts_on").first())


def _directors_for(day: date, involved: User | None = None) -> list[User]:
    """The Directors who are in on `day`; all of them when everyone is away (tell them all
    rather than nobody). Never the person the escalation is about."""
    directors = [p for p in User.objects.with_role(Role.DIRECTOR).order_by("pk")
                 if p != involved]
    return [p for p in directors if not p.is_absent_on(day)] or directors


def route_for(day: date, involved: User | None = None) -> Route:
    """Who reviews an escalation raised on `day`: the Chief Executive; when absent (or the
    person it is about, `involved`), the Chair; when neither can, the Directors, the first of
    whom to take it reviews it."""
    reasons = []
    for role, routed_to, title in (
        (Role.CHIEF_EXECUTIVE, Escalation.RoutedTo.CHIEF_EXECUTIVE, "Chief Executive"),
        (Role.CHAIR, Escalation.RoutedTo.CHAIR, "Chair"),
    ):
        holders = list(User.objects.with_role(role).order_by("pk"))
        present = [p for p in holders if not p.is_absent_on(day) and p != involved]
        if present:
            label = Escalation.RoutedTo(routed_to).label
            reason = "; ".join(reasons + [f"routed to {label}"])
            return Route(routed_to, present[0], reason[0].upper() + reason[1:], [present[0]])
        if involved is not None and involved in holders:
            reasons.append(f"{title} involved: it is about what they posted")
        elif holders:
            absence = _absence(holders[0], day)
            reasons.append(f"{title} absent {fmt_range(absence.starts_on, absence.ends_on)}")
        else:
            reasons.append(f"no {title} in the app")
    directors = _directors_for(day, involved)
    reason = "; ".join(reasons + ["routed to the Directors: the first to take it reviews it"])
    return Route(Escalation.RoutedTo.DIRECTORS, None, reason[0].upper() + reason[1:], directors)


def _check_characteristics(characteristics: list[str], what: str) -> None:
    if not characteristics or any(c not in Characteristic.values for c in characteristics):
        raise Refused(f"Escalate: choose the protected characteristic(s) {what} is aimed at. "
                      "Nothing was changed.")


def _raise(actor, evidence_data: dict, now: datetime, *, characteristics: list[str], note: str,
           involved: User | None = None, **source) -> Escalation:
    """Route, freeze the evidence, tell the reviewer, audit: the same for every source."""
    route = route_for(timezone.localdate(now), involved)
    escalation = Escalation.objects.create(
        characteristics=characteristics, note=note, raised_by=actor, raised_at=now,
        routed_to=route.routed_to, routing_reason=route.reason, reviewer=route.reviewer,
        **source,
    )
    content = canonical_json(evidence_data)
    evidence = EvidenceCopy.objects.create(
        escalation=escalation, content=content, sha256=sha256_of(content), frozen_at=now
    )
    labels = ", ".join(escalation.characteristic_labels)
    ask = ("Please decide whether to report it to the police." if route.reviewer else
           "Neither the Chief Executive nor the Chair can review it: the first Director to "
           "take it reviews it and decides whether to report it to the police.")
    notify(
        route.recipients,
        key=f"escalation-{escalation.pk}:raised",
        subject=f"Possible hate crime escalated ({labels}): {escalation.source_label}",
        body=(
            f"{actor} escalated {escalation.subject} as a possible hate crime ({labels}). "
            f"{route.reason}. {ask}"
        ),
        url=_url(escalation),
    )
    audit.record(
        actor, "moderation.escalation_raised", escalation, source=escalation.source,
        item=escalation.item_id, breach=escalation.breach_id,
        characteristics=characteristics, routed_to=route.routed_to,
        reviewer=route.reviewer.email if route.reviewer else None, routing_reason=route.reason,
        evidence_sha256=evidence.sha256,
    )
    return escalation


def raise_escalation(*, item, decision, characteristics: list[str], note: str, actor) -> Escalation:
    """Called from the queue's "escalate" decision, inside its transaction."""
    now = timezone.now()
    return _raise(actor, evidence_of(item, frozen_at=now), now, characteristics=characteristics,
                  note=note, item=item, decision=decision)


@transaction.atomic
def raise_from_breach(breach_id: int, actor, *, characteristics: list[str],
                      note: str) -> Escalation:
    """A moderator escalates what a member posted in a WhatsApp group, from the breach of the
    agreement recorded for it, with the characteristic(s) it is aimed at and why."""
    if not actor.has_role(Role.MODERATOR):
        raise Refused("Only a moderator can escalate a possible hate crime.")
    breach = (Breach.objects.select_for_update(of=("self",))
              .select_related("membership__person", "membership__group", "rule", "recorded_by")
              .filter(pk=breach_id).first())
    if breach is None:
        raise Refused("That breach does not exist.")
    existing = (Escalation.objects.select_related("raised_by").filter(breach=breach).first())
    if existing is not None:
        raise Refused(f"{existing.raised_by} escalated this breach on "
                      f"{_when(existing.raised_at)}. Nothing was changed.")
    _check_characteristics(characteristics, "what was posted")
    note = (note or "").strip()
    if not note:
        raise Refused("Escalate: say why it may be a hate crime. Nothing was changed.")
    now = timezone.now()
    return _raise(actor, group_evidence_of(breach, frozen_at=now), now,
                  characteristics=list(characteristics), note=note,
                  involved=breach.membership.person, breach=breach)


def _locked(escalation_id: int) -> Escalation:
    escalation = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("reviewer", "raised_by", "item__author", "item__channel",
                        "breach__membership__person", "breach__membership__group")
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
    if escalation.member == actor:
        raise Refused("This escalation is about what you posted: another Director takes it.")
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
        body=f"You escalated {escalation.subject}: {told}",
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
        .select_related("reviewer", "raised_by", "item__author", "item__channel",
                        "breach__membership__person", "breach__membership__group")
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
            recipients = [d for d in directors if d != escalation.member]
        since = _when(escalation.raised_at)
        created = notify(
            recipients,
            key=f"escalation-{escalation.pk}:waiting",
            period=today.isoformat(),
            subject="A possible hate crime waits for your decision",
            body=(f"{escalation.raised_by} escalated {escalation.subject} on "
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

