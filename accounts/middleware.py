"""Gates every signed-in request passes: sign-out after a time without activity for the
roles that handle sensitive reports, an approved account, and two-factor authentication for
the roles that need it (SPEC, People and roles)."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# Pages a person must reach to finish signing up, verify an email or sign out.
ACCOUNT_FLOW_URLS = {
    "account_logout", "account_confirm_email", "account_email_verification_sent",
    "account_login", "account_signup", "account_reset_password",
    "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_email", "account_change_password",
    "accounts_pending", "healthz",
}
MFA_SETUP_URLS = {
    "mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "mfa_list_webauthn",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes", "mfa_download_recovery_codes", "account_reauthenticate",
    "mfa_reauthenticate",
}
STATIC_PREFIXES = ("/static/", "/media/")


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class _Gate:
    """Send signed-in people who must do something first to the page where they do it."""

    redirect_to = ""
    exempt_urls: set[str] = set()
    message = ""  # said on the page people are sent to

    def __init__(self, get_response):
        self.get_response = get_response

    def must_stop(self, user) -> bool:
        raise NotImplementedError

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(STATIC_PREFIXES)
            and self.must_stop(user)
            and _url_name(request) not in self.exempt_urls
        ):
            if self.message:
                messages.info(request, self.message)
            return redirect(self.redirect_to)
        return self.get_response(request)


class ApprovalRequiredMiddleware(_Gate):
    redirect_to = "accounts_pending"
    exempt_urls = ACCOUNT_FLOW_URLS

    def must_stop(self, user) -> bool:
        return not user.is_approved


def needs_two_factor_setup(user) -> bool:
    """A role that must use two-factor (SPEC, People and roles), and no authenticator yet."""
    return (
        user.is_approved
        and user.has_any_role(*settings.HWS_MFA_REQUIRED_ROLES)
        and not Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
    )


class MFARequiredMiddleware(_Gate):
    redirect_to = "mfa_activate_totp"
    exempt_urls = ACCOUNT_FLOW_URLS | MFA_SETUP_URLS
    message = (
        "Your role needs two-factor authentication, because you handle sensitive reports. "
        "Set up an authenticator app on your phone below, or add a passkey (your fingerprint, "
        "face or a security key) from “Two-factor authentication”; then everything else opens."
    )

    def must_stop(self, user) -> bool:
        return needs_two_factor_setup(user)


LAST_ACTIVITY_KEY = "hws_last_activity"
# The time of the last activity is written at most this often, so that a page does not cost a
# session write on every request; the sign-out is at most this late.
ACTIVITY_RESOLUTION_SECONDS = 60


def note_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in is activity (connected to user_logged_in in AccountsConfig.ready)."""
    if hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = time.time()


class IdleSignOutMiddleware:
    """Sign out the roles in HWS_IDLE_SIGN_OUT_ROLES after SESSION_IDLE_MINUTES without a
    request, and say why on the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.has_any_role(*settings.HWS_IDLE_SIGN_OUT_ROLES):
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.SESSION_IDLE_MINUTES} minutes without "
                    "activity, to keep sensitive reports safe. Sign in again to go on.",
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
