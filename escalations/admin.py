"""Escalations in the admin site: who raised each, when, to whom it went, and nothing of its
content. Only the CEO, the Chair, the Directors acting on it and the raising moderator may see
an escalation's evidence and review (SPEC, Hate-crime escalations), and an administrator is
none of those; so the evidence, consultations and decisions have no admin screens at all."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Escalation


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "raised_at", "raised_by", "routed_to", "reviewer"]
    list_select_related = ["raised_by", "reviewer"]
    fields = ["raised_at", "raised_by", "routed_to", "routing_reason", "reviewer", "taken_at"]
