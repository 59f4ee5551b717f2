"""Safeguarding in the admin site: who was named lead, when, by whom. A concern's evidence and
the lead's records are for the lead, the Chief Executive and the moderator who saw it, and an
administrator is none of those; so they have no admin screens at all."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import LeadAppointment


@admin.register(LeadAppointment)
class LeadAppointmentAdmin(ReadOnlyAdmin):
    list_display = ["named_at", "lead", "named_by"]
    list_select_related = ["lead", "named_by"]
    fields = ["named_at", "lead", "named_by"]
