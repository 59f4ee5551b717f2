from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import ErasureRequest, Redaction, RetentionRule, RetentionRun


@admin.register(RetentionRule)
class RetentionRuleAdmin(AuditedAdmin):
    """The schedule an administrator changes; the rules themselves are made by a migration."""

    list_display = ["kind", "keep_days", "then", "updated_at"]
    fields = ["kind", "keep_days", "then", "reason"]
    readonly_fields = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # A legal hold has no period to change, only its reason.
        if obj is not None and obj.kind not in RetentionRule.ENFORCED:
            return ["kind", "keep_days"]
        return self.readonly_fields


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["at", "counts"]


@admin.register(Redaction)
class RedactionAdmin(ReadOnlyAdmin):
    list_display = ["item_id", "kinds", "run", "erasure", "at"]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ["subject", "received_on", "made_by", "made_at"]
