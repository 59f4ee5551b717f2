"""Who may see which escalation, and the reads behind the escalation pages. The list and the
report run a fixed number of queries whatever the number of escalations."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.roles import Role
from core.counts import CappedPage, capped_count, capped_page
from core.models import AuditEvent
from moderation.terms import Characteristic
from optins.models import Breach

from .models import Escalation, EscalationOutcome

# Who can open the escalation pages at all; what each of them sees is narrowed below.
ESCALATION_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR)
# Who sees the Board's report (counts only, no content).
BOARD_ROLES = (Role.CHIEF_EXECUTIVE, Role.CHAIR, Role.DIRECTOR)
PAGE_SIZE = 25

# An escalation's audit records name it by its model's label: "moderation.Escalation" for
# those written before escalations became their own app, "escalations.Escalation" since.
AUDIT_LABELS = (Escalation._meta.label, "moderation.Escalation")


def _sees_all(user) -> bool:
    return user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR)


def visible_to(user) -> Q:
    """The escalations `user` may open: the CEO and the Chair all of them; a Director those
    routed to the Directors that nobody has taken yet, and those they took; the moderator the
    ones they raised. Nobody else any."""
    # Nobody sees an escalation about what they themselves posted in a WhatsApp group.
    not_about_them = ~Q(breach__membership__person=user)
    if _sees_all(user):
        return not_about_them
    allowed = Q(raised_by=user)
    if user.has_role(Role.DIRECTOR):
        allowed |= Q(reviewer=user) | Q(
            routed_to=Escalation.RoutedTo.DIRECTORS, reviewer__isnull=True)
    return allowed & not_about_them


def can_view(user, escalation: Escalation) -> bool:
    if not user.is_authenticated or not user.is_approved:
        return False
    if escalation.is_from_a_group and escalation.member == user:
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
        "item__channel", "item__author", "breach__membership__person",
        "breach__membership__group", "raised_by", "reviewer", "evidence_copy",
        "outcome__decided_by", "crime_reference",
    )


def escalation_list(user) -> QuerySet[Escalation]:
    """The list page: only what `user` may see; undecided first, then the latest."""
    if not user.has_any_role(*ESCALATION_ROLES):
        return Escalation.objects.none()
    # The rows with what the list shows of each, in few joins (PostgreSQL takes longer to plan
    # a join of ten tables than to run it); the people, a handful, come in a query each, and
    # the WhatsApp breaches with their member and group in one.
    return (
        Escalation.objects.filter(visible_to(user))
        .select_related("item__channel", "item__author", "outcome", "crime_reference")
        .prefetch_related("raised_by", "reviewer", Prefetch(
            "breach", queryset=Breach.objects.select_related(
                "membership__person", "membership__group")))
        .order_by(F("decided_at").desc(nulls_first=True), "-raised_at", "-pk")
    )


def escalation_page(user, page_number) -> CappedPage:
    """One page of the list, read along the index of its order (counted up to "99+", so a long
    history costs no more)."""
    rows = escalation_list(user)
    return capped_page(rows, page_number, capped_count(rows.order_by()), PAGE_SIZE)


def escalation_detail(pk: int) -> Escalation | None:
    return (
        _with_rows(Escalation.objects.filter(pk=pk))
        .select_related("crime_reference__added_by", "decision", "breach__rule")
        .prefetch_related("consultations__recorded_by", "item__findings")
        .first()
    )


def breach_to_escalate(pk: int) -> Breach | None:
    """A breach of the agreement with what its page shows, and its escalation if raised."""
    return (Breach.objects.select_related(
        "membership__person", "membership__group", "rule", "recorded_by", "escalation__raised_by")
        .filter(pk=pk).first())


def member_breaches(escalation: Escalation) -> list[Breach]:
    """For an escalation from a WhatsApp group: every breach recorded against the member in
    that group, newest first (the page's side panel, as a comment's author history)."""
    return list(Breach.objects.filter(membership_id=escalation.breach.membership_id)
                .select_related("rule").order_by("-recorded_at", "-id"))


def waiting_for(user) -> dict[str, int]:
    """What waits on `user`'s home page, in one query: escalations they review that are
    undecided, and those routed to the Directors that no Director has taken."""
    is_director = user.has_role(Role.DIRECTOR)
    if not is_director and not user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR):
        return {"mine": 0, "untaken": 0}
    counts = Escalation.objects.filter(decided_at__isnull=True).aggregate(
        mine=Count("pk", filter=Q(reviewer=user)),
        untaken=Count("pk", filter=Q(routed_to=Escalation.RoutedTo.DIRECTORS,
                                     reviewer__isnull=True)
                      & ~Q(breach__membership__person=user)),
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
    by_source: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    decided: int = 0
    median_hours: float | None = None
    max_hours: float | None = None


def _local_day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class Median(Aggregate):
    """PostgreSQL's PERCENTILE_CONT(0.5): the median, worked out by the database."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def _median(durations: QuerySet, duration) -> timedelta | None:
    """The median of `duration` over `durations`, where the database has no PERCENTILE_CONT:
    from the sorted durations alone (no rows, no model objects)."""
    ordered = list(durations.annotate(d=duration).order_by("d").values_list("d", flat=True))
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _time_to_decision() -> ExpressionWrapper:
    return ExpressionWrapper(F("decided_at") - F("raised_at"),
                             output_field=DurationField())


