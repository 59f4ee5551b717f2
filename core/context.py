"""Who is acting and from where, for the audit trail, without threading `request` through
every service call. Set by core.middleware for web requests; empty in Celery tasks."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)
