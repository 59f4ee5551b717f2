"""The client's address, from one place, for rate limits, the audit trail and signature evidence.

Behind a proxy every request comes from the proxy, so the address has to be read from
X-Forwarded-For; but anyone can send that header, so only the entries added by proxies we run
are believed. `TRUSTED_PROXY_COUNT` (ALLAUTH_TRUSTED_PROXY_COUNT, read by allauth too) says how
many there are: 0 (no proxy) ignores the header, 1 (the compose file's Caddy) takes the entry
Caddy appended, the right-most, whatever the client put before it.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str | None:
    """The address of whoever sent `request`, as our own proxies saw it; None if unknown.

    Agrees with allauth's `get_client_ip` for the same count (accounts.adapter makes allauth
    use this very function), except that a header with fewer entries than trusted proxies
    falls back to REMOTE_ADDR with a warning instead of a 500.
    """
    count = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if count > 0 and forwarded:
        entries = forwarded.split(",")
        if len(entries) >= count:
            return _clean(entries[-count])
        logger.warning(
            "X-Forwarded-For has %d entries but TRUSTED_PROXY_COUNT is %d: using REMOTE_ADDR.",
            len(entries), count,
        )
    return _clean(request.META.get("REMOTE_ADDR", ""))


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:51234"
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
