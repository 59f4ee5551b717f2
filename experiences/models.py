"""What people tell Healthwatch about health and social care (the policy's second objective:
"picking up intelligence and trends"): the service it is about, its themes and its sentiment.

An experience comes from a comment (kept or removed: it still counts) or is logged from
elsewhere, a phone call or an event. Its text is kept with personal details already replaced by
their kind, so no page or export built on it can show them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ListEntry(models.Model):
    """One entry of a list the charity keeps, with the words that suggest it."""

    keywords = models.TextField(
        blank=True, help_text="Words that suggest it, separated by commas (e.g. GP, surgery).",
    )
    active = models.BooleanField(default=True, help_text="Offered when recording experiences.")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(ListEntry):
    """One entry of the list of services the charity keeps (GP practices, hospitals…)."""

    name = models.CharField(max_length=120, unique=True)


class Theme(ListEntry):
    """One theme of the charity's taxonomy (access, waiting times, staff attitude…)."""

    name = models.CharField(max_length=80, unique=True)


class Experience(models.Model):
    class Source(models.TextChoices):
        COMMENT = "comment", "Comment"
        PHONE = "phone", "Phone call"
        EVENT = "event", "Event"
        EMAIL = "email", "Email or letter"
        OTHER = "other", "Other"

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        MIXED = "mixed", "Mixed"
        NEUTRAL = "neutral", "Neutral"

    source = models.CharField(max_length=10, choices=Source.choices)
    item = models.OneToOneField(
        "moderation.Item", null=True, blank=True, on_delete=models.PROTECT,
        related_name="experience", help_text="The comment it came from, for a comment.",
    )
    channel = models.ForeignKey(
        "moderation.Channel", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="experiences")
    themes = models.ManyToManyField(Theme, related_name="experiences")
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices)
    happened_on = models.DateField(
        "date", db_index=True, help_text="When it was told: the comment's date, or the call's."
    )
    masked_text = models.TextField(
        "what was said", help_text="Personal details are replaced by their kind, e.g. [phone]."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    thanked_at = models.DateTimeField(null=True, blank=True)
    thanked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source="comment") & Q(item__isnull=False))
                | (~Q(source="comment") & Q(item__isnull=True)),
                name="experience_from_a_comment_names_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_sentiment_display()} experience of {self.service} ({self.happened_on})"
