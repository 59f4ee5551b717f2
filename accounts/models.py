import json
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import BaseUserManager as DjangoBaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from .roles import Role


class UserManager(DjangoBaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True, approval=User.Approval.APPROVED)
        user = self.create_user(email, password, **fields)
        UserRole.objects.get_or_create(user=user, role=Role.ADMINISTRATOR)
        return user

    def with_role(self, *roles: str) -> models.QuerySet["User"]:
        """The people holding any of `roles`: approved, active, each once."""
        # A subquery rather than a join: each person once without DISTINCT, so callers can
        # order, page and stream the rows cheaply.
        return self.filter(
            approval=User.Approval.APPROVED, is_active=True,
            pk__in=UserRole.objects.filter(role__in=roles).values("user_id"),
        )


class User(AbstractBaseUser, PermissionsMixin):
    class Approval(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    approval = models.CharField(
        max_length=10, choices=Approval.choices, default=Approval.PENDING, db_index=True
    )
    approval_decided_at = models.DateTimeField(null=True, blank=True)
    approval_decided_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to this admin site (administrators only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # Single-key shortcuts (the moderation queue) can be turned off or remapped per person
    # (WCAG 2.1.4): speech input and tremors press letters nobody meant as commands.
    shortcuts_on = models.BooleanField("use single-key shortcuts", default=True)
    shortcut_keys = models.JSONField(
        default=dict, blank=True,
        help_text="Keys chosen instead of the usual ones: {usual key: chosen key}.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]

    @property
    def is_approved(self) -> bool:
        return self.approval == self.Approval.APPROVED

    @cached_property
    def role_slugs(self) -> frozenset[str]:
        """Roles are read once per request; an unapproved account holds none."""
        if not self.is_approved:
            return frozenset()
        return frozenset(self.roles.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_slugs

    def has_any_role(self, *roles: str) -> bool:
        return not self.role_slugs.isdisjoint(roles)

    @property
    def shortcut_settings_json(self) -> str:
        """What the moderation pages' script reads: are shortcuts on, and which keys moved."""
        return json.dumps({"on": self.shortcuts_on, "keys": self.shortcut_keys or {}})

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.role_slugs]

    def is_absent_on(self, day: date) -> bool:
        return self.absences.filter(starts_on__lte=day, ends_on__gte=day).exists()


class UserRole(models.Model):
    """One role held by one person; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_row_per_user_role"),
        ]
        verbose_name = "role"

    def __str__(self) -> str:
        return Role(self.role).label


class Absence(models.Model):
    """The CEO (or Chair) away: escalations go to whoever stands in (policy §4.1)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} absent {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"
