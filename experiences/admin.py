from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Experience, Service, Theme


@admin.register(Service, Theme)
class ListEntryAdmin(AuditedAdmin):
    """The charity's list of services and its taxonomy of themes, with their keywords."""

    list_display = ["name", "keywords", "active"]
    list_filter = ["active"]
    search_fields = ["name", "keywords"]


@admin.register(Experience)
class ExperienceAdmin(ReadOnlyAdmin):
    """Experiences are recorded and corrected in the app, with their audit."""

    list_display = ["happened_on", "source", "service", "sentiment", "recorded_by"]
    list_filter = ["source", "sentiment", "service"]
    list_select_related = ["service", "recorded_by"]
