"""Every moderation model, in one place: the channels the charity runs, the comments that arrive
on them and what screening found (intake); then the moderator's side of the queue: decisions
under the policy's terms, what they ask of the platform, who is looking at an item, blocks and
reply templates.

The unique constraints here are the idempotency guarantee: a comment delivered twice (by a
retrying webhook, a re-uploaded CSV, two workers at once) is still one Item.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import AppendOnlyModel
from screening import ABUSE_KINDS, KINDS

from .meta.models import MetaConnection  # noqa: F401 - every moderation model is here
from .terms import Characteristic, FindingTerm, Term


def term_field(term: str) -> str:
    """The Item column that says whether any of its findings falls under `term`."""
    return f"under_{term}"


TERM_FIELDS = [term_field(term) for term in Term.values]


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

    # Both are found by the indexes below that lead with them, so no index of their own.
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="items", db_index=False
    )
    platform_item_id = models.CharField("platform comment id", max_length=255)
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="items", db_index=False
    )
    text = models.TextField()
    permalink = models.URLField(max_length=500, blank=True)
    parent_post_id = models.CharField(max_length=255, blank=True)
    posted_at = models.DateTimeField()
    # When its delivery arrived (the overdue clock starts here), not when a worker stored it.
    received_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=20, choices=Source.choices)
    screened_at = models.DateTimeField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(
        default=0, help_text="The highest severity of its findings; 0 when clean."
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    original_text = models.TextField(
        blank=True, help_text="The text as first received, kept when the author edits it."
    )
    reopened_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an edit after a decision brought it back to the queue: its clock "
        "starts again from here and the decisions before it no longer settle it.",
    )
    decided_text = models.TextField(
        blank=True, help_text="The text the decisions were made on, kept when an edit brings "
        "the item back to the queue."
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
    # Kept by the decide service with the first decision, so the queue finds what waits by a
    # partial index of the waiting items instead of looking for decisions across every item.
    decided_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When the first decision on it was recorded; empty while it waits.",
    )
    # Which of the six terms its findings fall under, set whenever its findings are stored or
    # replaced (moderation.intake.services), so the queue filtered by a term reads an index of
    # that term's waiting items in the tab's order, not every waiting item of a higher severity.
    under_personal_gain = models.BooleanField(default=False, editable=False)
    under_inappropriate_material = models.BooleanField(default=False, editable=False)
    under_inappropriate_behaviour = models.BooleanField(default=False, editable=False)
    under_bullying = models.BooleanField(default=False, editable=False)
    under_defamatory = models.BooleanField(default=False, editable=False)
    under_personal_details = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-severity", "received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "platform_item_id"], name="one_item_per_channel_comment"
            ),
        ]
        indexes = [
            # The Flagged and Not flagged tabs, most urgent first, and the overdue ones.
            models.Index(
                fields=["-severity", "received_at", "id"], name="moderation_item_waiting",
                condition=Q(decided_at__isnull=True),
            ),
            # The same, filtered by channel or by author.
            models.Index(
                fields=["channel", "-severity", "received_at", "id"],
                name="moderation_item_channel_wait", condition=Q(decided_at__isnull=True),
            ),
            models.Index(
                fields=["author", "-severity", "received_at", "id"],
                name="moderation_item_author_wait", condition=Q(decided_at__isnull=True),
            ),
            # How many wait, for the home page.
            models.Index(
                fields=["received_at"], name="moderation_item_waiting_since",
                condition=Q(decided_at__isnull=True),
            ),
            # The one waiting longest, for the home page: from arrival, or from the edit that
            # brought it back (read in order, the first entry is the answer).
            models.Index(
                Coalesce("reopened_at", "received_at"), name="moderation_item_waiting_from",
                condition=Q(decided_at__isnull=True),
            ),
            # The Flagged tab filtered by a term: one index per term ("personal_gain" names
            # moderation_wait_gain).
            *(
                models.Index(
                    fields=["-severity", "received_at", "id"],
                    name=f"moderation_wait_{term.split('_')[-1]}",
                    condition=Q(decided_at__isnull=True, **{term_field(term): True}),
                )
                for term in Term.values
            ),
            # The Decided tab, newest first.
            models.Index(
                fields=["-received_at", "-id"], name="moderation_item_decided",
                condition=Q(decided_at__isnull=False),
            ),
            # An author's latest items, however many they have posted.
            models.Index(
                fields=["author", "-received_at", "-id"], name="moderation_item_author_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"

    # On the audit trail, kept for good, by number: the text is personal data.
    audit_label = property(lambda self: f"Comment {self.pk}")

    def set_terms(self, findings) -> None:
        """Mark the terms these findings (stored or as screened) fall under, and only those."""
        found = {f.term for f in findings}
        for term in Term.values:
            setattr(self, term_field(term), term in found)

    @property
    def is_settled(self) -> bool:
        """Decided, and not brought back since by an edit."""
        return self.decided_at is not None

    @property
    def waiting_since(self):
        """The queue's clock: arrival, or the edit that brought it back."""
        return self.reopened_at or self.received_at


