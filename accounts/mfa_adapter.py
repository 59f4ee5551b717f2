from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # People whose role requires two-factor cannot switch their authenticator app off;
        # an administrator can remove it in the admin site when a phone is lost.
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.has_any_role(
            *settings.HWS_MFA_REQUIRED_ROLES
        ):
            return False
        return super().can_delete_authenticator(authenticator)
