from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .queue_models import Block, Decision, Escalation, PlatformAction, ReplyTemplate

__all__: list[str] = []


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


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["author", "decision", "lifted_by"]
    list_select_related = ["author", "decision", "lifted_by"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["raised_at", "item", "raised_by"]
    list_select_related = ["item__author", "raised_by"]


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    list_display = ["name", "term", "active", "updated_at"]
