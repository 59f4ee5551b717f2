from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a record that must never change."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} records cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} records cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A record written once: decisions, signatures, consent, the audit trail.

    The ORM paths refuse here; migrations add database triggers behind them
    (core.migrations.append_only_triggers) so raw SQL is refused too.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} records cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """Who did what to which object, when, and from where."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, help_text="Kept even if the account goes.")
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = "audit record"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_label}"


class Notice(models.Model):
    """Something a person is told, once: on their home page and by email.

    `key` names what it is about and `period` when ("policy-3:review-30d", "2026-W48"):
    the unique constraint is what makes a reminder task safe to run twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    key = models.CharField(max_length=120)
    period = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When its email went; empty until it goes (the sweep retries).",
    )
    settled_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the matter it is about was dealt with: it leaves the home page.",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key", "period"], name="one_notice_per_recipient_key_period"
            ),
        ]
        # Settling finds a matter's notices by key, whoever they went to.
        indexes = [models.Index(fields=["key"], name="core_notice_key")]

    def __str__(self) -> str:
        return self.subject


class DemoData(models.Model):
    """Marks a local database into which `seed_demo` has loaded the demo data, so a second
    `dev.py run` sees it with one query instead of seeding again (a local run only)."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo data marker"
        verbose_name_plural = "demo data marker"

    def __str__(self) -> str:
        return f"Demo data loaded {self.loaded_at:%d/%m/%Y %H:%M}"
