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
        object_label=_label(target),
        ip_address=current_ip.get(),
        details=details,
    )


def _label(target: models.Model | None) -> str:
    """How the record names its object. The trail is kept for good, so a model whose text is
    personal data (a comment, its author) names itself by number through `audit_label`."""
    if target is None:
        return ""
    return str(getattr(target, "audit_label", target))[:200]
