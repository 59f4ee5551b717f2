"""Hate-crime escalations (policy §4.1): the comment raised with the Chief Executive, the evidence
copy frozen when it was raised, who reviews it and why, the consultations, and the decision on
a police report.

The tables were created by the moderation app, when escalations were part of it; they keep
their names (`db_table`), so the data, indexes and append-only triggers stay where they are.
"""

import hashlib
import json
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.models import AppendOnlyModel
from moderation.terms import Characteristic

DEFAULT_POLICE_FORCE = "Metropolitan Police"  # Sutton is a London borough


def canonical_json(data) -> str:
    """The one serialisation the evidence hash is taken over: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_matches(content: str, sha256: str) -> bool:
    """Re-compute the SHA-256 over the canonical form of the evidence stored now."""
    try:
        recomputed = sha256_of(canonical_json(json.loads(content)))
    except ValueError:
        return False
    return recomputed == sha256


class Escalation(models.Model):
    """A possible hate crime raised with the CEO (policy §4.1): a comment, from the queue's
    "escalate" decision, or what a member posted in a WhatsApp group, from the breach of the
    Group Chat Agreement the moderator recorded. Exactly one of the two is its source.

    This row holds where the escalation stands (who reviews it); what was seen, said and
    decided is kept on append-only records beside it.
    """

    class Source(models.TextChoices):
        COMMENT = "comment", "Comment"
        WHATSAPP_GROUP = "whatsapp_group", "WhatsApp group"

    class RoutedTo(models.TextChoices):
        CHIEF_EXECUTIVE = "chief_executive", "the Chief Executive"
        CHAIR = "chair", "the Chair"
        DIRECTORS = "directors", "the Directors"

    item = models.ForeignKey(
        "moderation.Item", on_delete=models.PROTECT, related_name="escalations",
        null=True, blank=True, help_text="The comment escalated (empty for a WhatsApp group).",
    )
    decision = models.OneToOneField(
        "moderation.Decision", on_delete=models.PROTECT, related_name="escalation",
        null=True, blank=True, help_text="The queue's “escalate” decision, for a comment.",
    )
    breach = models.OneToOneField(
        "optins.Breach", on_delete=models.PROTECT, related_name="escalation",
        null=True, blank=True,
        help_text="The breach of the agreement recorded for what was posted in a WhatsApp "
        "group (empty for a comment).",
    )
    characteristics = models.JSONField(default=list)
    note = models.TextField(blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now, db_index=True)
    routed_to = models.CharField(
        max_length=20, choices=RoutedTo.choices, default=RoutedTo.CHIEF_EXECUTIVE
    )
    routing_reason = models.CharField(max_length=300, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Empty while it waits for a Director to take it.",
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    # When the outcome was recorded, copied from it by `services.decide` (empty while
    # undecided): the list orders and the home page counts by it without joining the outcome.
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "moderation_escalation"
        ordering = ["-raised_at", "-id"]
        indexes = [
            # The list's order: undecided first, then the latest decided (PostgreSQL puts
            # NULLs first in a descending index); a page reads 26 entries of it whatever the
            # number of escalations.
            models.Index(F("decided_at").desc(), F("raised_at").desc(),
                         F("id").desc(), name="escalation_list_order"),
            # A moderator's list: the escalations they raised, in the same order.
            models.Index(F("raised_by"), F("decided_at").desc(),
                         F("raised_at").desc(), F("id").desc(), name="escalation_raised_by_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(routed_to="directors") | Q(reviewer__isnull=False),
                name="escalation_has_reviewer_unless_directors",
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=False, decision__isnull=False, breach__isnull=True)
                | Q(item__isnull=True, decision__isnull=True, breach__isnull=False),
                name="escalation_source_is_a_comment_or_a_group_breach",
            ),
        ]

    def __str__(self) -> str:
        if self.breach_id:
            return f"Escalation {self.pk} (WhatsApp breach {self.breach_id})"
        return f"Escalation {self.pk} (item {self.item_id})"

    @property
    def source(self) -> str:
        return self.Source.WHATSAPP_GROUP if self.breach_id else self.Source.COMMENT

    @property
    def source_label(self) -> str:
        return self.Source(self.source).label

    @property
    def is_from_a_group(self) -> bool:
        return self.breach_id is not None

    @property
    def member(self):
        """For a WhatsApp group: the member who posted it."""
        return self.breach.membership.person if self.breach_id else None

    @property
    def subject(self) -> str:
        """What was escalated, in words: "a comment by Ray Stokes on HWS Facebook" or "what
        Val Thompson posted in the Volunteers WhatsApp group"."""
        if self.breach_id:
            membership = self.breach.membership
            return (f"what {membership.person} posted in the {membership.group.name} "
                    "WhatsApp group")
        return f"a comment by {self.item.author} on {self.item.channel}"

    @property
    def characteristic_labels(self) -> list[str]:
        return [Characteristic(c).label for c in self.characteristics if c in Characteristic.values]

    @property
    def evidence(self) -> dict:
        """The evidence copy as frozen when the escalation was raised."""
        return self.evidence_copy.data

    @property
    def is_decided(self) -> bool:
        return _related(self, "outcome") is not None

    @property
    def crime_reference_or_none(self) -> "CrimeReference | None":
        return _related(self, "crime_reference")

    def waits_for_a_director(self) -> bool:
        return self.routed_to == self.RoutedTo.DIRECTORS and self.reviewer_id is None


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except models.ObjectDoesNotExist:
        return None


