from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import AgreementRule, Breach, Consent, Group, Membership, MonitoringLog, OptInRequest


@admin.register(Group)
class GroupAdmin(AuditedAdmin):
    list_display = ("name", "role", "is_active")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AgreementRule)
class AgreementRuleAdmin(AuditedAdmin):
    list_display = ("number", "text")



@admin.register(OptInRequest)
class OptInRequestAdmin(ReadOnlyAdmin):
    list_display = ("person", "group", "status", "channel", "created_at")
    list_filter = ("status", "group", "channel")
    exclude = ("mobile",)  # numbers are shown on the moderator's screens only, audited


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("person", "group", "status", "joined_at", "removed_at")
    list_filter = ("status", "group")
    exclude = ("mobile",)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("person", "group", "kind", "channel", "at")
    list_filter = ("kind", "group")


@admin.register(MonitoringLog)
class MonitoringLogAdmin(ReadOnlyAdmin):
    list_display = ("group", "week", "outcome", "monitored_on", "logged_by")
    list_filter = ("outcome", "group")


@admin.register(Breach)
class BreachAdmin(ReadOnlyAdmin):
    list_display = ("membership", "rule", "action", "recorded_at")