def _hours(duration: timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


def naming(characteristic: str) -> Q:
    """The escalations whose JSON list of characteristics names `characteristic`: on
    PostgreSQL by jsonb's `?` (a string element of the array: has_key compiles to it), the
    quickest test of an element; elsewhere as the quoted slug in the list's text."""
    if connection.vendor == "postgresql":
        return Q(characteristics__has_key=characteristic)
    return Q(characteristics__icontains=f'"{characteristic}"')


def board_report(starts: date, ends: date) -> BoardReport:
    """Escalations raised from `starts` to `ends` (inclusive, London dates): counts by
    protected characteristic (an escalation naming two counts under both), by outcome, by
    source (a comment or a WhatsApp group) and by month raised, and the time from raising to
    decision. Aggregated by the database in two queries whatever the number (three where the
    database has no PERCENTILE_CONT)."""
    raised = Escalation.objects.filter(
        raised_at__gte=_local_day_start(starts),
        raised_at__lt=_local_day_start(ends + timedelta(days=1)),
    ).order_by()
    counts = raised.aggregate(
        total=Count("pk"),
        decided=Count("decided_at"),
        **{f"char_{slug}": Count("pk", filter=naming(slug)) for slug in Characteristic.values},
        **{f"outcome_{slug}": Count("pk", filter=Q(outcome__outcome=slug))
           for slug in EscalationOutcome.Outcome.values},
        from_a_group=Count("breach"),
        longest=Max(_time_to_decision()),
        # Undecided escalations have no time to decision: PERCENTILE_CONT leaves them out.
        **({"median": Median(_time_to_decision(), output_field=DurationField())}
           if connection.vendor == "postgresql" else {}),
    )
    report = BoardReport(starts=starts, ends=ends, total=counts["total"])
    report.by_characteristic = [(label, counts[f"char_{slug}"])
                                for slug, label in Characteristic.choices]
    report.by_outcome = [(label, counts[f"outcome_{slug}"])
                         for slug, label in EscalationOutcome.Outcome.choices]
    report.by_outcome.append(("Undecided", counts["total"] - counts["decided"]))
    report.by_source = [
        (Escalation.Source.COMMENT.label, counts["total"] - counts["from_a_group"]),
        (Escalation.Source.WHATSAPP_GROUP.label, counts["from_a_group"])]
    months = dict(
        raised.annotate(month=TruncMonth("raised_at", tzinfo=timezone.get_current_timezone()))
        .values_list("month").annotate(n=Count("pk")).values_list("month", "n")
    )
    months = {f"{month:%Y-%m}": n for month, n in months.items()}
    month = date(starts.year, starts.month, 1)
    while month <= ends:
        report.by_month.append((f"{month:%b %Y}", months.get(f"{month:%Y-%m}", 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    report.decided = counts["decided"]
    if report.decided:
        report.median_hours = _hours(counts["median"] if "median" in counts else _median(
            raised.filter(decided_at__isnull=False), _time_to_decision()))
        report.max_hours = _hours(counts["longest"])
    return report


def audit_events(escalation: Escalation) -> QuerySet[AuditEvent]:
    """The audit records about one escalation, whichever app's name they were written under."""
    return AuditEvent.objects.filter(object_type__in=AUDIT_LABELS, object_id=str(escalation.pk))
