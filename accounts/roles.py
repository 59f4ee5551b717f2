"""The people of the SPEC's role table, and the role checks every view uses."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models


class Role(models.TextChoices):
    MODERATOR = "moderator", "Moderator"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive"
    CHAIR = "chair", "Chair"
    DIRECTOR = "director", "Director"
    VOLUNTEER = "volunteer", "Volunteer"
    STAFF = "staff", "Staff"
    ADMINISTRATOR = "administrator", "Administrator"


# The CEO "sees everything a moderator sees" (SPEC, People and roles).
MODERATION_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE)
# People who sign the WhatsApp Group Chat Agreement.
SIGNER_ROLES = (Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF)


def role_required(*roles: str) -> Callable:
    """Deny (403) unless the signed-in person holds one of `roles`.

    Anonymous people never get here: LoginRequiredMiddleware sends them to sign in first.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_any_role(*roles):
                raise PermissionDenied("Your role does not include this page.")
            return view(request, *args, **kwargs)

        wrapped.required_roles = tuple(roles)
        return wrapped

    return decorator
