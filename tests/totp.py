import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

# A code typed in the last moments of its period reaches the server in the next one, where it
# is no longer accepted (allauth allows no drift by default): wait for a fresh period instead.
FRESH_SECONDS = 3


def current_code(secret: str) -> str:
    """The authenticator code a person would type now, with time left to be accepted."""
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < FRESH_SECONDS:
        time.sleep(left + 0.05)  # once: under a frozen test clock the period never ends
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
