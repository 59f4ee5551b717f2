from django.contrib import admin, messages

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .intake import services
from .models import (
    Author,
    Block,
    Channel,
    Decision,
    Finding,
    Item,
    MetaConnection,
    PlatformAction,
    ReplyTemplate,
    ScreeningWord,
    WebhookDelivery,
)


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = ["name", "platform", "platform_account_id", "active", "created_at"]
    list_filter = ["platform", "active"]
    search_fields = ["name", "platform_account_id"]
    readonly_fields = ["created_at"]
    actions = ["new_webhook_secret"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self._show_secret(request, obj)

    @admin.action(description="Make a new webhook secret (shown once)")
    def new_webhook_secret(self, request, queryset):
        for channel in queryset:
            services.rotate_webhook_secret(request.user, channel)
            self._show_secret(request, channel)

    def _show_secret(self, request, channel):
        self.message_user(
            request,
            f"Webhook secret for “{channel.name}” (POST /webhooks/channels/{channel.pk}/), "
            f"shown only now: {channel.webhook_secret}",
            messages.WARNING,
        )


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    readonly_fields = ["term", "kind", "match", "start", "end", "severity", "characteristic"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(AuditedAdmin):
    list_display = ["__str__", "channel", "source", "severity", "posted_at", "received_at",
                    "removed_on_platform_at"]
    list_filter = ["channel", "source", "severity"]
    search_fields = ["text", "platform_item_id", "author__name"]
    list_select_related = ["channel", "author"]
    readonly_fields = [f.name for f in Item._meta.fields]
    inlines = [FindingInline]

    def has_add_permission(self, request):
        return False


@admin.register(Author)
class AuthorAdmin(AuditedAdmin):
    list_display = ["name", "platform_author_id", "channel"]
    list_filter = ["channel"]
    search_fields = ["name", "platform_author_id"]


@admin.register(ScreeningWord)
class ScreeningWordAdmin(AuditedAdmin):
    list_display = ["text", "list", "characteristic", "added_by", "added_at"]
    list_filter = ["list", "characteristic"]
    search_fields = ["text"]
    readonly_fields = ["added_by", "added_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(AuditedAdmin):
    list_display = ["__str__", "kind", "channel", "received_at", "processed_at", "failed_at",
                    "items_created"]
    list_filter = ["kind", "processed_at", "failed_at"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["decided_at", "action", "item", "decided_by", "corrects"]
    list_filter = ["action"]
    list_select_related = ["item__author", "decided_by", "corrects"]
    search_fields = ["note", "report_reference"]


@admin.register(PlatformAction)
class PlatformActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "status", "by_hand", "attempts", "confirmed_by"]
    list_filter = ["status", "kind"]
    list_select_related = ["confirmed_by"]


@admin.register(MetaConnection)
class MetaConnectionAdmin(ReadOnlyAdmin):
    """Connections are made on the channel's page, where the token is checked with Meta; the
    token itself is never shown."""

    list_display = ["channel", "account_name", "status", "expires_at", "connected_at"]
    list_select_related = ["channel"]
    fields = ["channel", "account_name", "page_id", "status", "problem", "missing_scopes",
              "expires_at", "subscribed", "generation", "connected_by", "connected_at",
              "backfilled_at"]


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["author", "decision", "lifted_by"]
    list_select_related = ["author", "decision", "lifted_by"]


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    list_display = ["name", "term", "active", "updated_at"]
