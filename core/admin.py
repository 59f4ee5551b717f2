from django.contrib import admin

from .models import AuditEvent, Notice


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may change, not even an administrator."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_label", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "object_id"]
    date_hierarchy = "at"


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "subject", "key", "period", "dismissed_at"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "key"]
