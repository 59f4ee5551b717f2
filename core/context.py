"""Who is acting and from where, for the audit trail, without threading `request` through
every service call. Set by core.middleware for web requests; empty in Celery tasks."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def client_ip(request) -> str | None:
    # REMOTE_ADDR is the proxy in production; SECURE_PROXY_SSL_HEADER's proxy also sets
    # X-Forwarded-For, whose last hop is the one the proxy itself saw.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None
