"""The moderator's side of the queue: decisions under the policy's terms, what they ask of the
platform, who is looking at an item, blocks, escalations and reply templates.

Imported at the end of moderation/models.py so Django finds these models there.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import AppendOnlyModel

from .escalation_models import Escalation  # noqa: F401 - moved there; importable here still
from .models import Author, Item
from .terms import Term

__all__ = [
    "Block",
    "Claim",
    "Decision",
    "Escalation",
    "PlatformAction",
    "ReplyTemplate",
]

# Terms whose items must be dealt with promptly (policy §4.1: "abusive content or content that
# contains personal information").
PROMPT_TERMS = frozenset({Term.PERSONAL_DETAILS, Term.BULLYING, Term.INAPPROPRIATE_BEHAVIOUR})
PROMPT_SEVERITY = 3


class Decision(AppendOnlyModel):
    """What a moderator decided about one item, and why. Never edited, never deleted:
    a mistake is put right by a new decision that `corrects` it."""

    class Action(models.TextChoices):
        KEEP = "keep", "Keep"
        HIDE = "hide", "Hide"
        DELETE = "delete", "Delete"
        BLOCK = "block", "Block the author"
        BLOCK_DELETE = "block_delete", "Delete and block the author"
        REPORT = "report", "Report to the platform"
        ESCALATE = "escalate", "Escalate as a possible hate crime"
        UNBLOCK = "unblock", "Unblock the author"

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="decisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    terms = models.JSONField(
        default=list, blank=True, help_text="Slugs of the policy terms the decision cites."
    )
    also_delete = models.BooleanField(
        default=False, help_text="A report or escalation that also removes the comment."
    )
    note = models.TextField(blank=True)
    report_reference = models.CharField(max_length=120, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="report") | ~Q(report_reference=""),
                name="report_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} (item {self.item_id})"

    @property
    def removes(self) -> bool:
        return self.action in (self.Action.DELETE, self.Action.BLOCK_DELETE) or self.also_delete

    @property
    def blocks(self) -> bool:
        return self.action in (self.Action.BLOCK, self.Action.BLOCK_DELETE)

    @property
    def term_labels(self) -> list[str]:
        return [Term(t).label for t in self.terms if t in Term.values]

    def platform_kinds(self) -> list[str]:
        """What this decision asks of the platform, in the order it should happen."""
        kinds = []
        if self.action == self.Action.REPORT:
            kinds.append(PlatformAction.Kind.REPORT)
        if self.removes:
            kinds.append(PlatformAction.Kind.DELETE)
        if self.action == self.Action.HIDE:
            kinds.append(PlatformAction.Kind.HIDE)
        if self.blocks:
            kinds.append(PlatformAction.Kind.BLOCK)
        if self.action == self.Action.UNBLOCK:
            kinds.append(PlatformAction.Kind.UNBLOCK)
        return kinds


class PlatformAction(models.Model):
    """One thing a decision asks of the platform, and how it went.

    Without credentials for the platform the moderator does it by hand and confirms it here.
    """

    class Kind(models.TextChoices):
        DELETE = "delete", "Delete the comment"
        HIDE = "hide", "Hide the comment"
        BLOCK = "block", "Block the author"
        UNBLOCK = "unblock", "Unblock the author"
        REPORT = "report", "Report the comment"
        REPLY = "reply", "Reply privately"

    class Status(models.TextChoices):
        PENDING = "pending", "To do"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="platform_actions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    by_hand = models.BooleanField(
        default=False, help_text="The app cannot reach the platform: the moderator does it."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind"], name="one_platform_action_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"


class Claim(models.Model):
    """Who has an item open, until when: a second moderator sees it and leaves it alone."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, primary_key=True, related_name="claim"
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    claimed_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.claimed_by} until {self.claimed_until:%H:%M}"

    def is_live(self, now=None) -> bool:
        return self.claimed_until > (now or timezone.now())

    @staticmethod
    def length() -> timedelta:
        return timedelta(minutes=getattr(settings, "MODERATION_CLAIM_MINUTES", 5))


class Block(models.Model):
    """An author blocked from the page: the decision that blocked them and, once lifted, the
    decision that unblocked them. The decisions are the record; this is the current state."""

    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="blocks")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="block")
    lifted_by = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="lifted_block"
    )

    class Meta:
        ordering = ["-decision__decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author"],
                condition=Q(lifted_by__isnull=True),
                name="one_live_block_per_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} blocked"


class ReplyTemplate(models.Model):
    """A prepared reply moderators send after removing a comment (policy §4.1: invite people
    to share experiences or personal details in confidence, not in public)."""

    name = models.CharField(max_length=120, unique=True)
    term = models.CharField(
        max_length=30,
        choices=Term.choices,
        blank=True,
        help_text="Offered after a removal citing this term.",
    )
    text = models.TextField()
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
