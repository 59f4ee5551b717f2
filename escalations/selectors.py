"""Who may see which escalation, and the reads behind the escalation pages. The list and the
report run a fixed number of queries whatever the number of escalations."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEvent
from moderation.terms import Characteristic

from .models import Escalation, EscalationOutcome

# Who can open the escalation pages at all; what each of them sees is narrowed below.
ESCALATION_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR)
# Who sees the Board's report (counts only, no content).
BOARD_ROLES = (Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR)

# An escalation's audit records name it by its model's label: "moderation.Escalation" for
# those written before escalations became their own app, "escalations.Escalation" since.
AUDIT_LABELS = (Escalation._meta.label, "moderation.Escalation")


def _sees_all(user) -> bool:
    return user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR)


def visible_to(user) -> Q:
    """The escalations `user` may open: the CEO and the Chair all of them; a Director those
    routed to the Directors that nobody has taken yet, and those they took; the moderator the
    ones they raised. Nobody else any."""
    if _sees_all(user):
        return Q()
    allowed = Q(raised_by=user)
    if user.has_role(Role.DIRECTOR):
        allowed |= Q(reviewer=user) | Q(
            routed_to=Escalation.RoutedTo.DIRECTORS, reviewer__isnull=True)
    return allowed


def can_view(user, escalation: Escalation) -> bool:
    if not user.is_authenticated or not user.is_approved:
        return False
    if _sees_all(user) or escalation.raised_by_id == user.pk:
        return True
    if user.has_role(Role.DIRECTOR):
        return escalation.reviewer_id == user.pk or escalation.waits_for_a_director()
    return False


def can_act(user, escalation: Escalation) -> bool:
    """Record consultations and the decision: the reviewer only."""
    return escalation.reviewer_id is not None and escalation.reviewer_id == user.pk


def _with_rows(escalations: QuerySet[Escalation]) -> QuerySet[Escalation]:
    return escalations.select_related(
        "item__channel", "item__author", "raised_by", "reviewer", "evidence_copy",
        "outcome__decided_by", "crime_reference",
    )


def escalation_list(user) -> QuerySet[Escalation]:
    """The list page: only what `user` may see; undecided first, then the latest."""
    if not user.has_any_role(*ESCALATION_ROLES):
        return Escalation.objects.none()
    return _with_rows(Escalation.objects.filter(visible_to(user))).order_by(
        F("outcome__decided_at").desc(nulls_first=True), "-raised_at", "-pk")


def escalation_detail(pk: int) -> Escalation | None:
    return (
        _with_rows(Escalation.objects.filter(pk=pk))
        .select_related("crime_reference__added_by", "decision")
        .prefetch_related("consultations__recorded_by", "item__findings")
        .first()
    )


def waiting_for(user) -> dict[str, int]:
    """What waits on `user`'s home page, in one query: escalations they review that are
    undecided, and those routed to the Directors that no Director has taken."""
    is_director = user.has_role(Role.DIRECTOR)
    if not is_director and not user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR):
        return {"mine": 0, "untaken": 0}
    counts = Escalation.objects.filter(outcome__isnull=True).aggregate(
        mine=Count("pk", filter=Q(reviewer=user)),
        untaken=Count("pk", filter=Q(routed_to=Escalation.RoutedTo.DIRECTORS,
                                     reviewer__isnull=True)),
    )
    if not is_director:
        counts["untaken"] = 0
    return counts


# --- the Board's report --------------------------------------------------------------------

@dataclass
class BoardReport:
    starts: date
    ends: date
    total: int = 0
    by_characteristic: list[tuple[str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    decided: int = 0
    median_hours: float | None = None
    max_hours: float | None = None


def _local_day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def board_report(starts: date, ends: date) -> BoardReport:
    """Escalations raised from `starts` to `ends` (inclusive, London dates): counts by
    protected characteristic (an escalation naming two counts under both), by outcome and by
    month raised, and the time from raising to decision. One query."""
    rows = list(
        Escalation.objects.filter(
            raised_at__gte=_local_day_start(starts),
            raised_at__lt=_local_day_start(ends + timedelta(days=1)),
        ).values_list("raised_at", "characteristics", "outcome__outcome", "outcome__decided_at")
    )
    report = BoardReport(starts=starts, ends=ends, total=len(rows))
    characteristics: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    months: Counter[str] = Counter()
    hours = []
    for raised_at, chars, outcome, decided_at in rows:
        characteristics.update(c for c in chars if c in Characteristic.values)
        outcomes[outcome or ""] += 1
        months[timezone.localtime(raised_at).strftime("%Y-%m")] += 1
        if decided_at is not None:
            hours.append((decided_at - raised_at).total_seconds() / 3600)
    report.by_characteristic = [(label, characteristics[slug])
                                for slug, label in Characteristic.choices]
    report.by_outcome = [(label, outcomes[slug])
                         for slug, label in EscalationOutcome.Outcome.choices]
    report.by_outcome.append(("Undecided", outcomes[""]))
    month = date(starts.year, starts.month, 1)
    while month <= ends:
        report.by_month.append((f"{month:%b %Y}", months[f"{month:%Y-%m}"]))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    report.decided = len(hours)
    if hours:
        report.median_hours = round(statistics.median(hours), 1)
        report.max_hours = round(max(hours), 1)
    return report


def audit_events(escalation: Escalation) -> QuerySet[AuditEvent]:
    """The audit records about one escalation, whichever app's name they were written under."""
    return AuditEvent.objects.filter(object_type__in=AUDIT_LABELS, object_id=str(escalation.pk))