class EvidenceCopy(AppendOnlyModel):
    """What the comment (or the group post, as the breach recorded it) was when it was
    escalated, whatever happens to it afterwards on the platform or in the app. `content` is
    the canonical JSON the SHA-256 was taken over."""

    escalation = models.OneToOneField(
        Escalation, on_delete=models.PROTECT, related_name="evidence_copy"
    )
    content = models.TextField()
    sha256 = models.CharField("SHA-256", max_length=64)
    frozen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "moderation_evidencecopy"
        verbose_name = "evidence copy"
        verbose_name_plural = "evidence copies"

    def __str__(self) -> str:
        return f"Evidence of escalation {self.escalation_id} ({self.sha256[:12]}…)"

    @property
    def data(self) -> dict:
        return json.loads(self.content)

    def hash_matches(self) -> bool:
        return hash_matches(self.content, self.sha256)


class Consultation(AppendOnlyModel):
    """Someone the reviewer consulted before deciding (policy §4.1: "after consultation")."""

    escalation = models.ForeignKey(
        Escalation, on_delete=models.PROTECT, related_name="consultations"
    )
    consulted = models.CharField("who was consulted", max_length=200)
    consulted_at = models.DateTimeField("when")
    outcome = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "moderation_consultation"
        ordering = ["consulted_at", "id"]

    def __str__(self) -> str:
        return f"{self.consulted} on {self.consulted_at:%d/%m/%Y}"


class EscalationOutcome(AppendOnlyModel):
    """The reviewer's decision: report to the police, or not (with the reason). Once only."""

    class Outcome(models.TextChoices):
        POLICE_REPORT = "police_report", "Reported to the police"
        NO_REPORT = "no_report", "Not reported: the reviewer's judgement"

    class Judgement(models.TextChoices):
        """Why a reviewer who followed the policy did not report: never "skipped"."""

        NOT_A_HATE_CRIME = "not_a_hate_crime", "In my judgement this is not a hate crime"
        CANNOT_BE_REPORTED = (
            "cannot_be_reported",
            "It may be a hate crime, but it cannot be reported (e.g. the author cannot be "
            "identified, or the person targeted asked us not to)",
        )

    class How(models.TextChoices):
        PHONE_101 = "phone_101", "By phone (101)"
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"

    escalation = models.OneToOneField(Escalation, on_delete=models.PROTECT, related_name="outcome")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reported_on = models.DateField("date reported", null=True, blank=True)
    police_force = models.CharField(max_length=120, blank=True)
    how = models.CharField("how it was reported", max_length=20, choices=How.choices, blank=True)
    judgement = models.CharField(
        max_length=20, choices=Judgement.choices, blank=True,
        help_text="For no police report: the reviewer's judgement (empty on decisions recorded "
        "before it was asked).",
    )
    reason = models.TextField("why no report", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "moderation_escalationoutcome"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(outcome="police_report", reported_on__isnull=False, reason="")
                    & ~Q(police_force="") & ~Q(how="")
                ) | (Q(outcome="no_report", reported_on__isnull=True, police_force="", how="")
                     & ~Q(reason="")),
                name="escalation_outcome_has_what_it_needs",
            ),
            models.CheckConstraint(
                condition=Q(outcome="no_report") | Q(judgement=""),
                name="only_no_report_has_a_judgement",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()

    @property
    def is_police_report(self) -> bool:
        return self.outcome == self.Outcome.POLICE_REPORT


class CrimeReference(AppendOnlyModel):
    """The police's crime reference number: given with the decision or added later, once."""

    escalation = models.OneToOneField(
        Escalation, on_delete=models.PROTECT, related_name="crime_reference"
    )
    reference = models.CharField("crime reference number", max_length=60)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "moderation_crimereference"
        constraints = [
            models.CheckConstraint(condition=~Q(reference=""), name="crime_reference_not_empty"),
        ]

    def __str__(self) -> str:
        return self.reference


def working_days_later(start: datetime, days: int) -> datetime:
    """`start` moved on by `days` working days (Monday to Friday, London time).

    Bank holidays are deliberately counted as working days: the reminder may then come a day
    early, which errs on the side of acting promptly on a possible hate crime.
    """
    moment = timezone.localtime(start)
    while moment.weekday() >= 5:  # raised at a weekend: the clock starts on Monday
        moment = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    left = days
    while left:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment


def fmt_range(starts: date, ends: date) -> str:
    """24–28 Nov; 28 Nov–2 Dec; 30 Dec 2026–3 Jan 2027."""
    if starts == ends:
        return f"{starts.day} {starts:%b}"
    if starts.year != ends.year:
        return f"{starts.day} {starts:%b %Y}–{ends.day} {ends:%b %Y}"
    if starts.month != ends.month:
        return f"{starts.day} {starts:%b}–{ends.day} {ends:%b}"
    return f"{starts.day}–{ends.day} {ends:%b}"
