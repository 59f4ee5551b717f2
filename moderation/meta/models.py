"""How the app reaches a Facebook Page or an Instagram professional account: the channel's
connection. Exposed with every other moderation model by moderation.models."""

from django.conf import settings
from django.db import models

from core.encryption import EncryptedTextField


class MetaConnection(models.Model):
    """A channel's Page access token (encrypted, never shown again), what Meta said about it
    when it was checked, and whether it still works. `generation` counts the connections, so
    "this token stopped working" is told once per token."""

    class Status(models.TextChoices):
        CONNECTED = "connected", "Connected"
        NEEDS_RECONNECTING = "needs_reconnecting", "Needs reconnecting"

    channel = models.OneToOneField(
        "moderation.Channel", on_delete=models.CASCADE, related_name="meta_connection"
    )
    access_token = EncryptedTextField(editable=False)
    page_id = models.CharField(
        max_length=64, help_text="The Facebook Page the token belongs to (for Instagram, the "
        "Page linked to the account)."
    )
    account_name = models.CharField(max_length=200, blank=True)
    missing_scopes = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    subscribed = models.BooleanField(
        default=False, help_text="Meta sends this Page's comments to the app's webhook."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONNECTED)
    problem = models.CharField(max_length=300, blank=True)
    generation = models.PositiveIntegerField(default=1)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    connected_at = models.DateTimeField()
    backfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Meta connection"

    def __str__(self) -> str:
        return f"{self.channel} — {self.get_status_display()}"

    @property
    def works(self) -> bool:
        return self.status == self.Status.CONNECTED
