"""Who may see which safeguarding concern, and the reads behind its pages (a fixed number of
queries whatever the number of concerns)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.roles import Role
from moderation.models import Decision

from .models import Concern, LeadAppointment, Response

# Who can open the safeguarding pages at all (and who may be named lead); what each of them
# sees is narrowed below.
SAFEGUARDING_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR, Role.STAFF)


def current_appointment() -> LeadAppointment | None:
    return LeadAppointment.objects.select_related("lead", "named_by").first()


def current_lead():
    appointment = current_appointment()
    return appointment.lead if appointment else None


def _sees_all(user, lead) -> bool:
    return user.has_role(Role.CHIEF_EXECUTIVE) or (lead is not None and lead.pk == user.pk)


def visible_to(user, lead) -> Q:
    """The concerns `user` may open: the Chief Executive and the lead all of them; the lead at
    the time those raised while they were lead; a moderator those whose comment they decided or
    logged. Nobody else any."""
    if _sees_all(user, lead):
        return Q()
    allowed = Q(lead=user)
    if user.has_role(Role.MODERATOR):
        allowed |= Q(item__logged_by=user) | Q(
            Exists(Decision.objects.filter(item=OuterRef("item"), decided_by=user))
        )
    return allowed


def can_view(user, concern: Concern, lead) -> bool:
    return Concern.objects.filter(visible_to(user, lead), pk=concern.pk).exists()


def can_record(user, lead) -> bool:
    """Record what was done: the lead, and the Chief Executive."""
    return _sees_all(user, lead)


def concerns_for(user, lead) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(visible_to(user, lead))
        .select_related("item__channel", "item__author", "lead")
        .prefetch_related(
            Prefetch("responses", queryset=Response.objects.select_related("recorded_by"))
        )
        .order_by("-raised_at", "-pk")
    )


def concern_detail(pk: int) -> Concern | None:
    return (
        Concern.objects.select_related("item__channel", "item__author", "lead")
        .prefetch_related(
            Prefetch("responses", queryset=Response.objects.select_related("recorded_by"))
        )
        .filter(pk=pk)
        .first()
    )


def unanswered_count(user, lead) -> int:
    """Concerns nobody has recorded anything on, for the people who record."""
    if not can_record(user, lead):
        return 0
    return Concern.objects.filter(~Exists(Response.objects.filter(concern=OuterRef("pk")))).count()
