"""Data protection (UK GDPR): the retention schedule and its runs, and erasure requests.

The schedule is data an administrator edits; the daily run reads it. What the law or the
policy makes the app keep has no period, only the reason it is kept, shown on the privacy
notice beside the periods of everything else.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.models import AppendOnlyModel


class RetentionRule(models.Model):
    """How long one kind of record is kept, and what happens to it then."""

    class Kind(models.TextChoices):
        WEBHOOK_BODIES = "webhook_bodies", "Raw webhook deliveries"
        PERSONAL_DETAILS_TEXT = ("personal_details_text",
                                 "Comments removed for personal details")
        COMMENTS = "comments", "Other comments, their decisions and their authors"
        ESCALATION_EVIDENCE = "escalation_evidence", "Possible hate crimes and their evidence"
        SIGNATURES = "signatures", "Signed agreements"
        CONSENT = "consent", "WhatsApp permission records"
        AUDIT = "audit", "The audit trail"

    # The kinds the daily run removes or redacts; the others are kept for the reason given.
    ENFORCED = (Kind.WEBHOOK_BODIES, Kind.PERSONAL_DETAILS_TEXT, Kind.COMMENTS)

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    keep_days = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Days kept before the daily run acts. Empty: kept, for the reason below.",
    )
    then = models.CharField("what happens then", max_length=200)
    reason = models.TextField(help_text="Why it is kept this long (shown on the privacy notice).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "retention rule"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(keep_days__isnull=True)
                | models.Q(kind__in=["webhook_bodies", "personal_details_text", "comments"]),
                name="only_enforced_kinds_have_a_period",
            ),
            models.CheckConstraint(
                condition=models.Q(keep_days__isnull=False)
                | ~models.Q(kind__in=["webhook_bodies", "personal_details_text", "comments"]),
                name="enforced_kinds_have_a_period",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self):
        if self.kind in self.ENFORCED and self.keep_days is None:
            raise ValidationError({"keep_days": "Give the number of days this is kept."})
        if self.kind not in self.ENFORCED and self.keep_days is not None:
            raise ValidationError({"keep_days": "This is kept for the reason given (a legal "
                                                "hold): it has no period."})

    @property
    def period(self) -> str:
        """'30 days', '3 years', or 'Kept' in words people read."""
        if self.keep_days is None:
            return "Kept"
        if self.keep_days >= 365 and self.keep_days % 365 == 0:
            years = self.keep_days // 365
            return f"{years} year{'s' if years != 1 else ''}"
        return f"{self.keep_days} day{'s' if self.keep_days != 1 else ''}"


class RetentionRun(AppendOnlyModel):
    """One run of the schedule: how many records of each kind went. Never what they said."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Retention run {self.at:%d/%m/%Y %H:%M}"


class Redaction(AppendOnlyModel):
    """A comment whose personal details were replaced by their kind ("[phone]"): the record
    that the text was changed, by which run, and which kinds went (never the details)."""

    item_id = models.PositiveBigIntegerField(unique=True, help_text="The comment (moderation).")
    run = models.ForeignKey(RetentionRun, null=True, blank=True, on_delete=models.PROTECT,
                            related_name="redactions")
    erasure = models.ForeignKey("ErasureRequest", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="redactions")
    kinds = models.JSONField(default=list)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Comment {self.item_id} redacted"


class ErasureRequest(AppendOnlyModel):
    """A person asked for their data to be erased: what went, what is kept and why, and the
    reply they are sent."""

    subject = models.CharField("who asked", max_length=200)
    received_on = models.DateField("request received on")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    erased = models.JSONField(default=dict, help_text="How many records of each kind went.")
    held = models.JSONField(default=list, help_text="What is kept, and why (legal holds).")
    reply = models.TextField(help_text="The reply to send to the person.")

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = "erasure request"

    def __str__(self) -> str:
        return f"Erasure for {self.subject} ({self.made_at:%d/%m/%Y})"