class Finding(models.Model):
    """One thing screening found in an item's text, tied to the policy term it touches."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="findings")
    term = models.CharField(max_length=30, choices=FindingTerm.choices)
    kind = models.CharField(
        max_length=40, choices=[(kind, kind.replace("_", " ")) for kind in KINDS]
    )
    match = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    severity = models.PositiveSmallIntegerField()
    characteristic = models.CharField(max_length=30, choices=Characteristic.choices, blank=True)

    class Meta:
        ordering = ["item", "start", "end", "id"]
        constraints = [
            # Each kind belongs to one term (screening.KINDS): a safeguarding concern is never
            # stored under a deletion term, nor a deletion term's kind under safeguarding.
            models.CheckConstraint(
                condition=Q.create(
                    [Q(kind=kind, term=term) for kind, (term, _) in KINDS.items()],
                    connector=Q.OR,
                ),
                name="finding_kind_belongs_to_its_term",
            ),
        ]
        indexes = [
            # The queue's term filter, when the term is rare: its findings first.
            models.Index(fields=["term", "item"], name="moderation_finding_term"),
        ]

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
        OFFERS = "offers", "Offers (soliciting beside a price, a contact or a call to buy)"
        SELF_HARM = "self_harm", "Safeguarding: risk of suicide or self-harm"
        ABUSE_DISCLOSURE = "abuse_disclosure", "Safeguarding: disclosures of abuse or neglect"

    list = models.CharField(max_length=30, choices=List.choices)
    characteristic = models.CharField(
        max_length=30,
        choices=Characteristic.choices,
        blank=True,
        help_text="Only for the hate lists of slurs, groups and phrases.",
    )
    text = models.CharField(max_length=500)  # some entries are patterns with alternatives
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
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    items_created = models.PositiveIntegerField(default=0)
    # Some of its comments could not be stored (the error says which and why): shown to the
    # moderators, who retry it; never retried on its own.
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            # The sweep's: what waits, oldest first.
            models.Index(
                fields=["received_at", "id"], name="moderation_delivery_waiting",
                condition=Q(processed_at__isnull=True, failed_at__isnull=True),
            ),
            # The failed-deliveries page's, newest failure first.
            models.Index(
                fields=["-failed_at", "-id"], name="moderation_delivery_failed",
                condition=Q(failed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} at {self.received_at:%d/%m/%Y %H:%M:%S}"


# Terms whose items must be dealt with promptly (policy §4.1: "abusive content or content that
# contains personal information").
PROMPT_TERMS = frozenset({Term.PERSONAL_DETAILS, Term.BULLYING, Term.INAPPROPRIATE_BEHAVIOUR})
# Abuse aimed at a person or at HWS (an insult, profanity told to someone, hate) is abuse for
# the overdue clock, whatever its severity.
PROMPT_KINDS = frozenset(ABUSE_KINDS)
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


class PlatformActionQuerySet(models.QuerySet):
    def waiting_for_person(self) -> "PlatformActionQuerySet":
        """Actions only a person can now carry out: by hand (the platform has no API for it,
        or the channel is not connected) and not yet done, or failed after every retry.
        The partial index `moderation_action_waiting` holds exactly these rows."""
        return self.filter(WAITING_FOR_PERSON)


WAITING_FOR_PERSON = Q(by_hand=True, status="pending") | Q(status="failed")


class PlatformAction(models.Model):
    """One thing a decision asks of the platform, and how it went.

    On a connected Facebook Page or Instagram account the app does it through the Graph API
    (moderation.meta); whatever no API allows, or a channel not connected, the moderator does
    by hand and confirms here (`by_hand`).
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
    reply_text = models.TextField(
        blank=True, help_text="A private reply's text, kept until it has been sent."
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PlatformActionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind"], name="one_platform_action_per_kind"
            ),
        ]
        indexes = [
            # The to-do page and the count in the navigation read only these rows, oldest
            # first: the index stays as small as the list, whatever the history.
            models.Index(
                fields=["created_at", "id"], condition=WAITING_FOR_PERSON,
                name="moderation_action_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"

    DONE_WORDS = {
        Kind.DELETE: "Deleted", Kind.HIDE: "Hidden", Kind.BLOCK: "Author blocked",
        Kind.UNBLOCK: "Author unblocked", Kind.REPORT: "Reported",
        Kind.REPLY: "Private reply sent",
    }

    @property
    def done_words(self) -> str:
        """What was done, in the past tense: "Deleted" (on Facebook at 09:14)."""
        return self.DONE_WORDS[self.kind]


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
