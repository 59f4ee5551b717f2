from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.roles import Role
from core.models import AppendOnlyModel

# How many days before a review is due the responsible officer and moderators are told.
REVIEW_THRESHOLDS = (90, 30, 7)
# Within this many days of its review date a policy is "due for review" on the pages.
REVIEW_SOON_DAYS = max(REVIEW_THRESHOLDS)


class Policy(models.Model):
    """One policy, across its versions. The mutable pointers live here; versions never change."""

    slug = models.SlugField(max_length=80, unique=True)
    current_version = models.OneToOneField(
        "PolicyVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    review_due = models.DateField(
        null=True, blank=True,
        help_text="When the current version is next due for review: the approved date, or the "
                  "date set by the latest recorded review.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.current_version.title if self.current_version_id else self.slug

    def days_to_review(self, today: date) -> int | None:
        return None if self.review_due is None else (self.review_due - today).days

    def is_overdue(self, today: date) -> bool:
        return self.review_due is not None and self.review_due < today

    def is_review_soon(self, today: date) -> bool:
        days = self.days_to_review(today)
        return days is not None and 0 <= days <= REVIEW_SOON_DAYS


class PolicyVersion(AppendOnlyModel):
    """The text of a policy as approved. Publishing a change makes a new version."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown: ## for headings, - for list items.")
    approved_on = models.DateField()
    approved_by = models.CharField(
        max_length=200, help_text="The body that approved it, e.g. “Healthwatch Sutton Board of "
                                  "Directors”."
    )
    review_due = models.DateField("to be reviewed by")
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
    )
    responsible_officer_title = models.CharField(
        max_length=200, help_text="As the policy names the post, e.g. “Chief Executive Officer "
                                  "of Healthwatch Sutton”."
    )
    change_note = models.TextField(blank=True)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Empty when loaded by a command.",
    )

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="one_policy_version_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="policy_version_from_one"),
            models.CheckConstraint(
                condition=Q(review_due__gt=F("approved_on")), name="policy_review_after_approval"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class PolicyReview(AppendOnlyModel):
    """A review of a version: who reviewed it, when, and when the next review is due."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    next_review_due = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("reviewed_on")),
                name="policy_next_review_after_review",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.version} on {self.reviewed_on:%d/%m/%Y}"


# --- Social media account register (policy §3) ----------------------------------------------

class SocialAccount(models.Model):
    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        YOUTUBE = "youtube", "YouTube"
        LINKEDIN = "linkedin", "LinkedIn"
        TIKTOK = "tiktok", "TikTok"
        WEBSITE = "website", "Website"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        CLOSING = "closing", "Closing"
        CLOSED = "closed", "Closed"

    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=120, help_text="The account's name on the platform, "
                                                        "e.g. @HWSutton.")
    url = models.URLField("address", max_length=300, blank=True)
    audience = models.CharField(max_length=300, help_text="Who this account reaches, e.g. "
                                                          "“carers and families in Sutton”.")
    purpose = models.TextField(help_text="What it is for, in line with the Communications and "
                                         "Engagement Strategy.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    branding_checked = models.BooleanField(
        default=False, help_text="Set up in accordance with Healthwatch branding guidelines and "
                                 "licence agreement (policy §3).",
    )
    login_location = models.CharField(
        "where the login is kept", max_length=200, blank=True,
        help_text="Where the login details are kept, e.g. “office password manager, entry "
                  "‘Facebook – HWS’”. Never the password itself.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="one_account_per_handle"),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.handle}"


class Capacity(models.TextChoices):
    """The three whose agreement policy §3 requires, and the role that gives it."""

    COMMUNICATIONS_OFFICER = "communications_officer", "Communications Officer"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive"
    BOARD = "board", "Board of Directors"


CAPACITY_ROLE = {
    Capacity.COMMUNICATIONS_OFFICER: Role.MODERATOR,
    Capacity.CHIEF_EXECUTIVE: Role.CHIEF_EXECUTIVE,
    # The Chair records the Board's agreement, with the date of the meeting.
    Capacity.BOARD: Role.CHAIR,
}


def capacities_of(user) -> list[str]:
    """The capacities in which `user` may agree to opening or closing an account."""
    return [cap for cap, role in CAPACITY_ROLE.items() if user.has_role(role)]


class AccountChangeRequest(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", "Open the account"
        CLOSE = "close", "Close the account"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting agreement"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"

    account = models.ForeignKey(
        SocialAccount, on_delete=models.PROTECT, related_name="change_requests"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(help_text="Why open (or close) it.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    declined_capacity = models.CharField(max_length=30, choices=Capacity.choices, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account"], condition=Q(status="pending"),
                name="one_pending_request_per_account",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.account}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class AccountAgreement(AppendOnlyModel):
    """One of the three agreements a change needs. Given once per capacity, and never edited."""

    request = models.ForeignKey(
        AccountChangeRequest, on_delete=models.PROTECT, related_name="agreements"
    )
    capacity = models.CharField(max_length=30, choices=Capacity.choices)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    given_at = models.DateTimeField(auto_now_add=True)
    board_meeting_on = models.DateField(
        null=True, blank=True, help_text="The Board meeting at which the Board agreed."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["given_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "capacity"],
                                    name="one_agreement_per_capacity"),
            models.UniqueConstraint(fields=["request", "given_by"],
                                    name="one_agreement_per_person"),
            models.CheckConstraint(
                condition=~Q(capacity="board") | Q(board_meeting_on__isnull=False),
                name="board_agreement_has_meeting_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_capacity_display()} agreed: {self.request}"


# --- Reading the policy (policy §5) -----------------------------------------------------------

class PolicyReading(AppendOnlyModel):
    """A person's confirmation that they have read a version of a policy. Staff, directors and
    volunteers confirm the Online Engagement Policy (its §5 on their personal social media);
    a new version asks them again."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="readings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="policy_readings")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="one_reading_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.person} read {self.version}"


# --- Who may post (policy §4) -----------------------------------------------------------------

# Authorisations to post are reviewed once a year.
POSTING_REVIEW_DAYS = 365


class PostingAuthorisation(models.Model):
    """"Only authorised personnel may post on organisational social media accounts" (§4): one
    person authorised by the Chief Executive to post on one account, until withdrawn."""

    account = models.ForeignKey(SocialAccount, on_delete=models.PROTECT,
                                related_name="posting_authorisations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="posting_authorisations")
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    authorised_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(
        help_text="When the Chief Executive last confirmed it (at first, when authorised).")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     help_text="Empty when withdrawn because the person left.")
    withdrawn_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["account", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "person"],
                                    condition=Q(withdrawn_at__isnull=True),
                                    name="one_current_posting_authorisation"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="withdrawn_posting_authorisation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} may post on {self.account}"


# Who confirms reading the Online Engagement Policy (its §5 is on personal use).
READING_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR,
                 Role.VOLUNTEER, Role.STAFF)
