from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render

from core.admin import AuditedAdmin

from . import services
from .models import Absence, User, UserRole
from .roles import Role


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


class ApproveForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple,
        help_text="A person may hold more than one role.",
    )


class RejectForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "full_name", "approval", "role_list", "date_joined", "last_login"]
    list_filter = ["approval", "roles__role", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["approval", "approval_decided_at", "approval_decided_by",
                       "rejection_reason", "date_joined", "last_login"]
    inlines = [UserRoleInline]
    actions = ["approve_with_roles", "reject"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Approval", {"fields": ("approval", "approval_decided_at", "approval_decided_by",
                                 "rejection_reason")}),
        ("Admin site", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("email", "full_name", "password1", "password2")}),)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    def save_model(self, request, obj, form, change):
        # What the person held before this save: a role removed in the inline or the account
        # deactivated is a departure (services.record_departure, after the inlines are saved).
        if change:
            before = User.objects.get(pk=obj.pk)
            request._hws_before = (
                set(UserRole.objects.filter(user=obj).values_list("role", flat=True)),
                before.is_active,
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            roles_before, was_active = request._hws_before
            services.record_departure(form.instance, roles_before=roles_before,
                                      was_active=was_active, actor=request.user)

    def get_ordering(self, request):
        # Pending accounts first: they are what the administrator comes here for.
        pending_first = Case(
            When(approval=User.Approval.PENDING, then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        )
        return [pending_first.asc(), "-date_joined"]

    @admin.display(description="Roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(Role(r.role).label for r in obj.roles.all()) or "—"

    @admin.action(description="Approve selected accounts with a role…")
    def approve_with_roles(self, request, queryset):
        form = ApproveForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for person in queryset:
                services.approve_account(person, form.cleaned_data["roles"], actor=request.user)
            self.message_user(request, f"Approved {queryset.count()} account(s); each has "
                              "been emailed that they can now sign in.", messages.SUCCESS)
            return None
        return render(request, "admin/accounts/approve.html", {
            **self.admin_site.each_context(request), "title": "Approve accounts",
            "people": queryset, "form": form, "action": "approve_with_roles",
            "opts": self.model._meta,
        })

    @admin.action(description="Reject selected accounts…")
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            for person in queryset:
                services.reject_account(person, actor=request.user,
                                        reason=form.cleaned_data["reason"])
            self.message_user(request, f"Rejected {queryset.count()} account(s).",
                              messages.WARNING)
            return None
        return render(request, "admin/accounts/approve.html", {
            **self.admin_site.each_context(request), "title": "Reject accounts",
            "people": queryset, "form": form, "action": "reject", "opts": self.model._meta,
        })


@admin.register(Absence)
class AbsenceAdmin(AuditedAdmin):
    list_display = ["user", "starts_on", "ends_on", "note"]
    list_select_related = ["user"]
