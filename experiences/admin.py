from django.contrib import admin

from .models import Experience, Service, Theme


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "keywords", "active"]
    list_filter = ["active"]
    search_fields = ["name", "keywords"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "keywords", "active"]
    list_filter = ["active"]
    search_fields = ["name", "keywords"]


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    """Read-only: experiences are recorded and corrected in the app, with their audit."""

    list_display = ["happened_on", "source", "service", "sentiment", "recorded_by"]
    list_filter = ["source", "sentiment", "service"]
    list_select_related = ["service", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
