"""The WhatsApp groups of policy §5.1: groups, opt-in requests, memberships, consent, weekly
monitoring logs and breaches of the Group Chat Agreement.

A mobile number lives only on the request and the membership, and only while it is needed:
services.erase_number() empties it on every row once the person is out of the group (or the
request is declined or cancelled). Consent records never hold it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.roles import Role
from core.models import AppendOnlyModel

from . import emails, phones


def iso_week(day: datetime.date) -> str:
    """'2026-W48': the period key of a monitoring week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime.date:
    return datetime.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)


class Group(models.Model):
    """A WhatsApp group. Which role may join it is data, so another group can be added."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    role = models.CharField(
        max_length=20, choices=Role.choices,
        help_text="People holding this role may ask to join; nobody else may.",
    )
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True, help_text="Monitored weekly while active.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_open_to(self, roles) -> bool:
        """The agreement applies to "all staff, volunteers and Directors who are members":
        staff may be in any group; others in their own role's group."""
        return self.is_active and (self.role in roles or Role.STAFF in roles)


class OptInRequest(models.Model):
    """A person's written request to join a group, with their permission and mobile number."""

    class Channel(models.TextChoices):
        APP_FORM = "app_form", "Form in the app"
        EMAIL = "email", "Email, logged by the moderator"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the moderator"
        APPROVED = "approved", "Approved: to be added in WhatsApp"
        ADDED = "added", "Added to the group"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled by the person"

    OPEN = (Status.PENDING, Status.APPROVED)

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="optin_requests")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="requests")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    mobile = models.CharField(max_length=20, blank=True, help_text="E.164; erased when done.")
    permission_text = models.TextField(help_text="The words the person agreed to.")
    email_message = models.TextField(blank=True, help_text="The email as received (pasted).")
    email_file = models.FileField(upload_to="optins/emails/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decline_reason = models.TextField(blank=True)
    added_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    number_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "opt-in request"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group"], condition=Q(status__in=["pending", "approved"]),
                name="one_open_optin_request_per_person_group",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="declined_optin_request_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.group} ({self.get_status_display()})"

    @property
    def masked_mobile(self) -> str:
        return phones.mask(self.mobile)

    @property
    def email_message_masked(self) -> str:
        """The kept email as shown on screen: the number in it masked like everywhere else."""
        return phones.redact(emails.plain_text(self.email_message), self.mobile,
                             replacement=self.masked_mobile)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class Membership(models.Model):
    """A person in a group, from the moderator's "added" to the moderator's "removed"."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Member"
        LEAVING = "leaving", "To be removed in WhatsApp"
        REMOVED = "removed", "Removed"

    class EndReason(models.TextChoices):
        LEFT = "left", "Left the group"
        BREACH = "breach", "Removed after a breach of the agreement"
        ROLE_ENDED = "role_ended", "Role ended or account closed"
        UNSIGNED = "unsigned", "Removed until they sign the current agreement"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    request = models.OneToOneField(OptInRequest, on_delete=models.PROTECT,
                                   related_name="membership")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE,
                              db_index=True)
    mobile = models.CharField(max_length=20, blank=True, help_text="E.164; erased when done.")
    joined_at = models.DateTimeField()
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    leave_requested_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["group__name", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group"], condition=Q(status__in=["active", "leaving"]),
                name="one_current_membership_per_person_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"

    @property
    def masked_mobile(self) -> str:
        return phones.mask(self.mobile)


class Consent(AppendOnlyModel):
    """Evidence that permission was given, and when it ended. Never holds the number."""

    class Kind(models.TextChoices):
        GIVEN = "given", "Permission given"
        WITHDRAWN = "withdrawn", "Permission withdrawn / ended"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="whatsapp_consents")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(OptInRequest, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=10, choices=OptInRequest.Channel.choices)
    words = models.TextField(blank=True, help_text="What the person gave permission for.")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.group}, {self.at:%d/%m/%Y})"


class MonitoringLog(models.Model):
    """The moderator's weekly look at one group (policy §5.1), or the mark of a missed week."""

    class Outcome(models.TextChoices):
        NOTHING_FOUND = "nothing", "Nothing found"
        ISSUES_FOUND = "issues", "Issues found"
        MISSED = "missed", "Missed: not monitored that week"

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="monitoring_logs")
    week = models.CharField(max_length=8, help_text="ISO week, e.g. 2026-W48.")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    monitored_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField(null=True, blank=True)
    marked_missed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "week"], name="one_monitoring_log_per_week"),
            models.CheckConstraint(
                condition=~Q(outcome="issues") | ~Q(notes=""),
                name="monitoring_issues_have_notes",
            ),
            models.CheckConstraint(
                condition=Q(outcome="missed") | Q(monitored_on__isnull=False),
                name="monitoring_log_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.week}: {self.get_outcome_display()}"

    @property
    def logged_late(self) -> bool:
        return self.marked_missed_at is not None and self.outcome != self.Outcome.MISSED


class AgreementRule(models.Model):
    """A rule of the agreement a member can breach: its ten "Users must not" items, and its
    paragraphs on HWS business only and requests by email (loaded by data migrations)."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    text = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Breach(AppendOnlyModel):
    """A breach of the agreement recorded against a member, and what was done about it."""

    class Action(models.TextChoices):
        WORD = "word", "A word with the member"
        WRITTEN_WARNING = "written_warning", "Written warning"
        REMOVAL = "removal", "Removal from the group"

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="breaches")
    rule = models.ForeignKey(AgreementRule, on_delete=models.PROTECT, related_name="breaches")
    rule_text = models.TextField(
        blank=True, help_text="The rule's wording when the breach was recorded.")
    what_happened = models.TextField()
    action = models.CharField(max_length=20, choices=Action.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name_plural = "breaches"

    def __str__(self) -> str:
        return f"Breach of rule {self.rule.number} by {self.membership.person}"

    @property
    def rule_wording(self) -> str:
        """As recorded; breaches recorded before the wording was kept show today's."""
        return self.rule_text or self.rule.text
