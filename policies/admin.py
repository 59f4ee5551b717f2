from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import (
    AccountAgreement,
    AccountChangeRequest,
    Policy,
    PolicyReview,
    PolicyVersion,
    SocialAccount,
)


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ["slug", "current_version", "review_due"]
    list_select_related = ["current_version"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "approved_on", "approved_by", "review_due",
                    "responsible_officer", "published_at"]
    list_select_related = ["responsible_officer"]


@admin.register(PolicyReview)
class PolicyReviewAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewed_on", "reviewed_by", "next_review_due"]
    list_select_related = ["version", "reviewed_by"]


@admin.register(SocialAccount)
class SocialAccountAdmin(AuditedAdmin):
    """Administrators may enter an account (as proposed); it opens only with the three
    agreements of policy §3, collected in the app."""

    list_display = ["platform", "handle", "status", "audience", "branding_checked"]
    list_filter = ["platform", "status"]
    search_fields = ["handle", "audience"]
    # An account opens or closes only through the three agreements (policy §3): never by
    # typing a status here, not even on a new entry, which starts as proposed.
    readonly_fields = ["status", "created_at", "created_by"]


@admin.register(AccountChangeRequest)
class AccountChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["account", "kind", "status", "requested_by", "requested_at", "decided_at"]
    list_select_related = ["account", "requested_by"]
    list_filter = ["kind", "status"]


@admin.register(AccountAgreement)
class AccountAgreementAdmin(ReadOnlyAdmin):
    list_display = ["request", "capacity", "given_by", "given_at", "board_meeting_on"]
    list_select_related = ["request__account", "given_by"]
