from typing import Any

from django.db import models

from .context import current_ip
from .models import AuditEvent


def record(actor, action: str, target: models.Model | None = None, **details: Any) -> AuditEvent:
    """Write one audit record. Call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=(actor.email if getattr(actor, "pk", None) else "system"),
        action=action,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:200] if target is not None else "",
        ip_address=current_ip.get(),
        details=details,
    )
