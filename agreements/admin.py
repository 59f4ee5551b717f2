from django.contrib import admin

from core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import AgreementDraft, AgreementVersion, Signature


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "published_at", "published_by", "sha256"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["printed_name", "user", "version", "signed_at", "ip_address", "reference"]
    list_filter = ["version"]
    search_fields = ["printed_name", "user__email", "reference"]
    list_select_related = ["user", "version"]


@admin.register(AgreementDraft)
class AgreementDraftAdmin(AuditedAdmin):
    list_display = ["title", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by", "based_on"]
