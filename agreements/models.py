import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import AppendOnlyModel

# The words of the tick box, as the policy's paper form has them.
AGREEMENT_STATEMENT = "I agree to abide by all the guidelines outlined in this document"


def sha256_of(text: str) -> str:
    """The fingerprint of an agreement's exact text (UTF-8), stored and shown as evidence."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AgreementDraft(models.Model):
    """The next version's text while a moderator or the CEO works on it. One at a time."""

    title = models.CharField(max_length=200)
    text = models.TextField(help_text="Markdown: lists with '- ', bold with **double stars**.")
    based_on = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "agreement draft"

    def __str__(self) -> str:
        return f"Draft: {self.title}"


class AgreementVersion(AppendOnlyModel):
    """A published text of the WhatsApp Group Chat Agreement. It never changes: a changed text
    is a new version. `sha256` is taken over `text` when published and re-checked whenever the
    text is shown, so a change made behind the app's back is caught."""

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    text = models.TextField()
    sha256 = models.CharField("SHA-256 of the text", max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="agreement_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    @property
    def is_intact(self) -> bool:
        """Does the stored text still match the fingerprint taken when it was published?"""
        return sha256_of(self.text) == self.sha256


class Signature(AppendOnlyModel):
    """One person's signature of one version, with the evidence of how it was given."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreement_signatures"
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    printed_name = models.CharField(
        max_length=150, help_text="Typed by the signer; it is also their typed signature."
    )
    statement = models.CharField(max_length=200, default=AGREEMENT_STATEMENT)
    signed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    text_sha256 = models.CharField(
        "SHA-256 of the text shown", max_length=64,
        help_text="The fingerprint of the text the signer was shown and signed.",
    )

    class Meta:
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_signature_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_name} signed version {self.version.number}"
