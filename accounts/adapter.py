import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from django.core.exceptions import PermissionDenied

from core.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # New sign-ups wait for an administrator; the approval middleware keeps them out.
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.approval = user.Approval.PENDING
        if commit:
            user.save()
        return user

    def get_client_ip(self, request) -> str:
        # One answer for rate limits, the audit trail and signature evidence.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # allauth counts only an explicit "confirm your password" as recent, so a moderator
        # sent straight from signing in to set up two-factor was asked for the password they
        # had just typed. A sign-in within the reauthentication window is proof enough.
        request = context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
