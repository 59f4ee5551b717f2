from django.contrib import admin

from . import audit
from .counts import ADMIN_CAP, CappedPaginator
from .models import AuditEvent, Notice


class AuditedAdmin(admin.ModelAdmin):
    """Every change made in the admin site goes on the app's audit trail too, like a change
    made in the app: Django's own admin log is not the audit trail (it can be edited and is
    not what the CEO exports). Every admin screen that can change something uses this.

    Its change lists never count a whole table: the rows are counted up to a cap
    (core.counts.CappedPaginator) and the unfiltered total is not asked for."""

    paginator = CappedPaginator
    show_full_result_count = False

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit.record(request.user, "admin.added", obj, change=entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        audit.record(request.user, "admin.changed", obj, change=entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, "admin.deleted", obj)
        return super().log_deletions(request, queryset)


class ReadOnlyAdmin(AuditedAdmin):
    """For records nobody may change, not even an administrator."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def recent_values(field: str, title: str) -> type[admin.SimpleListFilter]:
    """A change-list filter for a field without choices, offering the values found among the
    latest ADMIN_CAP rows. Django's own filter (and its date hierarchy) lists every distinct
    value of the whole table, reading all of it on every visit; an older, rarer value is
    still found by the search box."""

    class RecentValues(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            latest = model_admin.get_queryset(request).order_by("-pk").values_list(
                field, flat=True)[:ADMIN_CAP]
            return [(value, value) for value in sorted(set(latest))]

        def queryset(self, request, queryset):
            return queryset.filter(**{field: self.value()}) if self.value() else queryset

    RecentValues.title = title
    return RecentValues


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_label", "ip_address"]
    # "at" by Django's date filter (today, the past 7 days, this month, this year): no query.
    list_filter = [recent_values("action", "action"), recent_values("object_type", "object type"),
                   "at"]
    search_fields = ["actor_label", "object_label", "object_id"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "subject", "key", "period", "dismissed_at"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "key"]
