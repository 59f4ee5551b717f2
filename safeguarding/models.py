"""Safeguarding: who the lead is, the concerns screening raised, and what the lead did.

Every record here is written once. The lead is whoever the latest appointment names; a concern
keeps an evidence copy of the comment as it was when it was raised (the same shape and hash as
an escalation's), whatever later happens to it on the platform or in the app.
"""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import AppendOnlyModel
from escalations.models import hash_matches


class LeadAppointment(AppendOnlyModel):
    """The Chief Executive named `lead` as the safeguarding lead; the latest one stands."""

    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-named_at", "-id"]
        get_latest_by = ["named_at", "id"]

    def __str__(self) -> str:
        return f"{self.lead} named by {self.named_by}"


class Concern(AppendOnlyModel):
    """A comment where screening found someone may be at risk, with its evidence copy."""

    item = models.OneToOneField(
        "moderation.Item", on_delete=models.PROTECT, related_name="safeguarding_concern"
    )
    kinds = models.JSONField(default=list, help_text="self_harm and/or abuse_disclosure.")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="The lead when it was raised; empty when none was named.",
    )
    raised_at = models.DateTimeField(default=timezone.now, db_index=True)
    evidence = models.TextField(help_text="Canonical JSON of the comment when it was raised.")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        ordering = ["-raised_at", "-id"]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.pk} (item {self.item_id})"

    @property
    def data(self) -> dict:
        return json.loads(self.evidence)

    def hash_matches(self) -> bool:
        return hash_matches(self.evidence, self.sha256)

    @property
    def kind_labels(self) -> list[str]:
        return [KIND_LABELS.get(kind, kind) for kind in self.kinds]


KIND_LABELS = {
    "self_harm": "risk of suicide or self-harm",
    "abuse_disclosure": "disclosure of abuse or neglect",
}


class Response(AppendOnlyModel):
    """What the lead did about a concern. Several may follow one another; none is changed."""

    class Action(models.TextChoices):
        CONTACTED = "contacted", "Contacted the person privately"
        REFERRED = "referred", "Referred to the council's safeguarding team"
        EMERGENCY = "emergency", "Called the emergency services"
        NO_ACTION = "no_action", "No action"

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="responses")
    action = models.CharField(max_length=20, choices=Action.choices)
    note = models.TextField(
        blank=True, help_text="What was done, when and with whom; the reason for no action."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="no_action") | ~Q(note=""), name="no_action_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.get_action_display()
