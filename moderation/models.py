"""Channels the charity runs, the comments that arrive on them, and what screening found.

The unique constraints here are the idempotency guarantee: a comment delivered twice (by a
retrying webhook, a re-uploaded CSV, two workers at once) is still one Item.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from .terms import Characteristic, Term


def generate_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class Channel(models.Model):
    """One social media account or website of the charity's, where comments are posted."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook Page"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X"
        YOUTUBE = "youtube", "YouTube"
        LINKEDIN = "linkedin", "LinkedIn"
        WEBSITE = "website", "Website"
        OTHER = "other", "Other"

    platform = models.CharField(max_length=20, choices=Platform.choices)
    name = models.CharField(max_length=120)
    platform_account_id = models.CharField(
        "platform account id",
        max_length=64,
        blank=True,
        help_text="The Facebook Page id or Instagram account id that Meta's webhooks name. "
        "Blank for the website.",
    )
    # HMAC needs the secret itself, so it is kept as is; it is shown only when made.
    webhook_secret = models.CharField(
        max_length=64, default=generate_webhook_secret, editable=False
    )
    active = models.BooleanField(
        default=True, help_text="Comments for an inactive channel are refused."
    )
    social_account = models.ForeignKey(
        "policies.SocialAccount", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="channels",
        help_text="The account in the register of social media accounts (policy §3).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "platform_account_id"],
                condition=~Q(platform_account_id=""),
                name="one_channel_per_platform_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"


class Author(models.Model):
    """Whoever posted a comment, as the platform identifies them."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="authors")
    platform_author_id = models.CharField(max_length=255)
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name", "platform_author_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "platform_author_id"], name="one_author_per_channel_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.platform_author_id

    # On the audit trail, kept for good, by number: a name is personal data.
    audit_label = property(lambda self: f"Author {self.pk}")


class Item(models.Model):
    """One comment on one channel: what the moderator triages."""

    class Source(models.TextChoices):
        META_WEBHOOK = "meta_webhook", "Meta webhook"
        JSON_WEBHOOK = "json_webhook", "Signed JSON webhook"
        CSV_IMPORT = "csv_import", "CSV import"
        MANUAL = "manual", "Logged by a moderator"

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="items")
    platform_item_id = models.CharField("platform comment id", max_length=255)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="items")
    text = models.TextField()
    permalink = models.URLField(max_length=500, blank=True)
    parent_post_id = models.CharField(max_length=255, blank=True)
    posted_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    screened_at = models.DateTimeField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(
        default=0, db_index=True, help_text="The highest severity of its findings; 0 when clean."
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    original_text = models.TextField(
        blank=True, help_text="The text as first received, kept when the author edits it."
    )
    removed_on_platform_at = models.DateTimeField(null=True, blank=True)
    screenshot = models.FileField(upload_to="moderation/screenshots/%Y/%m/", blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The moderator who logged a comment seen elsewhere.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-severity", "received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "platform_item_id"], name="one_item_per_channel_comment"
            ),
        ]
        indexes = [
            models.Index(fields=["-severity", "received_at"], name="moderation_item_urgency"),
            # The Decided tab lists newest first; without it 100k items sort in full.
            models.Index(fields=["-received_at", "-id"], name="moderation_item_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"

    # On the audit trail, kept for good, by number: the text is personal data.
    audit_label = property(lambda self: f"Comment {self.pk}")


class Finding(models.Model):
    """One thing screening found in an item's text, tied to the policy term it touches."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="findings")
    term = models.CharField(max_length=30, choices=Term.choices)
    kind = models.CharField(max_length=40)
    match = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    severity = models.PositiveSmallIntegerField()
    characteristic = models.CharField(max_length=30, choices=Characteristic.choices, blank=True)

    class Meta:
        ordering = ["item", "start", "end", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.match}"


class ScreeningWord(models.Model):
    """One entry of a word list the screening engine takes as data; moderators edit them."""

    class List(models.TextChoices):
        BANNED = "banned", "Banned words"
        SUSPECT = "suspect", "Suspect words"
        PROFANITY = "profanity", "Profanity"
        INSULT_NOUNS = "insult_nouns", "Insults (nouns)"
        INSULT_ADJECTIVES = "insult_adjectives", "Insults (adjectives)"
        BULLYING_PHRASES = "bullying_phrases", "Bullying phrases"
        SOLICITATION = "solicitation", "Solicitation"
        DEFAMATION = "defamation", "Defamation"
        HATE_SLURS = "hate_slurs", "Hate: slurs"
        HATE_GROUPS = "hate_groups", "Hate: groups of people"
        HATE_PHRASES = "hate_phrases", "Hate: phrases"
        HATE_PREDICATES = "hate_predicates", "Hate: hostile descriptions"
        HATE_ACTIONS = "hate_actions", "Hate: hostile actions"

    list = models.CharField(max_length=30, choices=List.choices)
    characteristic = models.CharField(
        max_length=30,
        choices=Characteristic.choices,
        blank=True,
        help_text="Only for the hate lists of slurs, groups and phrases.",
    )
    text = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["list", "characteristic", "text"]
        constraints = [
            models.UniqueConstraint(fields=["list", "text"], name="one_screening_word_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.get_list_display()}: {self.text}"


class WebhookDelivery(models.Model):
    """A verified webhook body, kept before any work is done, so a down worker loses nothing."""

    class Kind(models.TextChoices):
        META = "meta", "Meta webhook"
        CHANNEL = "channel", "Signed JSON webhook"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    body = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    items_created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} at {self.received_at:%d/%m/%Y %H:%M:%S}"
from .escalation_models import *  # noqa: E402, F401, F403, I001
from .queue_models import *  # noqa: E402, F401, F403
